package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.model.IpCounters;
import nlagent.model.IpStat;
import nlagent.netlink.Inet6Link;
import nlagent.netlink.LinkCounters;
import nlagent.netlink.LinkInfo;

/** {@link LinkCountersMerge}: the kept links with the counters and IPv6 blocks of the two light dumps. */
class LinkCountersMergeTest {

    private static LinkInfo.Inet6Info inet6(int hopLimit) {
        return new LinkInfo.Inet6Info(0x80000000, new int[] {0, hopLimit, 1500}, 65535, 1000, new byte[16]);
    }

    private static LinkInfo link(int ifIndex, String name, long rxPackets, LinkInfo.Inet6Info inet6) {
        return new LinkInfo(ifIndex, name, 1, 0x1043, 1500, new byte[] {2, 0, 0, 0, 0, (byte) ifIndex}, 6, "", "veth",
                new long[] {rxPackets, 0, 0, 0}, new int[] {0}, inet6);
    }

    private static LinkCounters stats(int ifIndex, long rxPackets) {
        return new LinkCounters(ifIndex, new long[] {rxPackets, 0, 0, 0});
    }

    private static IpCounters counters(long inReceives) {
        return IpCounters.builder().put(IpStat.IN_RECEIVES, inReceives).build();
    }

    /** The AF_INET6 dump's message of {@code l}'s device (its fields as the link's) with this IPv6 block. */
    private static LinkCountersMerge.Inet6Read v6(LinkInfo l, int hopLimit, long inReceives) {
        return new LinkCountersMerge.Inet6Read(new Inet6Link(l.ifIndex(), l.arphrdType(), l.flags(), l.name(), l.mtu(), l.hwAddress(),
                l.operState(), inet6(hopLimit), null), counters(inReceives));
    }

    @Test
    void unchangedLinksStayTheSameObjects() {
        List<LinkInfo> kept = List.of(link(1, "lo", 5, inet6(64)), link(2, "d1", 0, inet6(64)), link(3, "d2", 0, null));
        LinkCountersMerge.Merged m = LinkCountersMerge.merge(kept, List.of(stats(1, 5), stats(2, 0), stats(3, 0)),
                List.of(v6(kept.get(0), 64, 7), v6(kept.get(1), 64, 0)));
        for (int i = 0; i < kept.size(); i++) {
            assertSame(kept.get(i), m.links().get(i), "link " + i);
        }
        assertEquals(List.of(1, 2), List.copyOf(m.inet6().keySet()), "IPv6 counters of the IPv6 devices only");
        assertEquals(7, m.inet6().get(1).get(IpStat.IN_RECEIVES));
    }

    @Test
    void newCountersAndIpv6BlocksKeepTheRestOfTheLink() {
        LinkInfo lo = link(1, "lo", 5, inet6(64));
        LinkInfo d1 = link(2, "d1", 0, inet6(64));
        LinkCountersMerge.Merged m = LinkCountersMerge.merge(List.of(lo, d1), List.of(stats(1, 9), stats(2, 0)),
                List.of(v6(lo, 64, 0), v6(d1, 33, 0)));
        LinkInfo lo2 = m.links().get(0);
        assertNotSame(lo, lo2);
        assertEquals(9, lo2.stats64()[0], "new counters");
        assertSame(lo.inet6(), lo2.inet6(), "an IPv6 block that reads the same stays the same object");
        assertEquals(lo.name(), lo2.name());
        assertArrayEquals(lo.hwAddress(), lo2.hwAddress());
        assertEquals(lo.mtu(), lo2.mtu());
        assertEquals(lo.operState(), lo2.operState());
        LinkInfo d12 = m.links().get(1);
        assertEquals(33, d12.inet6().conf()[1], "new IPv6 block");
        assertSame(d1.stats64(), d12.stats64(), "the counters that did not move are the link's own");
        assertEquals(link(2, "d1", 0, inet6(33)), d12);
    }

    @Test
    void anotherOrderIsMatchedByIfIndex() {
        List<LinkInfo> kept = List.of(link(7, "a", 1, inet6(64)), link(3, "b", 2, null), link(5, "c", 3, inet6(64)));
        LinkCountersMerge.Merged m = LinkCountersMerge.merge(kept, List.of(stats(3, 2), stats(5, 3), stats(7, 4)),
                List.of(v6(kept.get(2), 64, 0), v6(kept.get(0), 64, 0)));
        assertEquals(List.of(7, 3, 5), m.links().stream().map(LinkInfo::ifIndex).toList(), "the kept order");
        assertEquals(4, m.links().get(0).stats64()[0]);
        assertSame(kept.get(1), m.links().get(1));
        assertSame(kept.get(2), m.links().get(2));
    }

    @Test
    void otherLinksThanTheKeptOnesAskForTheFullDump() {
        List<LinkInfo> kept = List.of(link(1, "lo", 0, inet6(64)), link(2, "d1", 0, inet6(64)));
        assertNull(LinkCountersMerge.merge(kept, List.of(stats(1, 0)), List.of()), "a link gone");
        assertNull(LinkCountersMerge.merge(kept, List.of(stats(1, 0), stats(2, 0), stats(3, 0)), List.of()), "a link more");
        assertNull(LinkCountersMerge.merge(kept, List.of(stats(1, 0), stats(4, 0)), List.of()), "a link replaced");
        assertNull(LinkCountersMerge.merge(kept, List.of(stats(1, 0), stats(1, 0)), List.of()), "a repeated ifindex");
        assertNull(LinkCountersMerge.merge(kept, List.of(stats(1, 0), stats(2, 0)),
                List.of(v6(kept.get(0), 64, 0), v6(link(9, "d9", 0, null), 64, 0))), "an IPv6 device the counters did not list");
    }

    @Test
    void decodedMessagesThatReadAsTheirKeptLinkHoldItsArrays() {
        LinkInfo d1 = link(2, "d1", 7, inet6(64));
        LinkCountersMerge.KeptLinks kept = new LinkCountersMerge.KeptLinks(List.of(d1));
        assertSame(d1.stats64(), kept.share(stats(2, 7)).stats64(), "equal counters: the link's array");
        assertNotSame(d1.stats64(), kept.share(stats(2, 8)).stats64(), "other counters: their own");
        Inet6Link same = kept.share(new Inet6Link(2, 1, 0x1043, "d1", 1500, d1.hwAddress().clone(), 6, inet6(64), null));
        assertSame(d1.name(), same.name());
        assertSame(d1.inet6(), same.inet6(), "an equal IPv6 block: the link's");
        assertTrue(same.sameDevice(d1));
        Inet6Link other = kept.share(new Inet6Link(2, 1, 0x1043, "d1", 1500, d1.hwAddress().clone(), 6, inet6(33), null));
        assertNotSame(d1.inet6(), other.inet6(), "another IPv6 block: its own");
        assertEquals(33, other.inet6().conf()[1]);
        Inet6Link moved = new Inet6Link(2, 1, 0x1043, "d1", 1400, d1.hwAddress().clone(), 6, inet6(64), null);
        assertSame(moved, kept.share(moved), "other device fields: as decoded");
        LinkCounters unknown = stats(5, 7);
        assertSame(unknown, kept.share(unknown), "a link not kept: as decoded");
    }

    @Test
    void deviceFieldsThatMovedBeforeTheirNotificationAskForTheFullDump() {
        LinkInfo d1 = link(2, "d1", 0, inet6(64));
        List<LinkInfo> kept = List.of(d1);
        List<LinkCounters> stats = List.of(stats(2, 0));
        assertSame(d1, LinkCountersMerge.merge(kept, stats, List.of(v6(d1, 64, 0))).links().get(0), "the same fields: kept");
        LinkInfo.Inet6Info b = inet6(64);
        for (Inet6Link moved : List.of(
                new Inet6Link(2, 1, 0x1042, "d1", 1500, d1.hwAddress(), 6, b, null),                  // flags (down)
                new Inet6Link(2, 1, 0x1043, "d1x", 1500, d1.hwAddress(), 6, b, null),                 // name
                new Inet6Link(2, 1, 0x1043, "d1", 1400, d1.hwAddress(), 6, b, null),                  // MTU
                new Inet6Link(2, 1, 0x1043, "d1", 1500, new byte[] {2, 0, 0, 0, 0, 9}, 6, b, null),   // address
                new Inet6Link(2, 1, 0x1043, "d1", 1500, d1.hwAddress(), 2, b, null),                  // operational state
                new Inet6Link(2, 772, 0x1043, "d1", 1500, d1.hwAddress(), 6, b, null))) {             // type
            assertNull(LinkCountersMerge.merge(kept, stats, List.of(new LinkCountersMerge.Inet6Read(moved, null))), moved.toString());
        }
    }

    @Test
    void aDeviceThatLostItsIpv6BlockHasNone() {
        LinkInfo d1 = link(2, "d1", 0, inet6(64));
        LinkCountersMerge.Merged m = LinkCountersMerge.merge(List.of(d1), List.of(stats(2, 0)), List.of());
        assertNull(m.links().get(0).inet6());
        assertEquals(0, m.inet6().size());
    }
}
