package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.sys.Native;

/**
 * Routes over kernel nexthop objects and the objects themselves (RTM_NEWNEXTHOP), on messages laid
 * out as the kernel sends them: with net.ipv4.nexthop_compat_mode 0 a route message carries only
 * RTA_NH_ID, and the object's message is where its interface and gateway are.
 */
class NexthopCodecTest {
    private static final byte[] GW = {10, 78, 0, 2};
    private static final int RTPROT_ZEBRA = 11;

    /** NHA_GROUP: struct nexthop_grp { u32 id; u8 weight; u8 weight_high; u16 resvd; } per member (weight - 1 stored). */
    private static byte[] group(int[] ids, int[] weights) {
        ByteBuffer b = ByteBuffer.allocate(8 * ids.length).order(ByteOrder.nativeOrder());
        for (int i = 0; i < ids.length; i++) {
            int w = weights[i] - 1;
            b.putInt(ids[i]).put((byte) w).put((byte) (w >> 8)).putShort((short) 0);
        }
        return b.array();
    }

    @Test
    void routeWithOnlyANexthopIdKeepsTheIdAndAPlaceholderHop() {
        NlMessage m = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET, 24, Rtnl.RT_TABLE_MAIN, RTPROT_ZEBRA, 0, Rtnl.RTN_UNICAST, 0)
                .attrI32(Rtnl.RTA_TABLE, Rtnl.RT_TABLE_MAIN).attr(Rtnl.RTA_DST, new byte[] {10, 81, 0, 0})
                .attrI32(Rtnl.RTA_PRIORITY, 20).attrI32(Rtnl.RTA_NH_ID, 5).finish().message();
        RouteMessage r = RouteMessage.decode(m);
        assertEquals(5, r.nexthopId());
        assertEquals(1, r.nextHops().size(), "one placeholder hop: the path is the object's");
        assertEquals(0, r.nextHops().get(0).ifIndex());
        assertNull(r.nextHops().get(0).gateway());
        assertArrayEquals(new byte[] {10, 81, 0, 0}, r.destination());
        assertEquals(20, r.priority());
    }

    /** struct rtvia { u16 family (host order); u8 addr[] }. */
    private static byte[] rtvia(int family, byte[] address) {
        ByteBuffer b = ByteBuffer.allocate(2 + address.length).order(ByteOrder.nativeOrder());
        return b.putShort((short) family).put(address).array();
    }

    @Test
    void anIpv4RouteViaAnIpv6GatewayKeepsThatGatewayAlsoInAMultipathHop() {
        byte[] ll = new byte[16];
        ll[0] = (byte) 0xfe;
        ll[1] = (byte) 0x80;
        ll[15] = 1;
        NlMessage single = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET, 24, Rtnl.RT_TABLE_MAIN, 3, 0, Rtnl.RTN_UNICAST, 0)
                .attr(Rtnl.RTA_DST, new byte[] {10, 90, 0, 0}).attr(Rtnl.RTA_VIA, rtvia(Native.AF_INET6, ll))
                .attrI32(Rtnl.RTA_OIF, 3).finish().message();
        RouteMessage r = RouteMessage.decode(single);
        assertEquals(3, r.nextHops().get(0).ifIndex());
        assertArrayEquals(ll, r.nextHops().get(0).gateway(), "RTA_VIA: the IPv6 gateway of an IPv4 route");
        NlMessage multipath = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET, 24, Rtnl.RT_TABLE_MAIN, 3, 0, Rtnl.RTN_UNICAST, 0)
                .nest(Rtnl.RTA_MULTIPATH, false)
                .rtnexthop(0, 0, 3).attr(Rtnl.RTA_VIA, rtvia(Native.AF_INET6, ll)).end()
                .rtnexthop(0, 0, 4).attr(Rtnl.RTA_GATEWAY, GW).end()
                .end().finish().message();
        RouteMessage m = RouteMessage.decode(multipath);
        assertArrayEquals(ll, m.nextHops().get(0).gateway());
        assertArrayEquals(GW, m.nextHops().get(1).gateway());
        NlMessage bad = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET, 24, Rtnl.RT_TABLE_MAIN, 3, 0, Rtnl.RTN_UNICAST, 0)
                .attr(Rtnl.RTA_VIA, rtvia(Native.AF_INET6, new byte[] {1, 2, 3, 4})).finish().message();
        assertThrows(MalformedMessageException.class, () -> RouteMessage.decode(bad), "an address shorter than its family's");
    }

    @Test
    void routeInCompatModeCarriesTheIdAndTheGroupsMembers() {
        byte[] a = new byte[16];
        a[0] = (byte) 0xfd;
        a[15] = 3;
        byte[] b = a.clone();
        b[15] = 2;
        NlMessage m = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET6, 64, Rtnl.RT_TABLE_MAIN, 3, 0, Rtnl.RTN_UNICAST, 0)
                .attrI32(Rtnl.RTA_NH_ID, 17)
                .nest(Rtnl.RTA_MULTIPATH, false)
                .rtnexthop(0, 0, 2).attr(Rtnl.RTA_GATEWAY, a).end()
                .rtnexthop(0, 0, 2).attr(Rtnl.RTA_GATEWAY, b).end()
                .end().finish().message();
        RouteMessage r = RouteMessage.decode(m);
        assertEquals(17, r.nexthopId());
        assertEquals(2, r.nextHops().size());
        assertArrayEquals(a, r.nextHops().get(0).gateway());
        NlMessage plain = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET, 16, Rtnl.RT_TABLE_MAIN, 4, 0, Rtnl.RTN_UNICAST, 0)
                .attr(Rtnl.RTA_GATEWAY, GW).attrI32(Rtnl.RTA_OIF, 3).finish().message();
        assertEquals(0, RouteMessage.decode(plain).nexthopId(), "no nexthop object: 0");
    }

    @Test
    void singlePathNexthopDecodesInterfaceGatewayAndHeader() {
        NlMessage m = new MessageBuilder().begin(Rtnl.RTM_NEWNEXTHOP, 0, 0).nhmsg(Native.AF_INET, Rtnl.RT_SCOPE_LINK, RTPROT_ZEBRA, 0x40)
                .attrI32(Rtnl.NHA_ID, 5).attr(Rtnl.NHA_GATEWAY, GW).attrI32(Rtnl.NHA_OIF, 3).attrI32(99, 1).finish().message();
        NexthopMessage n = NexthopMessage.decode(m);
        assertFalse(n.deleted());
        assertEquals(Native.AF_INET, n.family());
        assertEquals(Rtnl.RT_SCOPE_LINK, n.scope());
        assertEquals(RTPROT_ZEBRA, n.protocol());
        assertEquals(0x40, n.flags());
        assertEquals(5, n.id());
        assertEquals(3, n.ifIndex());
        assertArrayEquals(GW, n.gateway());
        assertEquals(List.of(), n.group());
        assertFalse(n.blackhole());
        NlMessage deviceOnly = new MessageBuilder().begin(Rtnl.RTM_DELNEXTHOP, 0, 0).nhmsg(Native.AF_INET6, 0, 0, 0)
                .attrI32(Rtnl.NHA_ID, 9).attrI32(Rtnl.NHA_OIF, 4).finish().message();
        NexthopMessage d = NexthopMessage.decode(deviceOnly);
        assertTrue(d.deleted());
        assertNull(d.gateway(), "a path without gateway");
        assertEquals(4, d.ifIndex());
    }

    @Test
    void groupDecodesItsMembersInOrderWithTheirWeights() {
        NlMessage m = new MessageBuilder().begin(Rtnl.RTM_NEWNEXTHOP, 0, 0).nhmsg(0, 0, 0, 0)
                .attrI32(Rtnl.NHA_ID, 7).attr(Rtnl.NHA_GROUP, group(new int[] {6, 5, 300}, new int[] {1, 3, 300})).finish().message();
        NexthopMessage n = NexthopMessage.decode(m);
        assertEquals(7, n.id());
        assertEquals(List.of(new NexthopMessage.Member(6, 1), new NexthopMessage.Member(5, 3), new NexthopMessage.Member(300, 300)),
                n.group(), "the kernel's order; weight_high holds the high byte of weight - 1");
        assertEquals(0, n.ifIndex());
        assertNull(n.gateway());
        NlMessage bad = new MessageBuilder().begin(Rtnl.RTM_NEWNEXTHOP, 0, 0).nhmsg(0, 0, 0, 0)
                .attrI32(Rtnl.NHA_ID, 7).attr(Rtnl.NHA_GROUP, new byte[12]).finish().message();
        assertThrows(MalformedMessageException.class, () -> NexthopMessage.decode(bad));
    }

    @Test
    void blackholeHasTheFlagAndNoInterface() {
        NlMessage m = new MessageBuilder().begin(Rtnl.RTM_NEWNEXTHOP, 0, 0).nhmsg(Native.AF_INET, 0, 0, 0)
                .attrI32(Rtnl.NHA_ID, 8).attr(Rtnl.NHA_BLACKHOLE, new byte[0]).finish().message();
        NexthopMessage n = NexthopMessage.decode(m);
        assertTrue(n.blackhole());
        assertEquals(0, n.ifIndex());
        assertNull(n.gateway());
    }

    @Test
    void otherTypesTruncatedHeadersAndWrongGatewaysAreRefusedOrSkipped() {
        assertNull(NexthopMessage.decode(new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET, 0, Rtnl.RT_TABLE_MAIN, 3, 0, 1, 0).finish().message()));
        NlMessage shortHeader = new MessageBuilder().begin(Rtnl.RTM_NEWNEXTHOP, 0, 0).i32(2).finish().message();
        assertThrows(MalformedMessageException.class, () -> NexthopMessage.decode(shortHeader));
        NlMessage wrongGw = new MessageBuilder().begin(Rtnl.RTM_NEWNEXTHOP, 0, 0).nhmsg(Native.AF_INET, 0, 0, 0)
                .attrI32(Rtnl.NHA_ID, 5).attr(Rtnl.NHA_GATEWAY, new byte[16]).finish().message();
        assertThrows(MalformedMessageException.class, () -> NexthopMessage.decode(wrongGw));
        NlMessage noId = new MessageBuilder().begin(Rtnl.RTM_NEWNEXTHOP, 0, 0).nhmsg(Native.AF_INET, 0, 0, 0)
                .attrI32(Rtnl.NHA_OIF, 3).finish().message();
        assertNull(NexthopMessage.decode(noId), "nothing can name an object without an id");
    }

    @Test
    void nexthopDumpAsksForEveryFamilyWithABareHeader() {
        ByteBuffer out = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        DumpRequest.nexthops().encode(out, 1);
        assertEquals(24, out.position(), "header + 8-byte nhmsg, no attribute");
        assertEquals(Rtnl.RTM_GETNEXTHOP, out.getShort(4));
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, out.getShort(6));
        for (int i = 16; i < 24; i++) {
            assertEquals(0, out.get(i), "AF_UNSPEC, and nothing else set: strict checking refuses it");
        }
    }
}
