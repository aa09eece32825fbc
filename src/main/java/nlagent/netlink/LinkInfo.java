package nlagent.netlink;

import java.util.Arrays;
import java.util.Objects;

/**
 * One RTM_NEWLINK message, decoded. Arrays are decoded fresh and never changed afterwards (a value made
 * by {@link #withCounters} shares the other fields' arrays with the value it was made from).
 *
 * @param ifIndex    ifi_index
 * @param name       IFLA_IFNAME
 * @param arphrdType ifi_type
 * @param flags      ifi_flags
 * @param mtu        IFLA_MTU (0 if absent)
 * @param hwAddress  IFLA_ADDRESS (empty if absent)
 * @param operState  IFLA_OPERSTATE (0 = unknown if absent)
 * @param alias      IFLA_IFALIAS ("" if absent)
 * @param kind       IFLA_LINKINFO/IFLA_INFO_KIND ("" if absent)
 * @param stats64    IFLA_STATS64 as u64 fields in struct order, sized by the attribute (empty if absent)
 * @param inetConf   AF_SPEC/AF_INET/IFLA_INET_CONF (1-based), or null when the device has no IPv4 config
 * @param inet6      AF_SPEC/AF_INET6 block, or null when the device has no IPv6 config
 */
public record LinkInfo(int ifIndex, String name, int arphrdType, int flags, int mtu, byte[] hwAddress,
                       int operState, String alias, String kind, long[] stats64, int[] inetConf, Inet6Info inet6) {

    /**
     * The AF_INET6 block of a link message.
     *
     * <p>Not cacheinfo.reachable_time: the kernel draws it again at random for every device on the host every
     * 300 s (neigh_periodic_work), nothing serves it (ipv6InterfaceReachableTime is the base time, from
     * RTM_GETNEIGHTBL), and kept here it made every device's block differ every five minutes.
     *
     * @param flags           IFLA_INET6_FLAGS
     * @param conf            IFLA_INET6_CONF, 0-based DEVCONF_* array (empty if absent)
     * @param maxReasmLen     cacheinfo.max_reasm_len (-1 if absent)
     * @param retransTimeMs   cacheinfo.retrans_time (-1 if absent)
     * @param token           IFLA_INET6_TOKEN (empty if absent)
     */
    public record Inet6Info(int flags, int[] conf, long maxReasmLen, long retransTimeMs, byte[] token) {
        /** Value equality, arrays by content (the generated record equals compares array references). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Inet6Info i && i.flags == flags && i.maxReasmLen == maxReasmLen
                    && i.retransTimeMs == retransTimeMs && Arrays.equals(i.conf, conf) && Arrays.equals(i.token, token);
        }

        @Override
        public int hashCode() {
            return Objects.hash(flags, maxReasmLen, retransTimeMs) * 31 + Arrays.hashCode(conf);
        }
    }

    /**
     * This link with other counters and IPv6 block (a refresh that reads only those: NetnsHandle).
     * The other fields' arrays are this value's: both values own them, and neither changes them.
     */
    public LinkInfo withCounters(long[] newStats64, Inet6Info newInet6) {
        return new LinkInfo(ifIndex, name, arphrdType, flags, mtu, hwAddress, operState, alias, kind, newStats64, inetConf, newInet6);
    }

    /** Value equality, arrays by content (the generated record equals compares array references). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LinkInfo l && l.ifIndex == ifIndex && l.arphrdType == arphrdType && l.flags == flags && l.mtu == mtu
                && l.operState == operState && Objects.equals(l.name, name) && Objects.equals(l.alias, alias)
                && Objects.equals(l.kind, kind) && Arrays.equals(l.hwAddress, hwAddress) && Arrays.equals(l.stats64, stats64)
                && Arrays.equals(l.inetConf, inetConf) && Objects.equals(l.inet6, inet6);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ifIndex, name, flags, mtu, operState) * 31 + Arrays.hashCode(stats64);
    }
}
