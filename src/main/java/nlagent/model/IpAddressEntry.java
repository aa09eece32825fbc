package nlagent.model;

import java.util.Arrays;

/**
 * One IPv4 or IPv6 address of a namespace (RTM_GETADDR), with the agent's own bookkeeping of when
 * it appeared and last changed. Immutable.
 *
 * @param family                   AF_INET (2) or AF_INET6 (10)
 * @param ifIndex                  the interface it is on
 * @param address                  4 or 16 bytes
 * @param prefixLength             ifa_prefixlen
 * @param flags                    IFA_F_* flags (IFA_FLAGS)
 * @param broadcast                IPv4 broadcast address (IFA_BROADCAST), or empty
 * @param preferredLifetimeSeconds remaining preferred lifetime, 0xFFFFFFFF for forever, -1 unknown
 * @param validLifetimeSeconds     remaining valid lifetime, 0xFFFFFFFF for forever, -1 unknown
 * @param createdNanos             ticker time the agent first saw it; 0 if it was there at the agent's first reading
 * @param lastChangedNanos         ticker time of its last change (flags, prefix, lifetimes, interface); 0 if none seen
 */
public record IpAddressEntry(int family, int ifIndex, byte[] address, int prefixLength, int flags, byte[] broadcast,
                             long preferredLifetimeSeconds, long validLifetimeSeconds, long createdNanos, long lastChangedNanos) {
    public IpAddressEntry {
        address = address.clone();
        broadcast = broadcast.clone();
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public byte[] broadcast() {
        return broadcast.clone();
    }

    public boolean isIpv4() {
        return address.length == 4;
    }

    /** The same address and interface: the identity across refreshes. */
    public boolean sameAddress(IpAddressEntry o) {
        return ifIndex == o.ifIndex && Arrays.equals(address, o.address);
    }

    /** Whether anything the tables show changed (the agent's own times excluded). */
    public boolean sameState(IpAddressEntry o) {
        return sameAddress(o) && prefixLength == o.prefixLength && flags == o.flags && Arrays.equals(broadcast, o.broadcast)
                && preferredLifetimeSeconds == o.preferredLifetimeSeconds && validLifetimeSeconds == o.validLifetimeSeconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddressEntry e && sameState(e) && family == e.family && createdNanos == e.createdNanos
                && lastChangedNanos == e.lastChangedNanos;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + ifIndex;
    }
}
