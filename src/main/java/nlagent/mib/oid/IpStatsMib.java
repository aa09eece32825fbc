package nlagent.mib.oid;

import nlagent.mib.Oid;

/**
 * IP statistics: the ip group counters (RFC 4293 4.3–4.19, 4.23), ipSystemStatsTable,
 * ipIfStatsTableLastChange, ipIfStatsTable, and IPV6-MIB ipv6IfStatsTable (RFC 2465).
 */
public final class IpStatsMib {
    private IpStatsMib() {
    }

    /** ip group counters, by sub-identifier of ip (4.13 ipReasmTimeout is a setting: {@link IpMib#IP_REASM_TIMEOUT}). */
    public static final int IP_IN_RECEIVES = 3, IP_IN_HDR_ERRORS = 4, IP_IN_ADDR_ERRORS = 5, IP_FORW_DATAGRAMS = 6,
            IP_IN_UNKNOWN_PROTOS = 7, IP_IN_DISCARDS = 8, IP_IN_DELIVERS = 9, IP_OUT_REQUESTS = 10, IP_OUT_DISCARDS = 11,
            IP_OUT_NO_ROUTES = 12, IP_REASM_REQDS = 14, IP_REASM_OKS = 15, IP_REASM_FAILS = 16, IP_FRAG_OKS = 17,
            IP_FRAG_FAILS = 18, IP_FRAG_CREATES = 19, IP_ROUTING_DISCARDS = 23;

    public static final Oid IP_TRAFFIC_STATS = IpMib.IP.append(31);
    public static final Oid IP_SYSTEM_STATS_TABLE = IP_TRAFFIC_STATS.append(1);
    public static final Oid IP_SYSTEM_STATS_ENTRY = IP_SYSTEM_STATS_TABLE.append(1);
    public static final Oid IP_IF_STATS_TABLE_LAST_CHANGE = IP_TRAFFIC_STATS.append(2);
    public static final Oid IP_IF_STATS_TABLE = IP_TRAFFIC_STATS.append(3);
    public static final Oid IP_IF_STATS_ENTRY = IP_IF_STATS_TABLE.append(1);

    /**
     * ipSystemStatsEntry / ipIfStatsEntry columns (the same numbers in both tables; ipIfStatsTable
     * has no 22, OutNoRoutes). 1 (and 2 in ipIfStatsTable) are the index.
     */
    public static final int IN_RECEIVES = 3, HC_IN_RECEIVES = 4, IN_OCTETS = 5, HC_IN_OCTETS = 6, IN_HDR_ERRORS = 7,
            IN_NO_ROUTES = 8, IN_ADDR_ERRORS = 9, IN_UNKNOWN_PROTOS = 10, IN_TRUNCATED_PKTS = 11, IN_FORW_DATAGRAMS = 12,
            HC_IN_FORW_DATAGRAMS = 13, REASM_REQDS = 14, REASM_OKS = 15, REASM_FAILS = 16, IN_DISCARDS = 17,
            IN_DELIVERS = 18, HC_IN_DELIVERS = 19, OUT_REQUESTS = 20, HC_OUT_REQUESTS = 21, OUT_NO_ROUTES = 22,
            OUT_FORW_DATAGRAMS = 23, HC_OUT_FORW_DATAGRAMS = 24, OUT_DISCARDS = 25, OUT_FRAG_REQDS = 26, OUT_FRAG_OKS = 27,
            OUT_FRAG_FAILS = 28, OUT_FRAG_CREATES = 29, OUT_TRANSMITS = 30, HC_OUT_TRANSMITS = 31, OUT_OCTETS = 32,
            HC_OUT_OCTETS = 33, IN_MCAST_PKTS = 34, HC_IN_MCAST_PKTS = 35, IN_MCAST_OCTETS = 36, HC_IN_MCAST_OCTETS = 37,
            OUT_MCAST_PKTS = 38, HC_OUT_MCAST_PKTS = 39, OUT_MCAST_OCTETS = 40, HC_OUT_MCAST_OCTETS = 41,
            IN_BCAST_PKTS = 42, HC_IN_BCAST_PKTS = 43, OUT_BCAST_PKTS = 44, HC_OUT_BCAST_PKTS = 45,
            DISCONTINUITY_TIME = 46, REFRESH_RATE = 47;

    /** IPV6-MIB ipv6IfStatsTable (55.1.6), indexed by ipv6IfIndex; all 20 columns are Counter32. */
    public static final Oid IPV6_IF_STATS_TABLE = Ipv6Mib.IPV6_MIB_OBJECTS.append(6);
    public static final Oid IPV6_IF_STATS_ENTRY = IPV6_IF_STATS_TABLE.append(1);
}
