package nlagent.netlink;

import nlagent.sys.Native;

/**
 * A link's IPv6 statistics: IFLA_AF_SPEC / AF_INET6 / IFLA_INET6_STATS of an RTM_NEWLINK message,
 * the u64 array in IPSTATS_MIB_* order (the same numbers /proc/net/dev_snmp6/IF prints, without a
 * per-interface file open). The link dump carries it unless IFLA_EXT_MASK asks to skip stats.
 *
 * @param ifIndex ifi_index
 * @param ipstats the counters, sized by the attribute (index 0 is IPSTATS_MIB_NUM)
 */
public record Inet6LinkStats(int ifIndex, long[] ipstats) {

    /**
     * The stats of a link message (AF_UNSPEC: under IFLA_AF_SPEC / AF_INET6; AF_INET6: in IFLA_PROTINFO),
     * or null when the link has no IPv6 device (or no stats).
     */
    public static Inet6LinkStats decode(NlMessage m) {
        int index = LinkMessage.ifIndex(m);
        boolean addrconf = LinkMessage.family(m) == Native.AF_INET6;
        NlAttrs a = m.attributes(Rtnl.IFINFOMSG_LEN);
        while (a.next()) {
            if (addrconf && a.type() == Rtnl.IFLA_PROTINFO) {
                long[] stats = ipstats(a.nested());
                return stats == null ? null : new Inet6LinkStats(index, stats);
            }
            if (a.type() != Rtnl.IFLA_AF_SPEC) {
                continue;
            }
            NlAttrs fam = a.nested();
            while (fam.next()) {
                if (fam.type() != Native.AF_INET6) {
                    continue;
                }
                long[] stats = ipstats(fam.nested());
                if (stats != null) {
                    return new Inet6LinkStats(index, stats);
                }
            }
        }
        return null;
    }

    /** IFLA_INET6_STATS of an IFLA_INET6_* nest, or null when absent. */
    static long[] ipstats(NlAttrs i6) {
        while (i6.next()) {
            if (i6.type() == Rtnl.IFLA_INET6_STATS) {
                return i6.longArray();
            }
        }
        return null;
    }

    @Override
    public long[] ipstats() {
        return ipstats.clone();
    }
}
