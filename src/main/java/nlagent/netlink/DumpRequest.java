package nlagent.netlink;

import java.nio.ByteBuffer;

import nlagent.sys.Native;

/**
 * One rtnetlink dump request: message type, address family and the family header size the kernel
 * expects under NETLINK_GET_STRICT_CHK (exact size, zero padding, only allowed attributes).
 *
 * @param type            RTM_GET*
 * @param family          AF_UNSPEC (0) for every family the message type covers
 * @param familyHeaderLen bytes of the zeroed family header whose first byte is the family
 * @param extMask         IFLA_EXT_MASK value for link dumps, or -1 for none
 * @param statsFilterMask if_stats_msg.filter_mask of an RTM_GETSTATS dump (the kernel refuses 0 there), or 0
 */
public record DumpRequest(int type, int family, int familyHeaderLen, int extMask, int statsFilterMask) {

    public DumpRequest(int type, int family, int familyHeaderLen, int extMask) {
        this(type, family, familyHeaderLen, extMask, 0);
    }

    /** RTM_GETLINK, all families: full ifinfomsg (strict checking rejects the old rtgenmsg). */
    public static DumpRequest links() {
        return new DumpRequest(Rtnl.RTM_GETLINK, 0, Rtnl.IFINFOMSG_LEN, -1);
    }

    /**
     * RTM_GETLINK, AF_INET6: addrconf's per-device message (IFLA_PROTINFO: IPv6 flags, devconf,
     * statistics, ND times), without what the full link message adds; above all without
     * IFLA_LINK_NETNSID, whose lookup walks the namespace's whole list of peer namespace ids for each
     * veth (on a host of K pods, the link dump of the host's namespace costs K² steps).
     */
    public static DumpRequest inet6Links() {
        return new DumpRequest(Rtnl.RTM_GETLINK, Native.AF_INET6, Rtnl.IFINFOMSG_LEN, -1);
    }

    /** RTM_GETSTATS, every device: IFLA_STATS_LINK_64 only (the counters of IFLA_STATS64, nothing else). */
    public static DumpRequest linkStats() {
        return new DumpRequest(Rtnl.RTM_GETSTATS, 0, Rtnl.IF_STATS_MSG_LEN, -1, 1 << (Rtnl.IFLA_STATS_LINK_64 - 1));
    }

    /** RTM_GETNEIGHTBL, AF_UNSPEC: both arp_cache and ndisc_cache. */
    public static DumpRequest neighTables() {
        return new DumpRequest(Rtnl.RTM_GETNEIGHTBL, 0, Rtnl.NDTMSG_LEN, -1);
    }

    /** RTM_GETNETCONF, AF_UNSPEC: IPv4 and IPv6 entries incl. ALL and DEFAULT. */
    public static DumpRequest netconf() {
        return new DumpRequest(Rtnl.RTM_GETNETCONF, 0, Rtnl.NETCONFMSG_LEN, -1);
    }

    /** RTM_GETADDR, AF_INET6 only (for link-local addresses). */
    public static DumpRequest ipv6Addresses() {
        return new DumpRequest(Rtnl.RTM_GETADDR, Native.AF_INET6, Rtnl.IFADDRMSG_LEN, -1);
    }

    /** RTM_GETADDR, AF_UNSPEC: every IPv4 and IPv6 address. */
    public static DumpRequest addresses() {
        return new DumpRequest(Rtnl.RTM_GETADDR, 0, Rtnl.IFADDRMSG_LEN, -1);
    }

    /** RTM_GETNEIGH, AF_UNSPEC: the ARP and ND caches (IPv4 and IPv6 neighbours). */
    public static DumpRequest neighbours() {
        return new DumpRequest(Rtnl.RTM_GETNEIGH, 0, Rtnl.NDMSG_LEN, -1);
    }

    /** RTM_GETROUTE for one family (AF_INET or AF_INET6), every table. */
    public static DumpRequest routes(int family) {
        return new DumpRequest(Rtnl.RTM_GETROUTE, family, Rtnl.RTMSG_LEN, -1);
    }

    /**
     * RTM_GETNEXTHOP, AF_UNSPEC: every nexthop object (IPv4, IPv6 and groups), without attributes (strict
     * checking refuses a dump request whose nhmsg has anything but the family set).
     */
    public static DumpRequest nexthops() {
        return new DumpRequest(Rtnl.RTM_GETNEXTHOP, 0, Rtnl.NHMSG_LEN, -1);
    }

    /**
     * The request message (NLM_F_REQUEST | NLM_F_DUMP to the kernel): family header (if_stats_msg with
     * its filter mask for RTM_GETSTATS), then IFLA_EXT_MASK if any.
     */
    public NlMessageBuilder message(int seq) {
        NlMessageBuilder m = new NlMessageBuilder(type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, seq, 0)
                .add(statsFilterMask == 0 ? NlStruct.familyHeader(family, familyHeaderLen)
                        : NlStruct.builder().u8(family).u8(0).u16(0).i32(0).i32(statsFilterMask).build());
        if (extMask >= 0) {
            m.add(NlAttr.i32(Rtnl.IFLA_EXT_MASK, extMask));
        }
        return m;
    }

    public int length() {
        return message(0).length();
    }

    /** Writes the request at the buffer's position. */
    public void encode(ByteBuffer out, int seq) {
        message(seq).writeTo(out);
    }
}
