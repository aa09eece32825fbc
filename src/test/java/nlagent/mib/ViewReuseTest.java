package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.IpCounters;
import nlagent.model.IpStat;
import nlagent.model.IpStatistics;
import nlagent.model.NetnsSnapshot;
import nlagent.time.ManualScheduler;

/**
 * A view built from a new snapshot while reusing the previous view's arrays answers exactly as a
 * view built fresh from that snapshot: after counters moved, after an interface was added, removed
 * or renamed, after a row lost its IPv6 configuration, and over a chain of such refreshes. When
 * nothing but values changed, the parts really share the previous parts' name arrays.
 */
class ViewReuseTest {
    private final NetnsMibBuilder builder = new NetnsMibBuilder(new Uptime(new ManualScheduler(), 0));

    /** Interfaces lo + those of {@code ifIndexes} (veth-like, named by index unless renamed), counters moved by {@code bump}. */
    static NetnsSnapshot snapshot(long generation, List<Integer> ifIndexes, long bump, String renamed, int noIpv6) {
        List<InterfaceSnapshot> ifs = new ArrayList<>(List.of(TestSnapshots.loopback()));
        SortedMap<Integer, IpCounters> perIf = new TreeMap<>();
        perIf.put(1, counters(bump));
        for (int i : ifIndexes) {
            InterfaceSnapshot v = TestSnapshots.veth(i, i == 7 && renamed != null ? renamed : "veth" + i, 10_000, i % 5 != 0);
            ifs.add(new InterfaceSnapshot(v.ifIndex(), v.name(), v.arphrdType(), v.flags(), v.mtu(), v.hwAddress(),
                    v.operState(), v.alias(), v.linkKind(),
                    TestSnapshots.stats(100 + bump * i, 50 + bump, 10_000 + bump * 3, 5_000, i % 3 == 0 ? bump : 7),
                    v.speedMbps(), v.lastChangeNanos(), v.ipv4(), i == noIpv6 ? null : v.ipv6()));
            if (i != noIpv6) {
                perIf.put(i, counters(bump * i));
            }
        }
        NetnsSnapshot s = TestSnapshots.snapshot("", generation, ifs);
        return new NetnsSnapshot(s.context(), s.id(), s.takenAtNanos(), s.generation(), s.interfaces(), s.ipv4Forwarding(),
                s.ipv6Forwarding(), s.ipDefaultTtl(), s.ipReasmTimeoutSeconds(), s.ipv6HopLimit(), s.interfacesLastChangeNanos(),
                s.ipv4LastChangeNanos(), s.ipv6LastChangeNanos(), s.addresses(),
                new IpStatistics(counters(1_000 + bump), counters(2_000), perIf), s.neighbours(), s.routes());
    }

    private static IpCounters counters(long base) {
        IpCounters.Builder b = IpCounters.builder();
        for (IpStat st : IpStat.values()) {
            b.put(st, st.ordinal() % 4 == 0 ? 0 : base + st.ordinal());
        }
        return b.build();
    }

    private static List<Integer> range(int from, int to, IntPredicate keep) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            if (keep.test(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Every binding of {@code v}, by GETNEXT from the start. */
    static List<VarBind> walk(MibView v) {
        List<VarBind> out = new ArrayList<>();
        for (VarBind vb = v.next(Oid.of(0), false, null); vb != null; vb = v.next(vb.oid(), false, null)) {
            out.add(vb);
        }
        return out;
    }

    /** The reused view answers as the fresh one: every binding of a walk, and GET of each name and of names beside it. */
    private static void assertSameAnswers(LazyPartsView fresh, LazyPartsView reused) {
        List<VarBind> expected = walk(fresh);
        assertEquals(expected, walk(reused));
        for (VarBind vb : expected) {
            assertEquals(vb.value(), reused.get(vb.oid()));
            Oid beside = vb.oid().append(1);
            assertEquals(fresh.get(beside), reused.get(beside));
        }
    }

    @Test
    void aReusedViewAnswersAsAFreshBuildAfterEveryKindOfChange() {
        List<Integer> base = range(2, 40, i -> true);
        List<NetnsSnapshot> refreshes = List.of(
                snapshot(1, base, 1, null, -1),
                snapshot(2, base, 2, null, -1), // counters moved
                snapshot(3, base, 2, null, -1), // nothing moved
                snapshot(4, range(2, 41, i -> true), 3, null, -1), // an interface added at the end
                snapshot(5, range(2, 41, i -> i != 20), 4, null, -1), // one removed in the middle
                snapshot(6, range(2, 41, i -> i != 20 && i != 2), 4, "renamed7", -1), // the first removed, one renamed
                snapshot(7, range(2, 41, i -> i != 20 && i != 2), 5, "renamed7", 9), // one lost IPv6
                snapshot(8, range(2, 45, i -> i != 2), 6, null, -1)); // back, and more
        LazyPartsView previous = null;
        for (NetnsSnapshot s : refreshes) {
            LazyPartsView fresh = builder.buildLazily(s);
            LazyPartsView reused = builder.buildLazily(s, previous);
            assertSameAnswers(fresh, reused);
            reused.buildAll(); // every part built: the next refresh can reuse all of them
            previous = reused;
        }
    }

    /**
     * A refresh keeps the previous snapshot's object for every interface that did not change; IF-MIB takes those rows'
     * values from the previous part without computing them. The rows of interfaces that did change (counters, a
     * rename, one removed) answer as a fresh build, and the unchanged rows hold the very previous value objects.
     */
    @Test
    void rowsOfTheVerySameInterfacesTakeThePreviousValues() {
        NetnsSnapshot first = snapshot(1, range(2, 30, i -> true), 1, null, -1);
        LazyPartsView firstView = builder.buildLazily(first);
        firstView.buildAll();
        NetnsSnapshot moved = snapshot(2, range(2, 30, i -> true), 2, "renamed7", -1);
        for (int changedRow : new int[] {0, 5, 6, 28}) {
            List<InterfaceSnapshot> rows = new ArrayList<>(first.interfaces());
            rows.set(changedRow, moved.interfaces().get(changedRow)); // every other row: the previous object
            NetnsSnapshot s = withInterfaces(first, rows);
            LazyPartsView next = builder.buildLazily(s, firstView);
            assertSameAnswers(builder.buildLazily(s), next);
            SortedMibView before = firstView.builtPart("IF-MIB");
            SortedMibView after = next.builtPart("IF-MIB");
            int changedIfIndex = rows.get(changedRow).ifIndex();
            for (int i = 0; i < after.size(); i++) {
                Oid name = after.nameAt(i);
                boolean inChangedRow = name.size() > 10 && name.get(name.size() - 1) == changedIfIndex;
                if (!inChangedRow) {
                    assertSame(before.valueAt(i), after.valueAt(i), "unchanged row, " + name);
                }
            }
        }
        // the same rows, one removed in the middle: names move, every value still as a fresh build
        List<InterfaceSnapshot> fewer = new ArrayList<>(first.interfaces());
        fewer.remove(10);
        NetnsSnapshot s = withInterfaces(first, fewer);
        assertSameAnswers(builder.buildLazily(s), builder.buildLazily(s, firstView));
    }

    /**
     * The per-interface IPv6 counters: after a refresh that moved one interface's counters (every other row holds the
     * previous snapshot's very IpCounters object), ipIfStatsTable and ipv6IfStatsTable answer as a fresh build and the
     * other rows hold the very previous value objects (a spaced poll allocates no new values for idle interfaces).
     */
    @Test
    void countersRowsThatDidNotMoveTakeThePreviousValues() {
        NetnsSnapshot first = snapshot(1, range(2, 30, i -> true), 1, null, -1);
        LazyPartsView firstView = builder.buildLazily(first);
        firstView.buildAll();
        for (int changedIfIndex : new int[] {1, 2, 17, 30}) {
            SortedMap<Integer, IpCounters> perIf = new TreeMap<>(first.ipStatistics().ipv6Interfaces());
            perIf.put(changedIfIndex, counters(777_000 + changedIfIndex));
            NetnsSnapshot s = new NetnsSnapshot(first.context(), first.id(), first.takenAtNanos(), first.generation() + 1,
                    first.interfaces(), first.ipv4Forwarding(), first.ipv6Forwarding(), first.ipDefaultTtl(),
                    first.ipReasmTimeoutSeconds(), first.ipv6HopLimit(), first.interfacesLastChangeNanos(),
                    first.ipv4LastChangeNanos(), first.ipv6LastChangeNanos(), first.addresses(),
                    new IpStatistics(first.ipStatistics().ipv4(), first.ipStatistics().ipv6(), perIf), first.neighbours(), first.routes());
            LazyPartsView next = builder.buildLazily(s, firstView);
            assertSameAnswers(builder.buildLazily(s), next);
            for (String part : List.of("ipIfStatsTable", "ipv6IfStatsTable")) {
                SortedMibView before = firstView.builtPart(part);
                SortedMibView after = next.builtPart(part);
                assertEquals(before.size(), after.size(), part);
                int inRow = 0;
                int changed = 0;
                for (int i = 0; i < after.size(); i++) {
                    Oid name = after.nameAt(i);
                    if (name.get(name.size() - 1) == changedIfIndex) {
                        inRow++;
                        changed += before.valueAt(i).equals(after.valueAt(i)) ? 0 : 1;
                    } else {
                        assertSame(before.valueAt(i), after.valueAt(i), part + ", unchanged row, " + name);
                    }
                }
                // (an interface without an ipv6IfTable row, down here, has none in ipv6IfStatsTable either)
                assertTrue(inRow == 0 ? part.equals("ipv6IfStatsTable") : changed > 0, part + " " + changedIfIndex
                        + ": the moved row's values are the new ones");
            }
        }
    }

    private static NetnsSnapshot withInterfaces(NetnsSnapshot s, List<InterfaceSnapshot> rows) {
        return new NetnsSnapshot(s.context(), s.id(), s.takenAtNanos(), s.generation() + 1, rows, s.ipv4Forwarding(),
                s.ipv6Forwarding(), s.ipDefaultTtl(), s.ipReasmTimeoutSeconds(), s.ipv6HopLimit(), s.interfacesLastChangeNanos(),
                s.ipv4LastChangeNanos(), s.ipv6LastChangeNanos(), s.addresses(), s.ipStatistics(), s.neighbours(), s.routes());
    }

    @Test
    void onlyValuesChangedMeansTheNamesAreShared() {
        List<Integer> ifs = range(2, 30, i -> true);
        LazyPartsView first = builder.buildLazily(snapshot(1, ifs, 1, null, -1));
        first.buildAll();
        LazyPartsView second = builder.buildLazily(snapshot(2, ifs, 2, null, -1), first);
        assertSameAnswers(builder.buildLazily(snapshot(2, ifs, 2, null, -1)), second);
        SortedMibView a = first.builtPart("IF-MIB");
        SortedMibView b = second.builtPart("IF-MIB");
        assertNotNull(b);
        assertTrue(b.sharesNamesWith(a), "same interfaces: the IF-MIB part keeps the previous names");
        assertTrue(second.builtPart("ipv6IfStatsTable").sharesNamesWith(first.builtPart("ipv6IfStatsTable")));
        int sameValueObjects = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.valueAt(i) == b.valueAt(i)) {
                sameValueObjects++;
            }
        }
        assertTrue(sameValueObjects > a.size() / 2, "unchanged values are the previous objects: " + sameValueObjects + " of " + a.size());

        LazyPartsView third = builder.buildLazily(snapshot(3, range(2, 31, i -> true), 2, null, -1), second);
        third.buildAll();
        assertFalse(third.builtPart("IF-MIB").sharesNamesWith(b), "an interface more: new name arrays");
    }

    @Test
    void snapshotsNobodyReadPassTheLastBuiltViewOnToTheNextRead() {
        List<Integer> ifs = range(2, 30, i -> true);
        LazyPartsView first = builder.buildLazily(snapshot(1, ifs, 1, null, -1));
        first.buildAll();
        LazyPartsView unread = builder.buildLazily(snapshot(2, ifs, 2, null, -1), first); // refreshed, nobody polled
        LazyPartsView read = builder.buildLazily(snapshot(3, ifs, 3, null, -1), unread);
        read.buildAll();
        assertTrue(read.builtPart("IF-MIB").sharesNamesWith(first.builtPart("IF-MIB")),
                "two refreshes between polls: the poll's view still reuses the last built one");
        assertSameAnswers(builder.buildLazily(snapshot(3, ifs, 3, null, -1)), read);

        // a view that was read passes on only what it built: a part nobody polls since is not kept for ever
        LazyPartsView ifOnly = builder.buildLazily(snapshot(4, ifs, 4, null, -1), read);
        ifOnly.get(Oid.parse("1.3.6.1.2.1.2.1.0")); // ifNumber: builds the IF-MIB part only
        assertTrue(ifOnly.isBuilt("IF-MIB"));
        assertFalse(ifOnly.isBuilt("ipv6IfStatsTable"));
        LazyPartsView next = builder.buildLazily(snapshot(5, ifs, 5, null, -1), ifOnly);
        next.buildAll();
        assertTrue(next.builtPart("IF-MIB").sharesNamesWith(ifOnly.builtPart("IF-MIB")));
        assertFalse(next.builtPart("ipv6IfStatsTable").sharesNamesWith(read.builtPart("ipv6IfStatsTable")),
                "the statistics part of two polls ago was not carried through a view that was read without it");
        assertSameAnswers(builder.buildLazily(snapshot(5, ifs, 5, null, -1)), next);

        MapSnapshotSource source = new MapSnapshotSource();
        source.put(snapshot(1, ifs, 1, null, -1));
        SnapshotMibProvider provider = new SnapshotMibProvider(source, builder, List.of(), List.of()).start();
        walk(provider.view(""));
        LazyPartsView polled = (LazyPartsView) provider.netnsView("");
        for (long g = 2; g <= 4; g++) {
            source.put(snapshot(g, ifs, g, null, -1)); // refreshes nobody reads
            assertTrue(provider.holdsPreviousView(""), "generation " + g);
        }
        NetnsSnapshot s5 = snapshot(5, ifs, 5, null, -1);
        source.put(s5);
        assertEquals(walk(builder.buildLazily(s5)), walk(provider.view("")));
        assertTrue(((LazyPartsView) provider.netnsView("")).builtPart("IF-MIB").sharesNamesWith(polled.builtPart("IF-MIB")));
        provider.close();
    }

    @Test
    void theProviderBuildsTheNextSnapshotsViewFromTheLastOne() {
        MapSnapshotSource source = new MapSnapshotSource();
        List<Integer> ifs = range(2, 25, i -> true);
        source.put(snapshot(1, ifs, 1, null, -1));
        SnapshotMibProvider provider = new SnapshotMibProvider(source, builder, List.of(), List.of()).start();
        walk(provider.view(""));
        LazyPartsView last = (LazyPartsView) provider.netnsView("");
        for (long g = 2; g <= 4; g++) {
            NetnsSnapshot s = snapshot(g, g == 4 ? range(2, 26, i -> i != 3) : ifs, g, null, -1);
            source.put(s);
            assertEquals(walk(builder.buildLazily(s)), walk(provider.view("")), "generation " + g);
            LazyPartsView now = (LazyPartsView) provider.netnsView("");
            assertEquals(g < 4, now.builtPart("IF-MIB").sharesNamesWith(last.builtPart("IF-MIB")), "generation " + g);
            last = now;
        }
        // a re-dump nobody reads yet keeps the last view for reuse, until the context counts as unread
        source.put(snapshot(5, ifs, 5, null, -1));
        assertTrue(provider.holdsPreviousView(""));
        assertEquals(0, provider.releaseViewsUnreadSince(System.nanoTime() - 3_600_000_000_000L));
        assertTrue(provider.holdsPreviousView(""), "read less than an hour ago: kept");
        assertEquals(0, provider.releaseViewsUnreadSince(System.nanoTime() + 1));
        assertTrue(provider.holdsPreviousView(""), "the default context's views are never released for being unread");
        provider.close();
    }
}
