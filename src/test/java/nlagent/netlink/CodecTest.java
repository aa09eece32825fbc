package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.sys.Native;

/** Codec tests on hand-built messages laid out as the kernel sends them (native byte order). */
class CodecTest {

    @Test
    void attributeWalkerMasksFlagBitsSkipsUnknownAndStopsAtTruncation() {
        MessageBuilder b = new MessageBuilder().begin(Rtnl.RTM_NEWLINK, 0, 1).ifinfo(0, 1, 7, 0)
                .attrI32(0x4000 | Rtnl.IFLA_MTU, 1500) // NLA_F_NET_BYTEORDER must not change the type
                .attrI32(999, 5)                        // unknown: skipped
                .attrString(Rtnl.IFLA_IFNAME, "eth0")
                .finish();
        ByteBuffer d = b.datagram();
        // append a truncated attribute claiming 40 bytes inside a 8-byte tail
        NlMessage m = NlMessage.at(d, 0);
        NlAttrs a = m.attributes(Rtnl.IFINFOMSG_LEN);
        List<Integer> types = new ArrayList<>();
        while (a.next()) {
            types.add(a.type());
        }
        assertEquals(List.of(Rtnl.IFLA_MTU, 999, Rtnl.IFLA_IFNAME), types);

        ByteBuffer bad = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        bad.putShort((short) 8).putShort((short) 3).putInt(1).putShort((short) 40).putShort((short) 4).putInt(0);
        bad.flip();
        NlAttrs t = new NlAttrs(bad, 0, 16);
        assertTrue(t.next());
        assertFalse(t.next(), "an attribute running past its parent ends the walk");
    }

    @Test
    void linkMessageDecodesEveryField() {
        int[] inetConf = new int[33];
        inetConf[Rtnl.IPV4_DEVCONF_FORWARDING - 1] = 1; // 1-based by constant
        int[] inet6Conf = new int[60];
        inet6Conf[Rtnl.DEVCONF_FORWARDING] = 0;
        inet6Conf[Rtnl.DEVCONF_HOPLIMIT] = 64;
        inet6Conf[Rtnl.DEVCONF_DISABLE_IPV6] = 1;
        long[] stats = new long[25];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = 1000L * (i + 1) + (1L << 40);
        }
        byte[] token = new byte[16];
        token[15] = 0x42;
        MessageBuilder b = new MessageBuilder().begin(Rtnl.RTM_NEWLINK, Netlink.NLM_F_MULTI, 9)
                .ifinfo(0, 1 /* ARPHRD_ETHER */, 5, 0x11043)
                .attrString(Rtnl.IFLA_IFNAME, "veth0")
                .attrI32(Rtnl.IFLA_MTU, 9000)
                .attr(Rtnl.IFLA_ADDRESS, new byte[] {2, 0, 0, 0, 0, 1})
                .attrU8(Rtnl.IFLA_OPERSTATE, 6)
                .attrString(Rtnl.IFLA_IFALIAS, "uplink")
                .attrI32(57, 0) // a PAD-like attribute the decoder does not know
                .attrLongs(Rtnl.IFLA_STATS64, stats)
                .nest(Rtnl.IFLA_LINKINFO, true).attrString(Rtnl.IFLA_INFO_KIND, "veth").end()
                .nest(Rtnl.IFLA_AF_SPEC, true)
                .nest(Native.AF_INET, true).attrInts(Rtnl.IFLA_INET_CONF, inetConf).end()
                .nest(Native.AF_INET6, true)
                .attrI32(Rtnl.IFLA_INET6_FLAGS, 0x80000000)
                .attrInts(Rtnl.IFLA_INET6_CONF, inet6Conf)
                .attrInts(Rtnl.IFLA_INET6_CACHEINFO, 65535, 1234, 31234, 1236)
                .attr(Rtnl.IFLA_INET6_TOKEN, token)
                .end()
                .end()
                .finish();
        LinkInfo l = LinkMessage.decode(b.message());
        assertEquals(5, l.ifIndex());
        assertEquals("veth0", l.name());
        assertEquals(1, l.arphrdType());
        assertEquals(0x11043, l.flags());
        assertEquals(9000, l.mtu());
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 1}, l.hwAddress());
        assertEquals(6, l.operState());
        assertEquals("uplink", l.alias());
        assertEquals("veth", l.kind());
        assertArrayEquals(stats, l.stats64());
        assertEquals(33, l.inetConf().length);
        assertEquals(1, l.inetConf()[0]);
        assertNotNull(l.inet6());
        assertEquals(0x80000000, l.inet6().flags());
        assertEquals(60, l.inet6().conf().length, "array sized by the attribute, not by a header constant");
        assertEquals(64, l.inet6().conf()[Rtnl.DEVCONF_HOPLIMIT]);
        assertEquals(1, l.inet6().conf()[Rtnl.DEVCONF_DISABLE_IPV6]);
        assertEquals(65535, l.inet6().maxReasmLen());
        assertEquals(1236, l.inet6().retransTimeMs());
        assertArrayEquals(token, l.inet6().token());
    }

    /**
     * The randomized reachable times (cacheinfo.reachable_time, NDTPA_REACHABLE_TIME), which the kernel draws again
     * for every device every 300 s and nothing serves, are not part of what is decoded: two messages that differ
     * only there decode to equal values, so the re-draw changes no snapshot.
     */
    @Test
    void randomizedReachableTimesAreNotDecoded() {
        java.util.function.IntFunction<MessageBuilder> link = reachable -> new MessageBuilder()
                .begin(Rtnl.RTM_NEWLINK, Netlink.NLM_F_MULTI, 9).ifinfo(0, 1, 5, 0x11043).attrString(Rtnl.IFLA_IFNAME, "veth0")
                .nest(Rtnl.IFLA_AF_SPEC, true).nest(Native.AF_INET6, true)
                .attrI32(Rtnl.IFLA_INET6_FLAGS, 0x80000000)
                .attrInts(Rtnl.IFLA_INET6_CACHEINFO, 65535, 1234, reachable, 1236)
                .end().end().finish();
        LinkInfo.Inet6Info i6 = LinkMessage.decode(link.apply(17000).message()).inet6();
        assertNotNull(i6);
        assertEquals(1236, i6.retransTimeMs(), "the rest of cacheinfo still read");
        assertEquals(i6, LinkMessage.decode(link.apply(43000).message()).inet6());
        java.util.function.IntFunction<MessageBuilder> table = reachable -> new MessageBuilder()
                .begin(Rtnl.RTM_NEWNEIGHTBL, Netlink.NLM_F_MULTI, 3).bytes((byte) Native.AF_INET6, (byte) 0, (byte) 0, (byte) 0)
                .attrString(Rtnl.NDTA_NAME, "ndisc_cache")
                .nest(Rtnl.NDTA_PARMS, true).attrI32(Rtnl.NDTPA_IFINDEX, 5)
                .attrU64(Rtnl.NDTPA_REACHABLE_TIME, reachable).attrU64(Rtnl.NDTPA_BASE_REACHABLE_TIME, 30000).end()
                .finish();
        NeighParms p = NeighTableMessage.decode(table.apply(17000).message());
        assertEquals(new NeighParms(Native.AF_INET6, 5, -1, 30000), p);
        assertEquals(p, NeighTableMessage.decode(table.apply(43000).message()));
    }

    @Test
    void linkWithoutIpConfigHasNullFamiliesAndMalformedHeaderIsRejected() {
        MessageBuilder b = new MessageBuilder().begin(Rtnl.RTM_NEWLINK, 0, 0).ifinfo(0, 772, 1, 0x9)
                .attrString(Rtnl.IFLA_IFNAME, "lo").finish();
        LinkInfo l = LinkMessage.decode(b.message());
        assertNull(l.inetConf());
        assertNull(l.inet6());
        assertEquals(0, l.stats64().length);

        MessageBuilder shortMsg = new MessageBuilder().begin(Rtnl.RTM_NEWLINK, 0, 0).i32(1).finish();
        assertThrows(MalformedMessageException.class, () -> LinkMessage.decode(shortMsg.message()));
    }

    @Test
    void neighTableHeaderIsSkippedAndDeviceParmsAreU64Milliseconds() {
        MessageBuilder header = new MessageBuilder().begin(Rtnl.RTM_NEWNEIGHTBL, Netlink.NLM_F_MULTI, 3)
                .bytes((byte) Native.AF_INET6, (byte) 0, (byte) 0, (byte) 0)
                .attrString(Rtnl.NDTA_NAME, "ndisc_cache")
                .nest(Rtnl.NDTA_PARMS, true).attrU64(Rtnl.NDTPA_RETRANS_TIME, 1000).end()
                .finish();
        assertNull(NeighTableMessage.decode(header.message()));

        MessageBuilder dev = new MessageBuilder().begin(Rtnl.RTM_NEWNEIGHTBL, Netlink.NLM_F_MULTI, 3)
                .bytes((byte) Native.AF_INET6, (byte) 0, (byte) 0, (byte) 0)
                .attrString(Rtnl.NDTA_NAME, "ndisc_cache")
                .nest(Rtnl.NDTA_PARMS, true)
                .attrI32(Rtnl.NDTPA_IFINDEX, 5)
                .attrI32(18, 0) // NDTPA_PAD before a u64
                .attrU64(Rtnl.NDTPA_REACHABLE_TIME, 32540)
                .attrU64(Rtnl.NDTPA_BASE_REACHABLE_TIME, 45680)
                .attrU64(Rtnl.NDTPA_RETRANS_TIME, 2348)
                .end()
                .finish();
        assertEquals(new NeighParms(Native.AF_INET6, 5, 2348, 45680), NeighTableMessage.decode(dev.message()));
    }

    @Test
    void netconfPartialNotificationIsMergedNotReplaced() {
        MessageBuilder dump = new MessageBuilder().begin(Rtnl.RTM_NEWNETCONF, Netlink.NLM_F_MULTI, 4)
                .bytes((byte) Native.AF_INET, (byte) 0, (byte) 0, (byte) 0)
                .attrI32(Rtnl.NETCONFA_IFINDEX, Rtnl.NETCONFA_IFINDEX_ALL)
                .attrI32(Rtnl.NETCONFA_FORWARDING, 0)
                .attrI32(Rtnl.NETCONFA_RP_FILTER, 2)
                .attrI32(Rtnl.NETCONFA_MC_FORWARDING, 0)
                .attrI32(42, 7) // newer attribute: ignored
                .finish();
        NetconfEntry full = NetconfMessage.decode(dump.message());
        assertEquals(Rtnl.NETCONFA_IFINDEX_ALL, full.ifIndex());
        assertEquals(Native.AF_INET, full.family());
        assertEquals(2, full.value(Rtnl.NETCONFA_RP_FILTER, -1));

        MessageBuilder note = new MessageBuilder().begin(Rtnl.RTM_NEWNETCONF, 0, 0)
                .bytes((byte) Native.AF_INET, (byte) 0, (byte) 0, (byte) 0)
                .attrI32(Rtnl.NETCONFA_IFINDEX, Rtnl.NETCONFA_IFINDEX_ALL)
                .attrI32(Rtnl.NETCONFA_FORWARDING, 1)
                .finish();
        NetconfEntry partial = NetconfMessage.decode(note.message());
        assertFalse(partial.has(Rtnl.NETCONFA_RP_FILTER));
        NetconfEntry merged = full.mergedWith(partial);
        assertEquals(1, merged.value(Rtnl.NETCONFA_FORWARDING, -1));
        assertEquals(2, merged.value(Rtnl.NETCONFA_RP_FILTER, -1), "attributes absent from the notification survive");
        assertEquals(-1, merged.value(Rtnl.NETCONFA_PROXY_NEIGH, -1));
    }

    @Test
    void addressMessagePrefersLocalOverPeerAndTakesExtendedFlags() {
        byte[] peer = new byte[16];
        byte[] local = new byte[16];
        local[0] = (byte) 0xfe;
        local[1] = (byte) 0x80;
        local[15] = 1;
        MessageBuilder b = new MessageBuilder().begin(Rtnl.RTM_NEWADDR, Netlink.NLM_F_MULTI, 1)
                .bytes((byte) Native.AF_INET6, (byte) 64, (byte) 0x40, (byte) Rtnl.RT_SCOPE_LINK).i32(3)
                .attr(Rtnl.IFA_ADDRESS, peer).attr(Rtnl.IFA_LOCAL, local).attrI32(Rtnl.IFA_FLAGS, 0x240).finish();
        AddressInfo a = AddressInfo.decode(b.message());
        assertEquals(3, a.ifIndex());
        assertEquals(64, a.prefixLen());
        assertEquals(Rtnl.RT_SCOPE_LINK, a.scope());
        assertEquals(0x240, a.flags());
        assertArrayEquals(local, a.address());
        ByteBuffer out = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        DumpRequest.ipv6Addresses().encode(out, 1);
        assertEquals(24, out.position(), "header + 8-byte ifaddrmsg");
        assertEquals(Native.AF_INET6, out.get(16));
    }

    @Test
    void datagramSplitterWalksAlignedMessagesAndRejectsBadLengths() throws Exception {
        MessageBuilder b = new MessageBuilder()
                .begin(Rtnl.RTM_NEWNETCONF, 0, 1).bytes((byte) 2).finish()   // 17 bytes, padded to 20
                .begin(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, 1).i32(0).finish();
        ByteBuffer d = b.datagram();
        List<Integer> types = new ArrayList<>();
        NlMessage.forEach(d, d.limit(), new NlMessage(), m -> types.add(m.type()));
        assertEquals(List.of(Rtnl.RTM_NEWNETCONF, Netlink.NLMSG_DONE), types);

        ByteBuffer bad = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        bad.putInt(0, 64); // claims more than the datagram
        assertThrows(MalformedMessageException.class, () -> NlMessage.forEach(bad, 32, new NlMessage(), m -> { }));
        bad.putInt(0, 8); // shorter than a header
        assertThrows(MalformedMessageException.class, () -> NlMessage.forEach(bad, 32, new NlMessage(), m -> { }));
    }

    @Test
    void dumpRequestsHaveTheSizesStrictCheckingWants() {
        ByteBuffer out = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        DumpRequest.netconf().encode(out, 77);
        assertEquals(20, out.position(), "netconf dump must be 20 bytes, not 17");
        assertEquals(20, out.getInt(0));
        assertEquals(Rtnl.RTM_GETNETCONF, out.getShort(4));
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, out.getShort(6));
        assertEquals(77, out.getInt(8));
        out.clear();
        DumpRequest.links().encode(out, 1);
        assertEquals(32, out.position(), "link dump needs a full ifinfomsg");
        out.clear();
        DumpRequest.neighTables().encode(out, 1);
        assertEquals(20, out.position());
    }

    @Test
    void netByteOrderAttributesAreReadBigEndian() {
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder());
        b.putShort((short) 8).putShort((short) (5 | Netlink.NLA_F_NET_BYTEORDER));
        b.order(ByteOrder.BIG_ENDIAN).putInt(0x01020304).order(ByteOrder.nativeOrder());
        b.putShort((short) 12).putShort((short) (6 | Netlink.NLA_F_NET_BYTEORDER));
        b.order(ByteOrder.BIG_ENDIAN).putLong(0x0102030405060708L).order(ByteOrder.nativeOrder());
        b.putShort((short) 8).putShort((short) 7).putInt(0x01020304); // no flag: host order
        NlAttrs a = new NlAttrs(b, 0, 28);
        assertTrue(a.next());
        assertEquals(5, a.type(), "the flag is not part of the type");
        assertEquals(0x01020304, a.i32());
        assertEquals(0x01020304L, a.uint());
        assertTrue(a.next());
        assertEquals(0x0102030405060708L, a.i64());
        assertTrue(a.next());
        assertEquals(0x01020304, a.i32());
    }
}
