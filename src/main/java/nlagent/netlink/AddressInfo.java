package nlagent.netlink;

import nlagent.sys.Native;

/**
 * One interface address from RTM_NEWADDR/RTM_DELADDR, with everything the IP-MIB address tables
 * need. A decoded message, not a value: it has no equality of its own (the snapshot keeps and
 * compares the model's address entries).
 *
 * @param family                  AF_INET or AF_INET6
 * @param ifIndex                 ifa_index
 * @param prefixLen               ifa_prefixlen
 * @param scope                   ifa_scope
 * @param flags                   IFA_FLAGS if present, else the 8-bit ifa_flags (Rtnl.IFA_F_*)
 * @param address                 the local address: IFA_LOCAL if present (point-to-point), else IFA_ADDRESS
 * @param broadcast               IFA_BROADCAST (IPv4), or empty when the address has none
 * @param label                   IFA_LABEL (IPv4), or "" when absent
 * @param preferredLifetimeSeconds ifa_cacheinfo.ifa_prefered (0xFFFFFFFF: forever), -1 when absent
 * @param validLifetimeSeconds    ifa_cacheinfo.ifa_valid (0xFFFFFFFF: forever), -1 when absent
 */
public record AddressInfo(int family, int ifIndex, int prefixLen, int scope, int flags, byte[] address,
                          byte[] broadcast, String label, long preferredLifetimeSeconds, long validLifetimeSeconds) {
    /** ifa_cacheinfo's lifetime "forever" (INFINITY_LIFE_TIME): it does not count down. */
    public static final long FOREVER = 0xFFFFFFFFL;
    private static final byte[] NONE = new byte[0];

    /** Decoder for RTM_NEWADDR/RTM_DELADDR; null for a message without any address attribute or of another family. */
    public static AddressInfo decode(NlMessage m) {
        if (m.payloadLength() < Rtnl.IFADDRMSG_LEN) {
            throw new MalformedMessageException("address message of " + m.length() + " bytes has no ifaddrmsg");
        }
        var b = m.buffer();
        int p = m.payloadOffset();
        int family = Byte.toUnsignedInt(b.get(p));
        int prefixLen = Byte.toUnsignedInt(b.get(p + 1));
        int flags = Byte.toUnsignedInt(b.get(p + 2));
        int scope = Byte.toUnsignedInt(b.get(p + 3));
        int index = b.getInt(p + 4);
        byte[] address = null;
        byte[] local = null;
        byte[] broadcast = NONE;
        String label = "";
        long preferred = -1;
        long valid = -1;
        NlAttrs a = m.attributes(Rtnl.IFADDRMSG_LEN);
        while (a.next()) {
            switch (a.type()) {
                case Rtnl.IFA_ADDRESS: address = a.bytes(); break;
                case Rtnl.IFA_LOCAL: local = a.bytes(); break;
                case Rtnl.IFA_BROADCAST: broadcast = a.bytes(); break;
                case Rtnl.IFA_LABEL: label = a.string(); break;
                case Rtnl.IFA_FLAGS: flags = a.i32(); break;
                case Rtnl.IFA_CACHEINFO:
                    // struct ifa_cacheinfo { u32 ifa_prefered, ifa_valid, cstamp, tstamp }
                    if (a.payloadLength() >= 8) {
                        preferred = Integer.toUnsignedLong(a.intAt(0));
                        valid = Integer.toUnsignedLong(a.intAt(4));
                    }
                    break;
                default:
            }
        }
        byte[] own = local != null ? local : address;
        if (own == null) {
            return null;
        }
        int expected = family == Native.AF_INET ? 4 : family == Native.AF_INET6 ? 16 : -1;
        if (expected < 0) {
            return null; // an AF_UNSPEC dump also returns other families' addresses (e.g. AF_PHONET)
        }
        if (own.length != expected || prefixLen > own.length * 8) {
            throw new MalformedMessageException("address message for ifindex " + index + ": family " + family + " with a "
                    + own.length + "-byte address and prefix length " + prefixLen);
        }
        return new AddressInfo(family, index, prefixLen, scope, flags, own, broadcast, label, preferred, valid);
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public byte[] broadcast() {
        return broadcast.clone();
    }
}
