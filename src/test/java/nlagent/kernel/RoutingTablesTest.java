package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import nlagent.model.NeighbourEntry;
import nlagent.model.RouteEntry;
import nlagent.netlink.NeighbourMessage;
import nlagent.netlink.NlMessage;
import nlagent.netlink.RouteMessage;
import nlagent.netlink.Rtnl;
import nlagent.sys.Native;
import nlagent.time.ManualScheduler;

/** Incremental neighbour and route tables and the coalesced republish, without root or a kernel. */
class RoutingTablesTest {
    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};

    private static NeighbourMessage neigh(boolean deleted, int ifIndex, int last, int state) {
        return new NeighbourMessage(deleted, Native.AF_INET, ifIndex, state, 0, new byte[] {10, 0, 0, (byte) last}, MAC, 0);
    }

    private static RouteMessage route(boolean deleted, boolean appended, int family, int table, int last, int prefix,
                                      long metric, RouteMessage.NextHop... hops) {
        byte[] dst = new byte[family == Native.AF_INET ? 4 : 16];
        dst[0] = 10;
        dst[1] = (byte) last;
        return new RouteMessage(deleted, appended, false, family, prefix, 0, table, 3, 0, Rtnl.RTN_UNICAST, 0, dst, metric,
                List.of(hops), 0);
    }

    /** {@code m} as an NLM_F_REPLACE notification ({@code ip route replace} / {@code change}). */
    private static RouteMessage replacing(RouteMessage m) {
        return new RouteMessage(m.deleted(), m.appended(), true, m.family(), m.dstLen(), m.tos(), m.table(), m.protocol(),
                m.scope(), m.type(), m.flags(), m.destination(), m.priority(), m.nextHops(), m.expiresCentis());
    }

    private static RouteMessage.NextHop via(int ifIndex, int gwLast, int family) {
        byte[] gw = new byte[family == Native.AF_INET ? 4 : 16];
        gw[0] = 10;
        gw[gw.length - 1] = (byte) gwLast;
        return new RouteMessage.NextHop(ifIndex, gw, 1);
    }

    @Test
    void neighbourDeltasApplyAndTheViewIsSortedByIndex() {
        NeighbourTable t = new NeighbourTable();
        t.dumpStarting();
        t.replaceAll(List.of(neigh(false, 3, 9, Rtnl.NUD_REACHABLE), neigh(false, 2, 5, Rtnl.NUD_STALE)), 0);
        assertEquals(List.of(2, 3), t.entries().stream().map(NeighbourEntry::ifIndex).toList());
        assertTrue(t.apply(neigh(false, 3, 1, Rtnl.NUD_PERMANENT), 0));
        assertFalse(t.apply(neigh(false, 3, 1, Rtnl.NUD_PERMANENT), 0), "the same entry again changes nothing");
        assertTrue(t.apply(neigh(false, 3, 1, Rtnl.NUD_STALE), 0), "a state change is a change");
        List<NeighbourEntry> e = t.entries();
        assertEquals(3, e.size());
        assertEquals(1, e.get(1).address()[3], "10.0.0.1 sorts before 10.0.0.9 on ifIndex 3");
        assertEquals(Rtnl.NUD_STALE, e.get(1).state());
        assertTrue(t.apply(neigh(false, 3, 1, Rtnl.NUD_FAILED), 0), "FAILED removes the entry, as net-snmp does");
        assertTrue(t.apply(neigh(true, 2, 5, Rtnl.NUD_STALE), 0));
        assertFalse(t.apply(neigh(true, 2, 5, Rtnl.NUD_STALE), 0), "deleting an absent entry is no change");
        assertEquals(1, t.entries().size());
    }

    @Test
    void aReDumpOfUnchangedEntriesKeepsTheListAndAChangeMakesANewOneWithTheUnchangedEntries() {
        NeighbourTable t = new NeighbourTable();
        t.dumpStarting();
        t.replaceAll(List.of(neigh(false, 3, 9, Rtnl.NUD_REACHABLE), neigh(false, 2, 5, Rtnl.NUD_STALE)), 0);
        List<NeighbourEntry> n1 = t.entries();
        t.dumpStarting();
        t.replaceAll(List.of(neigh(false, 3, 9, Rtnl.NUD_REACHABLE), neigh(false, 2, 5, Rtnl.NUD_STALE)), 0);
        assertSame(n1, t.entries(), "same entries: the same list");
        t.dumpStarting();
        t.replaceAll(List.of(neigh(false, 3, 9, Rtnl.NUD_STALE), neigh(false, 2, 5, Rtnl.NUD_STALE)), 0);
        List<NeighbourEntry> n2 = t.entries();
        assertNotSame(n1, n2);
        assertSame(n1.get(0), n2.get(0), "the unchanged entry is the previous object");
        assertEquals(Rtnl.NUD_STALE, n2.get(1).state());

        RouteTable r = new RouteTable();
        RouteMessage a = route(false, false, Native.AF_INET, 254, 7, 16, 0, via(3, 1, Native.AF_INET));
        RouteMessage b = route(false, false, Native.AF_INET6, 254, 8, 64, 256, via(3, 1, Native.AF_INET6));
        r.dumpStarting();
        r.replaceAll(List.of(a), List.of(b));
        List<RouteEntry> r1 = r.entries();
        r.dumpStarting();
        r.replaceAll(List.of(route(false, false, Native.AF_INET, 254, 7, 16, 0, via(3, 1, Native.AF_INET))), List.of(b));
        assertSame(r1, r.entries(), "same routes: the same list");
        r.dumpStarting();
        r.replaceAll(List.of(a), List.of(route(false, false, Native.AF_INET6, 254, 8, 64, 1024, via(3, 1, Native.AF_INET6))));
        List<RouteEntry> r2 = r.entries();
        assertSame(r1.get(0), r2.get(0), "the unchanged IPv4 route is the previous object");
        assertEquals(1024, r2.get(1).metric());
        assertEquals(2, r2.size());
    }

    /** compat mode 0: a route that names a nexthop object the last dump did not read says nothing of where it goes. */
    @Test
    void aRouteOverAnObjectNotReadYetAsksForTheDump() {
        RouteMessage m = route(false, false, Native.AF_INET, 254, 1, 16, 0, new RouteMessage.NextHop(0, null, 1));
        RouteMessage overObject = new RouteMessage(m.deleted(), m.appended(), m.replaced(), m.family(), m.dstLen(), m.tos(), m.table(),
                m.protocol(), m.scope(), m.type(), m.flags(), m.destination(), m.priority(), m.nextHops(), m.expiresCentis(), 5);
        RouteTable t = new RouteTable();
        t.replaceAll(List.of(), List.of());
        assertFalse(t.needsNexthops());
        assertEquals(RouteTable.Result.RESYNC, t.apply(overObject), "object 5 not read: the structure dump reads it");
        assertEquals(0, t.size());
        t.nexthops(new nlagent.model.Nexthops(new java.util.TreeMap<>(java.util.Map.of(5,
                new RouteEntry.NextHop(2, new byte[] {10, 0, 0, 9}, 1)))));
        assertEquals(RouteTable.Result.CHANGED, t.apply(overObject), "object 5 known: applied");
        assertTrue(t.needsNexthops(), "its route names it and nothing else");
        assertEquals(5, t.entries().get(0).nexthopId());
    }

    @Test
    void removingOneOfTwinRoutesAsksForTheDump() {
        RouteTable t = new RouteTable();
        RouteMessage front = route(false, false, Native.AF_INET, 254, 1, 16, 0, via(2, 4, Native.AF_INET));
        RouteMessage behind = route(false, false, Native.AF_INET, 254, 1, 16, 0, via(2, 3, Native.AF_INET));
        t.replaceAll(List.of(front, behind), List.of());
        assertEquals(1, t.size(), "twins (same key) shown once");
        assertEquals(4, t.entries().get(0).nextHops().get(0).gateway()[3], "the first in dump order");
        assertEquals(RouteTable.Result.RESYNC, t.apply(route(true, false, Native.AF_INET, 254, 1, 16, 0, via(2, 4, Native.AF_INET))),
                "the kernel still has the twin behind it");
        RouteTable single = new RouteTable();
        single.replaceAll(List.of(behind), List.of());
        assertEquals(RouteTable.Result.CHANGED, single.apply(route(true, false, Native.AF_INET, 254, 1, 16, 0, via(2, 3, Native.AF_INET))));
        assertEquals(0, single.size());
    }

    @Test
    void aNotificationDuringADumpSurvivesTheDumpThatMissedIt() {
        NeighbourTable t = new NeighbourTable();
        t.dumpStarting();
        t.apply(neigh(false, 4, 4, Rtnl.NUD_REACHABLE), 0); // arrives while the dump runs
        t.replaceAll(List.of(neigh(false, 2, 5, Rtnl.NUD_STALE)), 0);
        assertEquals(2, t.size());
        RouteTable r = new RouteTable();
        r.dumpStarting();
        assertEquals(RouteTable.Result.CHANGED, r.apply(route(false, false, Native.AF_INET, 254, 7, 16, 0, via(3, 1, Native.AF_INET))));
        r.replaceAll(List.of(), List.of());
        assertEquals(1, r.size());
    }

    @Test
    void neighbourUpdatedTimeComesFromTheKernelsAge() {
        NeighbourTable t = new NeighbourTable();
        t.apply(new NeighbourMessage(false, Native.AF_INET, 2, Rtnl.NUD_REACHABLE, 0, new byte[] {1, 2, 3, 4}, MAC, 150),
                TimeUnit.SECONDS.toNanos(10));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(8_500), t.entries().get(0).updatedAtNanos());
    }

    @Test
    void routesKeepKernelOrderAndOnlyServedTables() {
        RouteTable t = new RouteTable();
        t.replaceAll(List.of(route(false, false, Native.AF_INET, 254, 9, 16, 0, via(2, 1, Native.AF_INET)),
                        route(false, false, Native.AF_INET, 255, 8, 32, 0, new RouteMessage.NextHop(1, null, 1)),
                        route(false, false, Native.AF_INET, 254, 1, 16, 0, via(2, 1, Native.AF_INET))),
                List.of(route(false, false, Native.AF_INET6, 255, 3, 128, 0, new RouteMessage.NextHop(1, null, 1)),
                        route(false, false, Native.AF_INET6, 254, 2, 64, 256, new RouteMessage.NextHop(2, null, 1)),
                        route(false, false, Native.AF_INET6, 254, 2, 64, 256, new RouteMessage.NextHop(3, null, 1))));
        List<RouteEntry> e = t.entries();
        assertEquals(5, e.size(), "IPv4 local table left out; the same connected prefix on two links is two routes");
        assertEquals(9, e.get(0).destination()[1], "dump order, not sorted");
        assertEquals(Native.AF_INET6, e.get(2).family());
        assertEquals(RouteTable.Result.UNCHANGED,
                t.apply(route(false, false, Native.AF_INET, 255, 4, 32, 0, new RouteMessage.NextHop(1, null, 1))));
        assertEquals(RouteTable.Result.CHANGED, t.apply(route(false, false, Native.AF_INET, 254, 5, 24, 0, via(2, 1, Native.AF_INET))));
        assertEquals(5, t.entries().get(2).destination()[1], "a new IPv4 route goes after the other IPv4 routes");
        assertEquals(RouteTable.Result.CHANGED, t.apply(route(true, false, Native.AF_INET, 254, 9, 16, 0, via(2, 1, Native.AF_INET))));
        assertEquals(5, t.size());
        assertEquals(RouteTable.Result.RESYNC, t.apply(route(false, false, Native.AF_INET, 254, 1, 16, 0, via(4, 6, Native.AF_INET))),
                "ip route prepend: a twin in front of the route with the same key, which the dump shows");
        assertEquals(RouteTable.Result.CHANGED, t.apply(replacing(route(false, false, Native.AF_INET, 254, 1, 16, 0, via(4, 7, Native.AF_INET)))),
                "a replaced IPv4 route");
        assertEquals(4, t.entries().get(0).nextHops().get(0).ifIndex());
    }

    @Test
    void unchangedDumpsKeepTheTableUnlessANotificationTouchedItSinceTheLastDump() {
        RouteTable t = new RouteTable();
        List<RouteMessage> v4 = List.of(route(false, false, Native.AF_INET, 254, 9, 16, 0, via(2, 1, Native.AF_INET)));
        List<RouteMessage> v6 = List.of(route(false, false, Native.AF_INET6, 254, 2, 64, 256, new RouteMessage.NextHop(2, null, 1)));
        t.dumpStarting();
        t.replaceAll(v4, v6, true); // the first dump: nothing to keep yet, built
        List<RouteEntry> first = t.entries();
        assertEquals(2, first.size());
        t.dumpStarting();
        t.replaceAll(v4, v6, true);
        assertSame(first, t.entries(), "the same dumps and no notification: the table as it was");

        RouteMessage added = route(false, false, Native.AF_INET, 254, 5, 24, 0, via(2, 1, Native.AF_INET));
        assertEquals(RouteTable.Result.CHANGED, t.apply(added));
        assertEquals(3, t.entries().size());
        t.dumpStarting();
        t.replaceAll(v4, v6, true); // the dumps read as before (the route came and went meanwhile): rebuilt from them
        assertEquals(2, t.entries().size(), "a notification since the last dump: the dump is the truth");

        t.dumpStarting();
        t.apply(added); // during the dump, which missed it
        t.replaceAll(v4, v6, true);
        assertEquals(3, t.entries().size(), "a notification during the dump is replayed, never dropped by the shortcut");
    }

    @Test
    void ambiguousRouteChangesAskForAResync() {
        RouteTable t = new RouteTable();
        RouteMessage mp = route(false, false, Native.AF_INET6, 254, 21, 48, 1024, via(2, 2, Native.AF_INET6), via(3, 5, Native.AF_INET6));
        t.replaceAll(List.of(), List.of(mp));
        assertEquals(RouteTable.Result.RESYNC, t.apply(route(true, false, Native.AF_INET6, 254, 21, 48, 1024, via(2, 2, Native.AF_INET6))),
                "one sibling of a multipath route removed");
        assertEquals(RouteTable.Result.RESYNC, t.apply(route(false, false, Native.AF_INET6, 254, 21, 48, 1024, via(4, 9, Native.AF_INET6))),
                "a sibling added");
        t.apply(route(false, false, Native.AF_INET, 254, 1, 8, 0, via(2, 1, Native.AF_INET)));
        assertEquals(RouteTable.Result.RESYNC, t.apply(route(false, true, Native.AF_INET, 254, 1, 8, 0, via(3, 2, Native.AF_INET))),
                "ip route append");
        assertEquals(RouteTable.Result.CHANGED, t.apply(mp.deleted() ? mp : new RouteMessage(true, false, false, mp.family(), mp.dstLen(),
                mp.tos(), mp.table(), mp.protocol(), mp.scope(), mp.type(), mp.flags(), mp.destination(), mp.priority(),
                mp.nextHops(), 0)), "the whole multipath route removed");
    }

    /** A RTM_NEWNEIGH notification as the kernel lays it out. */
    private static NlMessage neighMessage(int i) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        int len = 16 + 12 + 8 + 12;
        b.putInt(len).putShort((short) Rtnl.RTM_NEWNEIGH).putShort((short) 0).putInt(0).putInt(0);
        b.put((byte) Native.AF_INET).put((byte) 0).putShort((short) 0).putInt(2).putShort((short) Rtnl.NUD_REACHABLE)
                .put((byte) 0).put((byte) 0);
        b.putShort((short) 8).putShort((short) Rtnl.NDA_DST).put(new byte[] {10, 1, (byte) (i >> 8), (byte) i});
        b.putShort((short) 10).putShort((short) Rtnl.NDA_LLADDR).put(MAC).putShort((short) 0);
        b.flip();
        return NlMessage.at(b, 0);
    }

    @Test
    void aBurstOfTenThousandChangesIsOneRepublishAndNoResync() {
        ManualScheduler clock = new ManualScheduler();
        NeighbourTable n = new NeighbourTable();
        RouteTable r = new RouteTable();
        AtomicInteger republished = new AtomicInteger();
        AtomicInteger resyncs = new AtomicInteger();
        List<Integer> sizesSeen = new ArrayList<>();
        RoutingUpdates u = new RoutingUpdates(n, r, clock, clock, () -> {
            republished.incrementAndGet();
            sizesSeen.add(n.entries().size());
        }, resyncs::incrementAndGet);
        for (int i = 0; i < 10_000; i++) {
            u.message(neighMessage(i));
        }
        assertEquals(0, republished.get(), "nothing published inside the batch window");
        clock.advance(RoutingUpdates.PUBLISH_DELAY_NANOS, TimeUnit.NANOSECONDS);
        assertEquals(1, republished.get());
        assertEquals(List.of(10_000), sizesSeen);
        assertEquals(0, resyncs.get(), "no full re-dump for neighbour changes");
        u.message(neighMessage(0)); // unchanged: no publish scheduled
        clock.advance(1, TimeUnit.SECONDS);
        assertEquals(1, republished.get());
    }
}
