package nlagent.netlink;

import java.util.ArrayList;
import java.util.List;

import nlagent.sys.Native;

/**
 * One IPv4/IPv6 route from RTM_NEWROUTE/RTM_DELROUTE (a dump reply or a notification). A
 * multipath route (RTA_MULTIPATH) carries its next hops in {@link #nextHops}; a single-path route
 * has exactly one next hop built from RTA_OIF/RTA_GATEWAY. A route over a kernel nexthop object
 * ({@code ip route add ... nhid N}, FRR's default) also names it in {@link #nexthopId}; with
 * net.ipv4.nexthop_compat_mode 0 that id is all the message says, and its one next hop is a
 * placeholder (interface 0, no gateway): where it goes is in the nexthop dump.
 *
 * @param deleted        RTM_DELROUTE
 * @param appended       NLM_F_APPEND: a route added next to an existing one with the same key
 * @param replaced       NLM_F_REPLACE: a route that took the place of the one with the same key (without it,
 *                       an RTM_NEWROUTE for an existing IPv4 key is a twin added in front: {@code ip route prepend})
 * @param family         AF_INET or AF_INET6
 * @param dstLen         rtm_dst_len (prefix length)
 * @param tos            rtm_tos
 * @param table          RTA_TABLE, else rtm_table
 * @param protocol       rtm_protocol (RTPROT_KERNEL 2, BOOT 3, STATIC 4, RA 9, ...)
 * @param scope          rtm_scope
 * @param type           rtm_type (RTN_UNICAST 1, RTN_LOCAL 2, ...)
 * @param flags          rtm_flags
 * @param destination    RTA_DST, all zeros (4 or 16 bytes) when absent (a default route)
 * @param priority       RTA_PRIORITY (the metric), 0 when absent
 * @param nextHops       at least one
 * @param expiresCentis  RTA_CACHEINFO rta_expires in hundredths of a second, 0 when the route does not expire
 * @param nexthopId      RTA_NH_ID, 0 when the route does not use a nexthop object (the kernel's ids start at 1)
 */
public record RouteMessage(boolean deleted, boolean appended, boolean replaced, int family, int dstLen, int tos, int table, int protocol,
                           int scope, int type, int flags, byte[] destination, long priority, List<NextHop> nextHops,
                           long expiresCentis, int nexthopId) {

    /**
     * One next hop.
     *
     * @param ifIndex  RTA_OIF / rtnh_ifindex, 0 if none
     * @param gateway  RTA_GATEWAY, or RTA_VIA's address (of the other family: an IPv4 route via an IPv6 gateway),
     *                 null for a directly connected route
     * @param weight   rtnh_hops + 1 (1 for a single-path route)
     */
    public record NextHop(int ifIndex, byte[] gateway, int weight) {
        @Override
        public byte[] gateway() {
            return gateway == null ? null : gateway.clone();
        }
    }

    /** struct rta_cacheinfo { u32 clntref; u32 lastuse; s32 expires; ... }: offset of rta_expires. */
    private static final int CACHEINFO_EXPIRES = 8;

    public RouteMessage {
        nextHops = List.copyOf(nextHops);
    }

    /** A route without a nexthop object. */
    public RouteMessage(boolean deleted, boolean appended, boolean replaced, int family, int dstLen, int tos, int table, int protocol,
                        int scope, int type, int flags, byte[] destination, long priority, List<NextHop> nextHops,
                        long expiresCentis) {
        this(deleted, appended, replaced, family, dstLen, tos, table, protocol, scope, type, flags, destination, priority, nextHops,
                expiresCentis, 0);
    }

    /** Decodes RTM_NEWROUTE/RTM_DELROUTE; null for other message types, families and cloned (cache) routes. */
    public static RouteMessage decode(NlMessage m) {
        if (m.type() != Rtnl.RTM_NEWROUTE && m.type() != Rtnl.RTM_DELROUTE) {
            return null;
        }
        if (m.payloadLength() < Rtnl.RTMSG_LEN) {
            throw new MalformedMessageException("route message of " + m.length() + " bytes has no rtmsg");
        }
        var b = m.buffer();
        int p = m.payloadOffset();
        int family = Byte.toUnsignedInt(b.get(p));
        if (family != Native.AF_INET && family != Native.AF_INET6) {
            return null;
        }
        int dstLen = Byte.toUnsignedInt(b.get(p + 1));
        int tos = Byte.toUnsignedInt(b.get(p + 3));
        int table = Byte.toUnsignedInt(b.get(p + 4));
        int protocol = Byte.toUnsignedInt(b.get(p + 5));
        int scope = Byte.toUnsignedInt(b.get(p + 6));
        int type = Byte.toUnsignedInt(b.get(p + 7));
        int flags = b.getInt(p + 8);
        if ((flags & Rtnl.RTM_F_CLONED) != 0) {
            return null;
        }
        int addrLen = family == Native.AF_INET ? 4 : 16;
        byte[] dst = new byte[addrLen];
        long priority = 0;
        int oif = 0;
        byte[] gateway = null;
        long expires = 0;
        int nexthopId = 0;
        List<NextHop> hops = new ArrayList<>();
        NlAttrs a = m.attributes(Rtnl.RTMSG_LEN);
        while (a.next()) {
            switch (a.type()) {
                case Rtnl.RTA_DST:
                    dst = address(a, addrLen);
                    break;
                case Rtnl.RTA_OIF: oif = a.i32(); break;
                case Rtnl.RTA_GATEWAY: gateway = address(a, addrLen); break;
                case Rtnl.RTA_VIA: gateway = via(b, a); break;
                case Rtnl.RTA_PRIORITY: priority = Integer.toUnsignedLong(a.i32()); break;
                case Rtnl.RTA_TABLE: table = a.i32(); break;
                case Rtnl.RTA_CACHEINFO: expires = Math.max(0, a.intAt(CACHEINFO_EXPIRES)); break;
                case Rtnl.RTA_MULTIPATH: multipath(b, a, addrLen, hops); break;
                case Rtnl.RTA_NH_ID: nexthopId = a.i32(); break;
                default:
            }
        }
        if (hops.isEmpty()) {
            hops.add(new NextHop(oif, gateway, 1)); // compat mode 0 over a nexthop object: (0, null), the placeholder
        }
        return new RouteMessage(m.type() == Rtnl.RTM_DELROUTE, (m.flags() & Rtnl.NLM_F_APPEND) != 0,
                (m.flags() & Rtnl.NLM_F_REPLACE) != 0, family, dstLen, tos,
                table, protocol, scope, type, flags, dst, priority, hops, expires, nexthopId);
    }

    private static byte[] address(NlAttrs a, int addrLen) {
        if (a.payloadLength() != addrLen) {
            throw new MalformedMessageException("route address attribute " + a.type() + " has " + a.payloadLength()
                    + " bytes, expected " + addrLen);
        }
        return a.bytes();
    }

    /**
     * RTA_VIA: the gateway address of the family it names (an IPv4 route via an IPv6 gateway, RFC 5549), so a next
     * hop's gateway may be of the other family than its route's: /proc/net/route shows such a route with RTF_GATEWAY
     * and gateway 0.0.0.0, and that is how it is served.
     */
    private static byte[] via(java.nio.ByteBuffer b, NlAttrs a) {
        if (a.payloadLength() < 2) {
            throw new MalformedMessageException("RTA_VIA of " + a.payloadLength() + " bytes has no family");
        }
        int family = Short.toUnsignedInt(b.getShort(a.payloadOffset())); // host order, as all of netlink
        int len = family == Native.AF_INET ? 4 : family == Native.AF_INET6 ? 16 : -1;
        if (len < 0 || a.payloadLength() != 2 + len) {
            throw new MalformedMessageException("RTA_VIA of " + a.payloadLength() + " bytes for family " + family);
        }
        byte[] gw = new byte[len];
        b.get(a.payloadOffset() + 2, gw);
        return gw;
    }

    /** RTA_MULTIPATH: a run of struct rtnexthop, each followed by its own attributes (RTA_GATEWAY). */
    private static void multipath(java.nio.ByteBuffer b, NlAttrs a, int addrLen, List<NextHop> out) {
        int at = a.payloadOffset();
        int end = at + a.payloadLength();
        while (at + Rtnl.RTNEXTHOP_LEN <= end) {
            int len = Short.toUnsignedInt(b.getShort(at));
            if (len < Rtnl.RTNEXTHOP_LEN || at + len > end) {
                throw new MalformedMessageException("rtnexthop of " + len + " bytes at offset " + at);
            }
            int hops = Byte.toUnsignedInt(b.get(at + 3));
            int ifIndex = b.getInt(at + 4);
            byte[] gw = null;
            NlAttrs nested = new NlAttrs(b, at + Rtnl.RTNEXTHOP_LEN, at + len);
            while (nested.next()) {
                if (nested.type() == Rtnl.RTA_GATEWAY) {
                    gw = address(nested, addrLen);
                } else if (nested.type() == Rtnl.RTA_VIA) {
                    gw = via(b, nested);
                }
            }
            out.add(new NextHop(ifIndex, gw, hops + 1));
            at += Netlink.align4(len);
        }
    }

    @Override
    public byte[] destination() {
        return destination.clone();
    }
}
