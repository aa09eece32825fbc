package nlagent.netlink;

import java.util.Arrays;
import java.util.Objects;

import nlagent.sys.Native;

/**
 * One message of an AF_INET6 RTM_GETLINK dump ({@link DumpRequest#inet6Links()}), decoded: a device's
 * IPv6 block (IFLA_PROTINFO: flags, devconf, cache info, token, statistics), the same nest a full
 * link message carries under IFLA_AF_SPEC / AF_INET6. A kernel without IPv6 has no AF_INET6 handler
 * and answers the request with full AF_UNSPEC link messages; their IFLA_AF_SPEC block is read then.
 * The array is owned by this value.
 *
 * @param ifIndex ifi_index
 * @param inet6   the IFLA_INET6_* block, or null when the device has none
 * @param ipstats IFLA_INET6_STATS in IPSTATS_MIB_* order, or null when absent
 */
public record Inet6Link(int ifIndex, LinkInfo.Inet6Info inet6, long[] ipstats) {

    public static Inet6Link decode(NlMessage m) {
        int index = LinkMessage.ifIndex(m);
        if (LinkMessage.family(m) != Native.AF_INET6) {
            Inet6LinkStats st = Inet6LinkStats.decode(m);
            return new Inet6Link(index, LinkMessage.decode(m).inet6(), st == null ? null : st.ipstats());
        }
        LinkInfo.Inet6Info info = null;
        long[] stats = null;
        NlAttrs a = m.attributes(Rtnl.IFINFOMSG_LEN);
        while (a.next()) {
            if (a.type() == Rtnl.IFLA_PROTINFO) {
                info = LinkMessage.inet6(a.nested());
                stats = Inet6LinkStats.ipstats(a.nested());
            }
        }
        return new Inet6Link(index, info, stats);
    }

    @Override
    public long[] ipstats() {
        return ipstats == null ? null : ipstats.clone();
    }

    /** Value equality, the array by content (the generated record equals compares array references). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Inet6Link l && l.ifIndex == ifIndex && Objects.equals(l.inet6, inet6) && Arrays.equals(l.ipstats, ipstats);
    }

    @Override
    public int hashCode() {
        return ifIndex * 31 + Arrays.hashCode(ipstats);
    }
}
