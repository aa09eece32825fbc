package nlagent.model;

/**
 * The kernel's IP statistics counters, in the historical order of enum IPSTATS_MIB_* (linux/snmp.h
 * up to 6.14; see nlagent.kernel.IpstatsLayout for the array positions of newer kernels). The names are
 * the kernel's /proc names (/proc/net/snmp "Ip:" and /proc/net/netstat "IpExt:" columns,
 * /proc/net/snmp6 lines without their "Ip6" prefix). Index 0 (IPSTATS_MIB_NUM) is not a counter.
 */
public enum IpStat {
    NUM("Num"),
    IN_RECEIVES("InReceives"),
    IN_OCTETS("InOctets"),
    IN_DELIVERS("InDelivers"),
    OUT_FORW_DATAGRAMS("OutForwDatagrams"),
    OUT_REQUESTS("OutRequests"),
    OUT_OCTETS("OutOctets"),
    IN_HDR_ERRORS("InHdrErrors"),
    IN_TOO_BIG_ERRORS("InTooBigErrors"),
    IN_NO_ROUTES("InNoRoutes"),
    IN_ADDR_ERRORS("InAddrErrors"),
    IN_UNKNOWN_PROTOS("InUnknownProtos"),
    IN_TRUNCATED_PKTS("InTruncatedPkts"),
    IN_DISCARDS("InDiscards"),
    OUT_DISCARDS("OutDiscards"),
    OUT_NO_ROUTES("OutNoRoutes"),
    REASM_TIMEOUT("ReasmTimeout"),
    REASM_REQDS("ReasmReqds"),
    REASM_OKS("ReasmOKs"),
    REASM_FAILS("ReasmFails"),
    FRAG_OKS("FragOKs"),
    FRAG_FAILS("FragFails"),
    FRAG_CREATES("FragCreates"),
    IN_MCAST_PKTS("InMcastPkts"),
    OUT_MCAST_PKTS("OutMcastPkts"),
    IN_BCAST_PKTS("InBcastPkts"),
    OUT_BCAST_PKTS("OutBcastPkts"),
    IN_MCAST_OCTETS("InMcastOctets"),
    OUT_MCAST_OCTETS("OutMcastOctets"),
    IN_BCAST_OCTETS("InBcastOctets"),
    OUT_BCAST_OCTETS("OutBcastOctets");

    private static final IpStat[] VALUES = values();
    private final String procName;

    IpStat(String procName) {
        this.procName = procName;
    }

    /** The column name in /proc/net/snmp, /proc/net/netstat and (after "Ip6") /proc/net/snmp6. */
    public String procName() {
        return procName;
    }

    /**
     * The counter a /proc column names, or null for one this agent does not keep. IPv4's
     * "ForwDatagrams" (/proc/net/snmp) is the same counter as IPv6's "OutForwDatagrams".
     */
    public static IpStat ofProcName(String name) {
        if ("ForwDatagrams".equals(name)) {
            return OUT_FORW_DATAGRAMS;
        }
        for (int i = 1; i < VALUES.length; i++) {
            if (VALUES[i].procName.equals(name)) {
                return VALUES[i];
            }
        }
        return null;
    }

    static int count() {
        return VALUES.length;
    }
}
