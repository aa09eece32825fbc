package nlagent.mib.netns;

import static nlagent.model.NeighbourEntry.*;
import static nlagent.mib.TestSnapshots.hop;
import static nlagent.mib.TestSnapshots.v6;
import static nlagent.mib.netns.ViewReads.column;
import static nlagent.mib.netns.ViewReads.get;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.mib.MibValue;
import nlagent.mib.SortedMibView;
import nlagent.mib.TestSnapshots;
import nlagent.model.InetFamily;
import nlagent.model.NeighbourEntry;
import nlagent.model.NetnsSnapshot;
import nlagent.model.RouteEntry;
import nlagent.time.ManualScheduler;

/** Neighbour and route tables built from a hand-made snapshot: which rows net-snmp shows, and their values. */
class RoutingObjectsTest {
    private static final byte[] MAC = {2, 0, 0, 0, 0, 9};
    private final ManualScheduler clock = new ManualScheduler();

    private static NeighbourEntry v4(int ifIndex, int last, int state) {
        return new NeighbourEntry(InetFamily.AF_INET, ifIndex, new byte[] {10, 9, 0, (byte) last},
                state == NUD_INCOMPLETE ? new byte[0] : MAC, state, 0);
    }

    private SortedMibView view() {
        List<NeighbourEntry> n = new ArrayList<>(List.of(v4(3, 2, NUD_PERMANENT), v4(3, 3, NUD_STALE), v4(3, 5, NUD_NOARP),
                v4(3, 9, NUD_INCOMPLETE), v4(3, 10, NUD_DELAY),
                new NeighbourEntry(InetFamily.AF_INET6, 3, v6(0xfd, 2), MAC, NUD_REACHABLE, 0)));
        n.sort(NeighbourEntry.INDEX_ORDER);
        List<RouteEntry> r = List.of(
                new RouteEntry(2, 254, new byte[4], 0, 0, 3, 1, 0, List.of(hop(3, new byte[] {10, 9, 0, 4})), 0),
                new RouteEntry(2, 254, new byte[] {10, 9, 0, 0}, 24, 0, 2, 1, 0, List.of(hop(3, null)), 0),
                new RouteEntry(2, 254, new byte[] {10, 21, 0, 0}, 16, 0, 3, 1, 7,
                        List.of(hop(3, new byte[] {10, 9, 0, 3}), hop(5, new byte[] {10, 9, 1, 2})), 0),
                new RouteEntry(10, 254, v6(0xfd, 0), 48, 0, 3, 1, 1024, List.of(hop(3, v6(0xfd, 2)), hop(5, v6(0xfd, 5))), 0),
                new RouteEntry(10, 254, new byte[16], 0, 0, 9, 1, 1024, List.of(hop(3, v6(0xfe, 1))), 180_000),
                new RouteEntry(10, 254, new byte[16], 0, 0, 3, 1, 1025, List.of(hop(5, v6(0xfe, 7))), 0));
        NetnsSnapshot s = TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback(), TestSnapshots.veth(3, "va", 0, true)));
        return new NetnsMibBuilder(new Uptime(clock, 0)).build(s.withRouting(n, r, s.generation()));
    }

    @Test
    void ipNetToMediaShowsCompleteIpv4EntriesOnly() {
        SortedMibView v = view();
        assertEquals(List.of("3.10.9.0.2", "3.10.9.0.3", "3.10.9.0.10"), column(v, "1.3.6.1.2.1.4.22.1.1"),
                "no NOARP, no incomplete, no IPv6");
        assertEquals(MibValue.integer(4), get(v, "1.3.6.1.2.1.4.22.1.4.3.10.9.0.2"), "permanent is static");
        assertEquals(MibValue.integer(3), get(v, "1.3.6.1.2.1.4.22.1.4.3.10.9.0.10"), "delay is dynamic");
        assertEquals(MibValue.ipAddress(new byte[] {10, 9, 0, 3}), get(v, "1.3.6.1.2.1.4.22.1.3.3.10.9.0.3"));
    }

    @Test
    void ipNetToPhysicalShowsIncompleteAndIpv6ButNotNoarp() {
        SortedMibView v = view();
        List<String> rows = column(v, "1.3.6.1.2.1.4.35.1.7");
        assertEquals(5, rows.size(), rows.toString());
        assertFalse(rows.contains("3.1.4.10.9.0.5"));
        assertEquals(MibValue.integer(1), get(v, "1.3.6.1.2.1.4.35.1.7.3.1.4.10.9.0.2"), "permanent reads reachable");
        assertEquals(MibValue.integer(4), get(v, "1.3.6.1.2.1.4.35.1.6.3.1.4.10.9.0.2"), "permanent is static");
        assertEquals(MibValue.integer(7), get(v, "1.3.6.1.2.1.4.35.1.7.3.1.4.10.9.0.9"), "incomplete");
        assertEquals(MibValue.integer(2), get(v, "1.3.6.1.2.1.4.35.1.6.3.1.4.10.9.0.9"), "incomplete is invalid");
        assertEquals(0, get(v, "1.3.6.1.2.1.4.35.1.4.3.1.4.10.9.0.9").bytesLength());
        assertEquals(MibValue.integer(3), get(v, "1.3.6.1.2.1.4.35.1.7.3.1.4.10.9.0.10"), "delay");
        assertEquals(MibValue.integer(1), get(v, "1.3.6.1.2.1.4.35.1.8.3.2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2"));
    }

    @Test
    void routeTablesFollowNetSnmpNumberingAndNextHops() {
        SortedMibView v = view();
        assertEquals(List.of("0.0.0.0", "10.9.0.0", "10.21.0.0"), column(v, "1.3.6.1.2.1.4.21.1.1"));
        assertEquals(MibValue.integer(1), get(v, "1.3.6.1.2.1.4.21.1.3.10.21.0.0"), "metric1: 1 via a gateway");
        assertEquals(MibValue.integer(0), get(v, "1.3.6.1.2.1.4.21.1.3.10.9.0.0"));
        assertEquals(MibValue.ipAddress(new byte[] {10, 9, 0, 3}), get(v, "1.3.6.1.2.1.4.21.1.7.10.21.0.0"), "first next hop");
        assertEquals(MibValue.ipAddress(new byte[] {(byte) 255, (byte) 255, 0, 0}), get(v, "1.3.6.1.2.1.4.21.1.11.10.21.0.0"));
        assertEquals(MibValue.integer(7), get(v, "1.3.6.1.2.1.4.24.4.1.11.10.21.0.0.255.255.0.0.0.10.9.0.3"), "cidr metric1 is the kernel's");
        assertEquals(MibValue.gauge32(3), get(v, "1.3.6.1.2.1.4.24.3.0"));
        assertEquals(MibValue.gauge32(3 + 2 + 1 + 1), get(v, "1.3.6.1.2.1.4.24.6.0"), "IPv6 multipath: one row per next hop");
        // IPv4: policy {0 0 ifIndex} when connected, {0 0} via a gateway; IPv6: {0 0 running row number}
        assertEquals(MibValue.integer(3), get(v, "1.3.6.1.2.1.4.24.7.1.7.1.4.10.9.0.0.24.3.0.0.3.1.4.0.0.0.0"));
        assertEquals(MibValue.integer(4), get(v, "1.3.6.1.2.1.4.24.7.1.8.1.4.0.0.0.0.0.2.0.0.1.4.10.9.0.4"));
        String fd = "2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.48.3.0.0.";
        assertEquals(MibValue.integer(3), get(v, "1.3.6.1.2.1.4.24.7.1.7." + fd + "4.2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2"));
        assertEquals(MibValue.integer(5), get(v, "1.3.6.1.2.1.4.24.7.1.7." + fd + "5.2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.5"));
        assertEquals(MibValue.integer(1024), get(v, "1.3.6.1.2.1.4.24.7.1.12." + fd + "5.2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.5"));
        assertEquals(MibValue.counter32(0), get(v, "1.3.6.1.2.1.4.24.8.0"));
    }

    @Test
    void anIpv6TableWithoutDefaultCountsTheKernelsNullEntry() {
        List<RouteEntry> r = List.of(
                new RouteEntry(10, 254, v6(0xfd, 0), 64, 0, 2, 1, 256, List.of(hop(3, null)), 0),
                new RouteEntry(10, 255, v6(0xfd, 1), 128, 0, 2, 2, 0, List.of(hop(3, null)), 0));
        NetnsSnapshot s = TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback()));
        SortedMibView v = new NetnsMibBuilder(new Uptime(clock, 0)).build(s.withRouting(List.of(), r, 1));
        List<String> rows = column(v, "1.3.6.1.2.1.4.24.7.1.7");
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).contains(".64.3.0.0.1."), "main table: row 1; " + rows);
        assertTrue(rows.get(1).contains(".128.3.0.0.3."), "local table: row 3, after main's null entry; " + rows);
    }

    @Test
    void defaultRoutersAreIpv4DefaultsAndExpiringIpv6Ones() {
        SortedMibView v = view();
        assertEquals(List.of("1.4.10.9.0.4.3", "2.16.254.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.3"), column(v, "1.3.6.1.2.1.4.37.1.4"),
                "the static IPv6 default (no expiry) is not a router");
        assertEquals(MibValue.gauge32(65535), get(v, "1.3.6.1.2.1.4.37.1.4.1.4.10.9.0.4.3"));
        assertEquals(MibValue.gauge32(1800), get(v, "1.3.6.1.2.1.4.37.1.4.2.16.254.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.3"));
        assertEquals(MibValue.integer(0), get(v, "1.3.6.1.2.1.4.37.1.5.1.4.10.9.0.4.3"));
    }

    @Test
    void tenThousandNeighboursBuildOneRowEach() {
        List<NeighbourEntry> n = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            n.add(new NeighbourEntry(InetFamily.AF_INET, 3, new byte[] {10, 1, (byte) (i >> 8), (byte) i}, MAC, NUD_REACHABLE, 0));
        }
        n.sort(NeighbourEntry.INDEX_ORDER);
        NetnsSnapshot s = TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback()));
        SortedMibView v = new NetnsMibBuilder(new Uptime(clock, 0)).build(s.withRouting(n, List.of(), 1));
        assertEquals(10_000, column(v, "1.3.6.1.2.1.4.35.1.7").size());
        assertEquals(10_000, column(v, "1.3.6.1.2.1.4.22.1.2").size());
    }
}
