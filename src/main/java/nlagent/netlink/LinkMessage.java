package nlagent.netlink;

import nlagent.sys.Native;
import nlagent.sys.SharedIntArrays;

/**
 * Decoder for RTM_NEWLINK/RTM_DELLINK (struct ifinfomsg, 16 bytes: u8 family, u8 pad, u16 type @2,
 * s32 index @4, u32 flags @8, u32 change @12; attributes at +16).
 */
public final class LinkMessage {
    private static final long[] NO_LONGS = new long[0];
    private static final byte[] NO_BYTES = new byte[0];

    private LinkMessage() {
    }

    /** ifi_index of a link message (enough for RTM_DELLINK). */
    public static int ifIndex(NlMessage m) {
        checkHeader(m);
        return m.buffer().getInt(m.payloadOffset() + 4);
    }

    /** ifi_family: AF_UNSPEC for device messages, AF_INET6 for addrconf's (group 12) messages. */
    public static int family(NlMessage m) {
        checkHeader(m);
        return Byte.toUnsignedInt(m.buffer().get(m.payloadOffset()));
    }

    /**
     * A device message: AF_UNSPEC (the full link message, IPv6 block under IFLA_AF_SPEC) or AF_INET6
     * (addrconf's, IPv6 block in IFLA_PROTINFO, no counters or IPv4 block). IFLA_PROTINFO of an
     * AF_UNSPEC message is a bridge port's and is not read.
     */
    public static LinkInfo decode(NlMessage m) {
        checkHeader(m);
        var buf = m.buffer();
        int p = m.payloadOffset();
        boolean addrconf = Byte.toUnsignedInt(buf.get(p)) == Native.AF_INET6;
        int type = Short.toUnsignedInt(buf.getShort(p + 2));
        int index = buf.getInt(p + 4);
        int flags = buf.getInt(p + 8);
        String name = "";
        int mtu = 0;
        int operState = 0;
        byte[] address = NO_BYTES;
        String alias = "";
        String kind = "";
        long[] stats = NO_LONGS;
        int[] inetConf = null;
        LinkInfo.Inet6Info inet6 = null;
        NlAttrs a = m.attributes(Rtnl.IFINFOMSG_LEN);
        while (a.next()) {
            switch (a.type()) {
                case Rtnl.IFLA_IFNAME: name = a.string(); break;
                case Rtnl.IFLA_MTU: mtu = a.i32(); break;
                case Rtnl.IFLA_ADDRESS: address = a.bytes(); break;
                case Rtnl.IFLA_OPERSTATE: operState = a.u8(); break;
                case Rtnl.IFLA_IFALIAS: alias = a.string(); break;
                case Rtnl.IFLA_STATS64: stats = a.longArray(); break;
                case Rtnl.IFLA_LINKINFO: kind = linkKind(a.nested()); break;
                case Rtnl.IFLA_PROTINFO:
                    if (addrconf) {
                        inet6 = inet6(a.nested());
                    }
                    break;
                case Rtnl.IFLA_AF_SPEC:
                    NlAttrs fam = a.nested();
                    while (fam.next()) {
                        if (fam.type() == Native.AF_INET) {
                            inetConf = inetConf(fam.nested());
                        } else if (fam.type() == Native.AF_INET6) {
                            inet6 = inet6(fam.nested());
                        }
                    }
                    break;
                default: // unknown and *_PAD attributes are skipped
            }
        }
        if (name.isEmpty()) {
            throw new MalformedMessageException("RTM_NEWLINK for ifindex " + index + " has no IFLA_IFNAME");
        }
        return new LinkInfo(index, name, type, flags, mtu, address, operState, alias, kind, stats, inetConf, inet6);
    }

    private static void checkHeader(NlMessage m) {
        if (m.payloadLength() < Rtnl.IFINFOMSG_LEN) {
            throw new MalformedMessageException("link message of " + m.length() + " bytes has no ifinfomsg");
        }
    }

    private static String linkKind(NlAttrs info) {
        while (info.next()) {
            if (info.type() == Rtnl.IFLA_INFO_KIND) {
                return info.string();
            }
        }
        return "";
    }

    private static int[] inetConf(NlAttrs inet) {
        int[] conf = new int[0];
        while (inet.next()) {
            if (inet.type() == Rtnl.IFLA_INET_CONF) {
                conf = SharedIntArrays.intern(inet.intArray()); // a namespace keeps its links' messages: one array per content
            }
        }
        return conf;
    }

    /** The IFLA_INET6_* nest (under IFLA_AF_SPEC/AF_INET6, or IFLA_PROTINFO in AF_INET6 messages). */
    public static LinkInfo.Inet6Info inet6(NlAttrs a) {
        int flags = 0;
        int[] conf = new int[0];
        long maxReasm = -1;
        long retrans = -1;
        byte[] token = NO_BYTES;
        while (a.next()) {
            switch (a.type()) {
                case Rtnl.IFLA_INET6_FLAGS: flags = a.i32(); break;
                case Rtnl.IFLA_INET6_CONF: conf = SharedIntArrays.intern(a.intArray()); break; // as inetConf
                case Rtnl.IFLA_INET6_TOKEN: token = a.bytes(); break;
                case Rtnl.IFLA_INET6_CACHEINFO:
                    // struct ifla_cacheinfo { u32 max_reasm_len, tstamp, reachable_time, retrans_time }; not the
                    // randomized reachable_time (Inet6Info)
                    if (a.payloadLength() >= 16) {
                        maxReasm = u32(a, 0);
                        retrans = u32(a, 12);
                    }
                    break;
                default:
            }
        }
        return new LinkInfo.Inet6Info(flags, conf, maxReasm, retrans, token);
    }

    private static long u32(NlAttrs a, int offset) {
        return Integer.toUnsignedLong(a.intAt(offset));
    }
}
