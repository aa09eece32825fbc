package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import nlagent.sys.Native;

/**
 * The two light dumps that stand in for the full link dump unless it is due: the RTM_GETSTATS
 * request (if_stats_msg with its filter mask) and the decoders of its RTM_NEWSTATS answers and of the
 * AF_INET6 link dump's messages, on messages laid out as the kernel sends them.
 */
class LinkCountersCodecTest {

    private static NlMessage message(NlMessageBuilder b) {
        ByteBuffer d = ByteBuffer.allocate(b.length() + 16).order(ByteOrder.nativeOrder());
        b.writeTo(d);
        d.flip();
        return NlMessage.at(d, 0);
    }

    @Test
    void statsRequestCarriesItsFilterMask() {
        DumpRequest r = DumpRequest.linkStats();
        ByteBuffer d = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        r.encode(d, 42);
        assertEquals(16 + 12, d.getInt(0), "nlmsghdr + if_stats_msg, no attribute");
        assertEquals(Rtnl.RTM_GETSTATS, d.getShort(4));
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, d.getShort(6));
        assertEquals(0, d.get(16), "family AF_UNSPEC");
        assertEquals(0, d.getInt(20), "ifindex 0: every device");
        assertEquals(1 << (Rtnl.IFLA_STATS_LINK_64 - 1), d.getInt(24), "IFLA_STATS_LINK_64 only");
        DumpRequest v6 = DumpRequest.inet6Links();
        assertEquals(Rtnl.RTM_GETLINK, v6.type());
        assertEquals(Native.AF_INET6, v6.family());
    }

    @Test
    void statsMessageDecodes() {
        NlMessageBuilder b = new NlMessageBuilder(Rtnl.RTM_NEWSTATS, Netlink.NLM_F_MULTI, 1, 0)
                .add(NlStruct.builder().u8(0).u8(0).u16(0).i32(7).i32(1).build())
                .add(NlAttr.u64s(Rtnl.IFLA_STATS_LINK_64, 11, 22, 33, 44));
        LinkCounters c = LinkCounters.decode(message(b));
        assertEquals(7, c.ifIndex());
        assertArrayEquals(new long[] {11, 22, 33, 44}, c.stats64());
        assertEquals(new LinkCounters(7, new long[] {11, 22, 33, 44}), c, "equal by content");

        NlMessageBuilder none = new NlMessageBuilder(Rtnl.RTM_NEWSTATS, Netlink.NLM_F_MULTI, 1, 0)
                .add(NlStruct.builder().u8(0).u8(0).u16(0).i32(8).i32(1).build());
        assertArrayEquals(new long[0], LinkCounters.decode(message(none)).stats64(), "no attribute: no counters");

        NlMessageBuilder shortHeader = new NlMessageBuilder(Rtnl.RTM_NEWSTATS, Netlink.NLM_F_MULTI, 1, 0)
                .add(NlStruct.builder().u8(0).u8(0).u16(0).i32(8).build());
        assertThrows(MalformedMessageException.class, () -> LinkCounters.decode(message(shortHeader)));
    }

    @Test
    void inet6LinkMessageDecodesItsProtinfo() {
        NlMessageBuilder b = new NlMessageBuilder(Rtnl.RTM_NEWLINK, Netlink.NLM_F_MULTI, 1, 0)
                .add(NlStruct.builder().u8(Native.AF_INET6).u8(0).u16(1).i32(5).i32(0x1043).i32(0).build())
                .add(NlAttr.string(Rtnl.IFLA_IFNAME, "d1"))
                .add(NlAttr.nested(Rtnl.IFLA_PROTINFO,
                        NlAttr.i32(Rtnl.IFLA_INET6_FLAGS, 0x80000000),
                        NlAttr.i32s(Rtnl.IFLA_INET6_CONF, 0, 64, 1500),
                        NlAttr.u64s(Rtnl.IFLA_INET6_STATS, 37, 100, 200),
                        NlAttr.i32s(Rtnl.IFLA_INET6_CACHEINFO, 65535, 0, 30000, 1000)));
        Inet6Link l = Inet6Link.decode(message(b));
        assertEquals(5, l.ifIndex());
        assertEquals(new LinkInfo.Inet6Info(0x80000000, new int[] {0, 64, 1500}, 65535, 1000, new byte[0]), l.inet6());
        assertArrayEquals(new long[] {37, 100, 200}, l.ipstats());

        NlMessageBuilder noV6 = new NlMessageBuilder(Rtnl.RTM_NEWLINK, Netlink.NLM_F_MULTI, 1, 0)
                .add(NlStruct.builder().u8(Native.AF_INET6).u8(0).u16(1).i32(6).i32(0).i32(0).build())
                .add(NlAttr.string(Rtnl.IFLA_IFNAME, "d2"));
        Inet6Link n = Inet6Link.decode(message(noV6));
        assertNull(n.inet6());
        assertNull(n.ipstats());
    }

    @Test
    void protinfoOfAFullLinkMessageIsABridgePortsNotAnIpv6Block() {
        NlMessageBuilder b = new NlMessageBuilder(Rtnl.RTM_NEWLINK, Netlink.NLM_F_MULTI, 1, 0)
                .add(NlStruct.familyHeader(0, Rtnl.IFINFOMSG_LEN))
                .add(NlAttr.string(Rtnl.IFLA_IFNAME, "port0"))
                .add(NlAttr.nested(Rtnl.IFLA_PROTINFO, NlAttr.u8(1, 3), NlAttr.i32s(2, 0, 64)));
        assertNull(LinkMessage.decode(message(b)).inet6(), "IFLA_BRPORT_* attributes are no IFLA_INET6_*");
        assertNull(Inet6LinkStats.decode(message(b)));
    }

    @Test
    void fullLinkMessageAnsweringTheInet6RequestIsReadFromItsAfSpec() {
        // a kernel without IPv6 answers the AF_INET6 request with its AF_UNSPEC handler's full messages
        NlMessageBuilder b = new NlMessageBuilder(Rtnl.RTM_NEWLINK, Netlink.NLM_F_MULTI, 1, 0)
                .add(NlStruct.familyHeader(0, Rtnl.IFINFOMSG_LEN))
                .add(NlAttr.string(Rtnl.IFLA_IFNAME, "d1"))
                .add(NlAttr.nested(Rtnl.IFLA_AF_SPEC, NlAttr.nested(Native.AF_INET6,
                        NlAttr.i32s(Rtnl.IFLA_INET6_CONF, 0, 63),
                        NlAttr.u64s(Rtnl.IFLA_INET6_STATS, 37, 5))));
        Inet6Link l = Inet6Link.decode(message(b));
        assertArrayEquals(new int[] {0, 63}, l.inet6().conf());
        assertArrayEquals(new long[] {37, 5}, l.ipstats());
    }
}
