package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import nlagent.sys.Native;

/** RTM_NEWNEIGH/RTM_NEWROUTE decoders on messages laid out as the kernel sends them. */
class NeighbourRouteCodecTest {
    private static final byte[] V4_A = {10, 9, 0, 2};
    private static final byte[] MAC = {2, 0, 0, 0, 0, 2};

    private static byte[] cacheinfo(int confirmed, int used, int updated) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(confirmed).putInt(used).putInt(updated).putInt(1).array();
    }

    @Test
    void neighbourDecodesStateAddressesAndUpdatedTime() {
        NlMessage m = new MessageBuilder().begin(Rtnl.RTM_NEWNEIGH, 0, 1).ndmsg(Native.AF_INET, 3, Rtnl.NUD_STALE, 0x80)
                .attr(Rtnl.NDA_DST, V4_A).attr(Rtnl.NDA_LLADDR, MAC).attr(Rtnl.NDA_CACHEINFO, cacheinfo(5, 6, 1234))
                .attrI32(99, 7).finish().message();
        NeighbourMessage n = NeighbourMessage.decode(m);
        assertFalse(n.deleted());
        assertEquals(Native.AF_INET, n.family());
        assertEquals(3, n.ifIndex());
        assertEquals(Rtnl.NUD_STALE, n.state());
        assertEquals(0x80, n.flags());
        assertArrayEquals(V4_A, n.address());
        assertArrayEquals(MAC, n.linkAddress());
        assertEquals(1234, n.updatedCentis());
    }

    @Test
    void incompleteIpv6NeighbourHasNoLinkAddressAndDeleteIsFlagged() {
        byte[] v6 = new byte[16];
        v6[0] = (byte) 0xfd;
        v6[15] = 9;
        NlMessage m = new MessageBuilder().begin(Rtnl.RTM_DELNEIGH, 0, 0).ndmsg(Native.AF_INET6, 4, Rtnl.NUD_INCOMPLETE, 0)
                .attr(Rtnl.NDA_DST, v6).finish().message();
        NeighbourMessage n = NeighbourMessage.decode(m);
        assertTrue(n.deleted());
        assertArrayEquals(v6, n.address());
        assertEquals(0, n.linkAddress().length);
        assertEquals(-1, n.updatedCentis());
    }

    @Test
    void bridgeFdbEntriesAndOtherTypesAreSkipped() {
        int afBridge = 7;
        assertNull(NeighbourMessage.decode(new MessageBuilder().begin(Rtnl.RTM_NEWNEIGH, 0, 0).ndmsg(afBridge, 3, 0x80, 2)
                .attr(Rtnl.NDA_LLADDR, MAC).finish().message()));
        assertNull(NeighbourMessage.decode(new MessageBuilder().begin(Rtnl.RTM_NEWLINK, 0, 0).ifinfo(0, 1, 1, 0).finish().message()));
        // an IPv4 entry without NDA_DST or with a wrong-sized one is dropped, not misread
        assertNull(NeighbourMessage.decode(new MessageBuilder().begin(Rtnl.RTM_NEWNEIGH, 0, 0).ndmsg(Native.AF_INET, 3, 2, 0)
                .attr(Rtnl.NDA_DST, new byte[16]).finish().message()));
    }

    @Test
    void truncatedNdmsgIsAClearError() {
        NlMessage m = new MessageBuilder().begin(Rtnl.RTM_NEWNEIGH, 0, 0).i32(2).finish().message();
        assertThrows(MalformedMessageException.class, () -> NeighbourMessage.decode(m));
    }

    @Test
    void singlePathRouteDecodesGatewayOifMetricAndTable() {
        NlMessage m = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET, 16, Rtnl.RT_TABLE_MAIN, 4, 0, Rtnl.RTN_UNICAST, 0)
                .attrI32(Rtnl.RTA_TABLE, Rtnl.RT_TABLE_MAIN).attr(Rtnl.RTA_DST, new byte[] {10, 20, 0, 0})
                .attrI32(Rtnl.RTA_PRIORITY, 7).attr(Rtnl.RTA_GATEWAY, V4_A).attrI32(Rtnl.RTA_OIF, 3).finish().message();
        RouteMessage r = RouteMessage.decode(m);
        assertEquals(16, r.dstLen());
        assertEquals(Rtnl.RT_TABLE_MAIN, r.table());
        assertEquals(4, r.protocol());
        assertEquals(7, r.priority());
        assertArrayEquals(new byte[] {10, 20, 0, 0}, r.destination());
        assertEquals(1, r.nextHops().size());
        assertEquals(3, r.nextHops().get(0).ifIndex());
        assertArrayEquals(V4_A, r.nextHops().get(0).gateway());
        assertEquals(1, r.nextHops().get(0).weight());
        assertFalse(r.deleted());
    }

    @Test
    void defaultRouteWithoutDstIsAllZerosAndExpiryComesFromCacheinfo() {
        byte[] gw = new byte[16];
        gw[0] = (byte) 0xfe;
        gw[1] = (byte) 0x80;
        gw[15] = 1;
        byte[] ci = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder()).putInt(0).putInt(0).putInt(180_000).array();
        NlMessage m = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, Rtnl.NLM_F_APPEND, 0)
                .rtmsg(Native.AF_INET6, 0, Rtnl.RT_TABLE_MAIN, 9, 0, Rtnl.RTN_UNICAST, 0)
                .attr(Rtnl.RTA_GATEWAY, gw).attrI32(Rtnl.RTA_OIF, 2).attr(Rtnl.RTA_CACHEINFO, ci).finish().message();
        RouteMessage r = RouteMessage.decode(m);
        assertArrayEquals(new byte[16], r.destination());
        assertEquals(180_000, r.expiresCentis());
        assertTrue(r.appended());
        assertArrayEquals(gw, r.nextHops().get(0).gateway());
    }

    @Test
    void multipathRouteDecodesEveryNextHopWithWeight() {
        NlMessage m = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET, 16, Rtnl.RT_TABLE_MAIN, 3, 0, Rtnl.RTN_UNICAST, 0)
                .attr(Rtnl.RTA_DST, new byte[] {10, 21, 0, 0})
                .nest(Rtnl.RTA_MULTIPATH, false)
                .rtnexthop(0, 0, 3).attr(Rtnl.RTA_GATEWAY, new byte[] {10, 9, 0, 3}).end()
                .rtnexthop(0, 1, 5).attr(Rtnl.RTA_GATEWAY, new byte[] {10, 9, 1, 2}).end()
                .rtnexthop(0, 0, 6).end()
                .end().finish().message();
        RouteMessage r = RouteMessage.decode(m);
        assertEquals(3, r.nextHops().size());
        assertEquals(3, r.nextHops().get(0).ifIndex());
        assertArrayEquals(new byte[] {10, 9, 0, 3}, r.nextHops().get(0).gateway());
        assertEquals(1, r.nextHops().get(0).weight());
        assertEquals(5, r.nextHops().get(1).ifIndex());
        assertEquals(2, r.nextHops().get(1).weight(), "rtnh_hops 1 is weight 2");
        assertNull(r.nextHops().get(2).gateway());
    }

    @Test
    void malformedMultipathAndClonedRoutes() {
        NlMessage bad = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET, 16, Rtnl.RT_TABLE_MAIN, 3, 0, Rtnl.RTN_UNICAST, 0)
                .attr(Rtnl.RTA_MULTIPATH, new byte[] {40, 0, 0, 0, 3, 0, 0, 0}).finish().message();
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> RouteMessage.decode(bad));
        assertTrue(e.getMessage().contains("rtnexthop"), e.getMessage());
        NlMessage wrongGw = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET, 0, Rtnl.RT_TABLE_MAIN, 3, 0, Rtnl.RTN_UNICAST, 0)
                .attr(Rtnl.RTA_GATEWAY, new byte[16]).finish().message();
        assertThrows(MalformedMessageException.class, () -> RouteMessage.decode(wrongGw));
        NlMessage cloned = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0)
                .rtmsg(Native.AF_INET6, 128, Rtnl.RT_TABLE_MAIN, 3, 0, Rtnl.RTN_UNICAST, Rtnl.RTM_F_CLONED).finish().message();
        assertNull(RouteMessage.decode(cloned));
        NlMessage mpls = new MessageBuilder().begin(Rtnl.RTM_NEWROUTE, 0, 0).rtmsg(28, 20, 0, 3, 0, 1, 0).finish().message();
        assertNull(RouteMessage.decode(mpls));
    }

    @Test
    void dumpRequestsHaveTheStrictHeaderSizes() {
        ByteBuffer out = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        DumpRequest.neighbours().encode(out, 1);
        assertEquals(16 + Rtnl.NDMSG_LEN, out.position());
        assertEquals(Rtnl.RTM_GETNEIGH, out.getShort(4));
        out.clear();
        DumpRequest.routes(Native.AF_INET6).encode(out, 2);
        assertEquals(16 + Rtnl.RTMSG_LEN, out.position());
        assertEquals(Native.AF_INET6, out.get(16));
    }
}
