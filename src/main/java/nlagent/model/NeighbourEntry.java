package nlagent.model;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One IPv4 or IPv6 neighbour (ARP / ND cache entry) of a namespace as the kernel reported it.
 * Immutable; MIB semantics (which states a table shows, type and state codes) are applied in
 * {@code nlagent.mib}.
 *
 * @param family          AF_INET (2) or AF_INET6 (10)
 * @param ifIndex         interface
 * @param address         the neighbour's IP address (4 or 16 bytes)
 * @param linkAddress     its link-layer address; empty when unresolved
 * @param state           NUD_* state (INCOMPLETE 0x01, REACHABLE 0x02, STALE 0x04, DELAY 0x08, PROBE 0x10, FAILED 0x20, NOARP 0x40, PERMANENT 0x80, NONE 0)
 * @param updatedAtNanos  {@link nlagent.time.Ticker} time the kernel last changed the entry (from ndm_updated)
 */
public record NeighbourEntry(int family, int ifIndex, byte[] address, byte[] linkAddress, int state, long updatedAtNanos) {

    /** NUD_* states (linux/neighbour.h); the kernel reports one at a time. */
    public static final int NUD_NONE = 0x00, NUD_INCOMPLETE = 0x01, NUD_REACHABLE = 0x02, NUD_STALE = 0x04,
            NUD_DELAY = 0x08, NUD_PROBE = 0x10, NUD_FAILED = 0x20, NUD_NOARP = 0x40, NUD_PERMANENT = 0x80;

    /** ipNetToPhysicalTable order: ifIndex, address type (IPv4 before IPv6), address bytes. */
    public static final Comparator<NeighbourEntry> INDEX_ORDER = Comparator.comparingInt(NeighbourEntry::ifIndex)
            .thenComparingInt(NeighbourEntry::family)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.address, b.address));

    public NeighbourEntry {
        address = address.clone();
        linkAddress = linkAddress == null ? new byte[0] : linkAddress.clone();
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public byte[] linkAddress() {
        return linkAddress.clone();
    }

    /** Value equality with arrays by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NeighbourEntry n && n.family == family && n.ifIndex == ifIndex && n.state == state
                && n.updatedAtNanos == updatedAtNanos && Arrays.equals(n.address, address) && Arrays.equals(n.linkAddress, linkAddress);
    }

    @Override
    public int hashCode() {
        return (ifIndex * 31 + state) * 31 + Arrays.hashCode(address);
    }
}
