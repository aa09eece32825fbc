package nlagent.netlink;

/**
 * rtnetlink constants (linux/rtnetlink.h, if_link.h, neighbour.h, netconf.h) for the messages the
 * agent reads. Attribute ids are the kernel's; see docs/netlink-notes.md for sources and units.
 */
public final class Rtnl {
    // message types
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_DELNEIGH = 29;
    public static final int RTM_GETNEIGH = 30;
    public static final int RTM_NEWNEIGHTBL = 64;
    public static final int RTM_GETNEIGHTBL = 66;
    public static final int RTM_NEWNETCONF = 80;
    public static final int RTM_DELNETCONF = 81;
    public static final int RTM_GETNETCONF = 82;
    public static final int RTM_NEWSTATS = 92;
    public static final int RTM_GETSTATS = 94;
    public static final int RTM_NEWNEXTHOP = 104;
    public static final int RTM_DELNEXTHOP = 105;
    public static final int RTM_GETNEXTHOP = 106;

    // multicast groups (RTNLGRP_*)
    public static final int RTNLGRP_LINK = 1;
    public static final int RTNLGRP_NEIGH = 3;
    public static final int RTNLGRP_IPV4_IFADDR = 5;
    public static final int RTNLGRP_IPV4_ROUTE = 7;
    public static final int RTNLGRP_IPV6_IFADDR = 9;
    public static final int RTNLGRP_IPV6_ROUTE = 11;
    public static final int RTNLGRP_IPV6_IFINFO = 12;
    public static final int RTNLGRP_IPV4_NETCONF = 24;
    public static final int RTNLGRP_IPV6_NETCONF = 25;
    /** Nexthop objects (Linux 5.3+; the group and the objects came together). */
    public static final int RTNLGRP_NEXTHOP = 32;

    // family header sizes
    public static final int IFINFOMSG_LEN = 16;
    public static final int NDTMSG_LEN = 4;
    /** struct if_stats_msg: u8 family, u8 pad1, u16 pad2, u32 ifindex @4, u32 filter_mask @8. */
    public static final int IF_STATS_MSG_LEN = 12;
    public static final int IFADDRMSG_LEN = 8;
    /** struct netconfmsg is 1 byte but strict checking wants the 4-byte aligned size. */
    public static final int NETCONFMSG_LEN = 4;
    /** struct ndmsg: family, 3 pad bytes, s32 ifindex, u16 state, u8 flags, u8 type. */
    public static final int NDMSG_LEN = 12;
    /** struct rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type, u32 flags. */
    public static final int RTMSG_LEN = 12;
    /** struct rtnexthop: u16 len, u8 flags, u8 hops, s32 ifindex. */
    public static final int RTNEXTHOP_LEN = 8;
    /** struct nhmsg (linux/nexthop.h): u8 family, u8 scope, u8 protocol, u8 resvd, u32 flags. */
    public static final int NHMSG_LEN = 8;
    /** struct nexthop_grp: u32 id, u8 weight, u8 weight_high, u16 resvd (weight and weight_high hold weight - 1). */
    public static final int NEXTHOP_GRP_LEN = 8;

    // NDA_* (RTM_NEWNEIGH) and NUD_* states (linux/neighbour.h)
    public static final int NDA_DST = 1;
    public static final int NDA_LLADDR = 2;
    public static final int NDA_CACHEINFO = 3;
    public static final int NUD_INCOMPLETE = 0x01;
    public static final int NUD_REACHABLE = 0x02;
    public static final int NUD_STALE = 0x04;
    public static final int NUD_DELAY = 0x08;
    public static final int NUD_PROBE = 0x10;
    public static final int NUD_FAILED = 0x20;
    public static final int NUD_NOARP = 0x40;
    public static final int NUD_PERMANENT = 0x80;
    public static final int NUD_NONE = 0x00;

    // RTA_* (RTM_NEWROUTE), route tables and types (linux/rtnetlink.h)
    public static final int RTA_DST = 1;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_CACHEINFO = 12;
    public static final int RTA_TABLE = 15;
    public static final int RTA_PREF = 20;
    /**
     * The id of the nexthop object a route uses (Linux 5.3+). With net.ipv4.nexthop_compat_mode 0 it is all
     * a route message says of its next hop: no RTA_OIF, RTA_GATEWAY or RTA_MULTIPATH.
     */
    /** struct rtvia { u16 family; u8 addr[] }: a gateway of another family (an IPv4 route via an IPv6 address, RFC 5549). */
    public static final int RTA_VIA = 18;
    public static final int RTA_NH_ID = 30;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RTN_MULTICAST = 5;
    /** rtm_flags: a cached clone, not a FIB entry. */
    public static final int RTM_F_CLONED = 0x200;
    /** nlmsg_flags of a notification for a route appended next to an existing one. */
    public static final int NLM_F_APPEND = 0x800;
    public static final int NLM_F_REPLACE = 0x100;

    // NHA_* (RTM_NEWNEXTHOP, linux/nexthop.h)
    public static final int NHA_ID = 1;
    /** An array of struct nexthop_grp: the members of a group, in the kernel's order. */
    public static final int NHA_GROUP = 2;
    /** Flag: a blackhole nexthop (no NHA_OIF; the kernel routes it to the loopback device). */
    public static final int NHA_BLACKHOLE = 4;
    public static final int NHA_OIF = 5;
    public static final int NHA_GATEWAY = 6;
    /** The kernel gives every namespace's loopback device this ifindex (LOOPBACK_IFINDEX, net/core/dev.c). */
    public static final int LOOPBACK_IFINDEX = 1;

    // IFLA_*
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_PROTINFO = 12;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_IFALIAS = 20;
    public static final int IFLA_STATS64 = 23;
    public static final int IFLA_AF_SPEC = 26;
    public static final int IFLA_EXT_MASK = 29;
    public static final int IFLA_INFO_KIND = 1;
    public static final int RTEXT_FILTER_SKIP_STATS = 8;
    /** IFLA_STATS_LINK_64 (RTM_NEWSTATS): struct rtnl_link_stats64, as IFLA_STATS64 of a link message. */
    public static final int IFLA_STATS_LINK_64 = 1;

    // IFLA_AF_SPEC / AF_INET
    public static final int IFLA_INET_CONF = 1;
    // IFLA_AF_SPEC / AF_INET6 (and IFLA_PROTINFO in AF_INET6 messages)
    public static final int IFLA_INET6_FLAGS = 1;
    public static final int IFLA_INET6_CONF = 2;
    public static final int IFLA_INET6_STATS = 3;
    public static final int IFLA_INET6_CACHEINFO = 5;
    public static final int IFLA_INET6_TOKEN = 7;
    /** IPV4_DEVCONF_FORWARDING; the IFLA_INET_CONF array is 1-based: element i-1 holds constant i. */
    public static final int IPV4_DEVCONF_FORWARDING = 1;
    /** DEVCONF_* indexes of the 0-based IFLA_INET6_CONF array. */
    public static final int DEVCONF_FORWARDING = 0;
    public static final int DEVCONF_HOPLIMIT = 1;
    public static final int DEVCONF_MTU6 = 2;
    public static final int DEVCONF_DISABLE_IPV6 = 26;

    // IFA_* (RTM_NEWADDR)
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_CACHEINFO = 6;
    public static final int IFA_FLAGS = 8;
    public static final int RT_SCOPE_LINK = 253;

    // NDTA_* / NDTPA_*
    public static final int NDTA_NAME = 1;
    public static final int NDTA_PARMS = 6;
    public static final int NDTPA_IFINDEX = 1;
    public static final int NDTPA_REACHABLE_TIME = 3;
    public static final int NDTPA_BASE_REACHABLE_TIME = 4;
    public static final int NDTPA_RETRANS_TIME = 5;

    // NETCONFA_*
    public static final int NETCONFA_IFINDEX = 1;
    public static final int NETCONFA_FORWARDING = 2;
    public static final int NETCONFA_RP_FILTER = 3;
    public static final int NETCONFA_MC_FORWARDING = 4;
    public static final int NETCONFA_PROXY_NEIGH = 5;
    public static final int NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN = 6;
    public static final int NETCONFA_INPUT = 7;
    public static final int NETCONFA_BC_FORWARDING = 8;
    /** Highest NETCONFA_* id this agent keeps; newer ones are skipped. */
    public static final int NETCONFA_MAX_KNOWN = 8;
    public static final int NETCONFA_IFINDEX_ALL = -1;
    public static final int NETCONFA_IFINDEX_DEFAULT = -2;

    private Rtnl() {
    }
}
