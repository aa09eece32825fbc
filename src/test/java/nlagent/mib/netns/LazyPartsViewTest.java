package nlagent.mib.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import nlagent.mib.LazyPartsView;
import nlagent.mib.MibView;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.TestSnapshots;
import nlagent.mib.VarBind;
import nlagent.model.InetFamily;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.IpCounters;
import nlagent.model.IpStat;
import nlagent.model.IpStatistics;
import nlagent.model.NeighbourEntry;
import nlagent.model.NetnsSnapshot;
import nlagent.model.RouteEntry;
import nlagent.time.ManualScheduler;

/** The view in lazily built parts answers exactly as the view built whole, and builds only what a walk reaches. */
class LazyPartsViewTest {
    private final NetnsMibBuilder builder = new NetnsMibBuilder(new Uptime(new ManualScheduler(), 0));

    private static NetnsSnapshot snapshot() {
        List<InterfaceSnapshot> ifs = new ArrayList<>(List.of(TestSnapshots.loopback()));
        for (int i = 0; i < 30; i++) {
            ifs.add(TestSnapshots.veth(3 + i, "veth" + i, 10_000, i % 3 != 0));
        }
        byte[] mac = {2, 0, 0, 0, 0, 9};
        byte[] v6 = new byte[16];
        v6[0] = (byte) 0xfd;
        v6[15] = 2;
        List<NeighbourEntry> n = new ArrayList<>(List.of(
                new NeighbourEntry(InetFamily.AF_INET, 3, new byte[] {10, 9, 0, 2}, mac, NeighbourEntry.NUD_REACHABLE, 0),
                new NeighbourEntry(InetFamily.AF_INET6, 4, v6, mac, NeighbourEntry.NUD_STALE, 0)));
        n.sort(NeighbourEntry.INDEX_ORDER);
        List<RouteEntry> r = List.of(
                new RouteEntry(2, 254, new byte[4], 0, 0, 3, 1, 0, List.of(new RouteEntry.NextHop(3, new byte[] {10, 9, 0, 4}, 1)), 0),
                new RouteEntry(2, 254, new byte[] {10, 9, 0, 0}, 24, 0, 2, 1, 0, List.of(new RouteEntry.NextHop(3, null, 1)), 0),
                new RouteEntry(10, 254, new byte[16], 0, 0, 9, 1, 1024, List.of(new RouteEntry.NextHop(4, v6, 1)), 180_000));
        NetnsSnapshot s = TestSnapshots.snapshot("", 1, ifs);
        java.util.SortedMap<Integer, IpCounters> perIf = new java.util.TreeMap<>();
        for (InterfaceSnapshot i : ifs) {
            perIf.put(i.ifIndex(), counters(i.ifIndex()));
        }
        IpStatistics stats = new IpStatistics(counters(1_000), counters(2_000), perIf);
        return new NetnsSnapshot(s.context(), s.id(), s.takenAtNanos(), s.generation(), s.interfaces(), s.ipv4Forwarding(),
                s.ipv6Forwarding(), s.ipDefaultTtl(), s.ipReasmTimeoutSeconds(), s.ipv6HopLimit(), s.interfacesLastChangeNanos(),
                s.ipv4LastChangeNanos(), s.ipv6LastChangeNanos(), s.addresses(), stats, n, r);
    }

    /** Every IP counter, distinct values. */
    private static IpCounters counters(int base) {
        IpCounters.Builder b = IpCounters.builder();
        for (IpStat st : IpStat.values()) {
            b.put(st, base + st.ordinal());
        }
        return b.build();
    }

    private static List<VarBind> walk(MibView v) {
        List<VarBind> out = new ArrayList<>();
        for (VarBind vb = v.next(Oid.of(0), false, null); vb != null; vb = v.next(vb.oid(), false, null)) {
            out.add(vb);
        }
        return out;
    }

    @Test
    void answersExactlyAsTheWholeView() {
        NetnsSnapshot s = snapshot();
        SortedMibView whole = builder.build(s);
        LazyPartsView lazy = builder.buildLazily(s);
        assertEquals(whole.subtrees(), lazy.subtrees());
        List<VarBind> all = walk(whole);
        assertTrue(all.size() > 1000, "a view with every part: " + all.size());
        // probes: every name, its prefixes, extensions and neighbours, object OIDs, and random OIDs around mib-2
        List<Oid> probes = new ArrayList<>();
        for (VarBind vb : all) {
            Oid o = vb.oid();
            probes.add(o);
            probes.add(o.append(0));
            probes.add(o.prefix(o.size() - 1));
            probes.add(o.nextSibling());
        }
        for (Oid root : whole.subtrees()) {
            probes.add(root);
            probes.add(root.prefix(root.size() - 1));
            probes.add(root.nextSibling());
        }
        Random rnd = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            int[] arcs = new int[6 + rnd.nextInt(6)];
            int[] base = {1, 3, 6, 1, 2, 1};
            for (int k = 0; k < arcs.length; k++) {
                arcs[k] = k < base.length ? base[k] : rnd.nextInt(k == 6 ? 60 : 40);
            }
            probes.add(Oid.of(arcs));
        }
        for (int i = 0; i < probes.size(); i++) {
            Oid p = probes.get(i);
            if (p == null) {
                continue;
            }
            LazyPartsView fresh = i % 50 == 0 ? builder.buildLazily(s) : lazy; // also from a view with nothing built
            assertEquals(whole.get(p), fresh.get(p), "get " + p);
            assertEquals(whole.next(p, false, null), fresh.next(p, false, null), "next " + p);
            assertEquals(whole.next(p, true, null), fresh.next(p, true, null), "next incl " + p);
            Oid end = probes.get((i * 7) % probes.size());
            if (end != null) {
                assertEquals(whole.next(p, false, end), fresh.next(p, false, end), "next " + p + " below " + end);
            }
        }
        assertEquals(all, walk(builder.buildLazily(s)));
    }

    @Test
    void aPollOfTheInterfaceTablesBuildsNoRoutesNeighboursOrAddresses() {
        LazyPartsView v = builder.buildLazily(snapshot());
        assertEquals(0, v.builtParts());
        Oid ifTable = Oid.parse("1.3.6.1.2.1.2.2");
        VarBind vb = v.next(ifTable, false, null);
        while (vb.oid().startsWith(ifTable)) {
            vb = v.next(vb.oid(), false, null);
        }
        assertEquals(Oid.parse("1.3.6.1.2.1.4.1.0"), vb.oid());
        assertEquals(2, v.builtParts(), "ifTable from IF-MIB, the object after it (ipForwarding) from IP-MIB");
        for (String t : List.of("1.3.6.1.2.1.31.1.1", "1.3.6.1.2.1.4.28", "1.3.6.1.2.1.4.30")) {
            Oid root = Oid.parse(t);
            for (vb = v.next(root, false, null); vb != null && vb.oid().startsWith(root); vb = v.next(vb.oid(), false, null)) {
                // walk
            }
        }
        assertTrue(v.builtParts() <= 3, "IF-MIB, IP-MIB and at most the statistics after 4.30: " + v.builtParts());
    }

    @Test
    void aBulkWalkOffTheEndOfIpv6InterfaceTableBuildsIpSystemStatsButNotIpIfStats() {
        LazyPartsView v = builder.buildLazily(snapshot());
        Oid table = Oid.parse("1.3.6.1.2.1.4.30");
        VarBind vb = v.next(table, false, null);
        while (vb.oid().startsWith(table)) {
            vb = v.next(vb.oid(), false, null);
        }
        for (int rep = 0; rep < 25; rep++) { // what the last GETBULK of snmpbulkwalk -Cr25 asks beyond the table
            vb = v.next(vb.oid(), false, null);
        }
        assertTrue(vb.oid().startsWith(Oid.parse("1.3.6.1.2.1.4.31.1")), "still in ipSystemStatsTable: " + vb.oid());
        assertTrue(v.isBuilt("IP-MIB statistics"));
        assertFalse(v.isBuilt("ipIfStatsTable"), "ipIfStatsTable (45 columns per interface) is not read");
        assertFalse(v.isBuilt("ipv6IfStatsTable"));
    }
}
