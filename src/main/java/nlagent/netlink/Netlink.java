package nlagent.netlink;

/** Netlink core constants (linux/netlink.h) and the 4-byte alignment rule. */
public final class Netlink {
    public static final int NETLINK_ROUTE = 0;
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;

    /** sizeof(struct nlmsghdr). */
    public static final int NLMSG_HDRLEN = 16;
    /** sizeof(struct nlattr). */
    public static final int NLA_HDRLEN = 4;
    /** sizeof(struct sockaddr_nl). */
    public static final int SOCKADDR_NL_LEN = 12;
    /** Attribute type bits: NLA_F_NESTED (15) and NLA_F_NET_BYTEORDER (14) are flags, not type. */
    public static final int NLA_TYPE_MASK = 0x3FFF;
    /** Attribute flag: the payload is nested attributes (set by kernels since 5.2; decoders ignore it). */
    public static final int NLA_F_NESTED = 0x8000;
    /** Attribute flag: the payload is in network (big-endian) byte order. */
    public static final int NLA_F_NET_BYTEORDER = 0x4000;

    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_DUMP = 0x300;
    /** On NLMSG_ERROR/DONE: the echoed request was cut to its header. */
    public static final int NLM_F_CAPPED = 0x100;
    /** On NLMSG_ERROR/DONE: extended-ACK TLVs follow. */
    public static final int NLM_F_ACK_TLVS = 0x200;

    public static final int NLMSGERR_ATTR_MSG = 1;

    private Netlink() {
    }

    /** NLMSG_ALIGN / NLA_ALIGN. */
    public static int align4(int len) {
        return (len + 3) & ~3;
    }
}
