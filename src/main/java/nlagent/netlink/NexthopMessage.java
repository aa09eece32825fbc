package nlagent.netlink;

import java.util.ArrayList;
import java.util.List;

import nlagent.sys.Native;

/**
 * One kernel nexthop object from RTM_NEWNEXTHOP/RTM_DELNEXTHOP (a dump reply or a notification;
 * linux/nexthop.h). Routes name it by id (RTA_NH_ID); with net.ipv4.nexthop_compat_mode 0 a route
 * message says nothing else of its next hop, and this is where the interface and gateway are. An
 * object is either a group of other objects' ids, a blackhole, or one path: an interface, with or
 * without a gateway.
 *
 * @param deleted   RTM_DELNEXTHOP
 * @param family    nh_family: AF_INET or AF_INET6 for a path or blackhole, AF_UNSPEC for a group
 * @param scope     nh_scope
 * @param protocol  nh_protocol (the routing protocol that installed it: RTPROT_ZEBRA 11 for FRR)
 * @param flags     nh_flags (RTNH_F_* bits: dead, linkdown ...)
 * @param id        NHA_ID
 * @param group     NHA_GROUP's members in the kernel's order (the first is the one /proc/net/route and
 *                  /proc/net/ipv6_route show for a route over the group); empty when not a group
 * @param blackhole NHA_BLACKHOLE
 * @param ifIndex   NHA_OIF, 0 when absent (a group, a blackhole)
 * @param gateway   NHA_GATEWAY (4 or 16 bytes by {@code family}), null when absent (a path without gateway)
 */
public record NexthopMessage(boolean deleted, int family, int scope, int protocol, int flags, int id, List<Member> group,
                             boolean blackhole, int ifIndex, byte[] gateway) {

    /**
     * One member of a group.
     *
     * @param id     the member's nexthop id
     * @param weight its weight, 1 to 65536 (the struct holds weight - 1 in weight and weight_high)
     */
    public record Member(int id, int weight) {
    }

    public NexthopMessage {
        group = List.copyOf(group);
    }

    /** Decodes RTM_NEWNEXTHOP/RTM_DELNEXTHOP; null for other message types and messages without an id. */
    public static NexthopMessage decode(NlMessage m) {
        if (m.type() != Rtnl.RTM_NEWNEXTHOP && m.type() != Rtnl.RTM_DELNEXTHOP) {
            return null;
        }
        if (m.payloadLength() < Rtnl.NHMSG_LEN) {
            throw new MalformedMessageException("nexthop message of " + m.length() + " bytes has no nhmsg");
        }
        var b = m.buffer();
        int p = m.payloadOffset();
        int family = Byte.toUnsignedInt(b.get(p));
        int scope = Byte.toUnsignedInt(b.get(p + 1));
        int protocol = Byte.toUnsignedInt(b.get(p + 2));
        int flags = b.getInt(p + 4);
        int id = 0;
        List<Member> group = List.of();
        boolean blackhole = false;
        int oif = 0;
        byte[] gateway = null;
        NlAttrs a = m.attributes(Rtnl.NHMSG_LEN);
        while (a.next()) {
            switch (a.type()) {
                case Rtnl.NHA_ID: id = a.i32(); break;
                case Rtnl.NHA_GROUP: group = group(b, a); break;
                case Rtnl.NHA_BLACKHOLE: blackhole = true; break;
                case Rtnl.NHA_OIF: oif = a.i32(); break;
                case Rtnl.NHA_GATEWAY: gateway = gateway(a, family); break;
                default:
            }
        }
        if (id == 0) {
            return null; // the kernel never sends one: nothing could refer to it
        }
        return new NexthopMessage(m.type() == Rtnl.RTM_DELNEXTHOP, family, scope, protocol, flags, id, group, blackhole, oif, gateway);
    }

    /** NHA_GROUP: a run of struct nexthop_grp. */
    private static List<Member> group(java.nio.ByteBuffer b, NlAttrs a) {
        if (a.payloadLength() % Rtnl.NEXTHOP_GRP_LEN != 0) {
            throw new MalformedMessageException("nexthop group of " + a.payloadLength() + " bytes is not a run of "
                    + Rtnl.NEXTHOP_GRP_LEN + "-byte entries");
        }
        List<Member> out = new ArrayList<>(a.payloadLength() / Rtnl.NEXTHOP_GRP_LEN);
        for (int at = a.payloadOffset(); at < a.payloadOffset() + a.payloadLength(); at += Rtnl.NEXTHOP_GRP_LEN) {
            int weightLess1 = Byte.toUnsignedInt(b.get(at + 4)) | Byte.toUnsignedInt(b.get(at + 5)) << 8;
            out.add(new Member(b.getInt(at), weightLess1 + 1));
        }
        return out;
    }

    private static byte[] gateway(NlAttrs a, int family) {
        int expected = family == Native.AF_INET ? 4 : family == Native.AF_INET6 ? 16 : -1;
        if (a.payloadLength() != expected) {
            throw new MalformedMessageException("nexthop gateway of " + a.payloadLength() + " bytes in family " + family);
        }
        return a.bytes();
    }

    @Override
    public byte[] gateway() {
        return gateway == null ? null : gateway.clone();
    }
}
