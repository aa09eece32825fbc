package nlagent.mib.netns;

import static nlagent.mib.TestSnapshots.hop;
import static nlagent.mib.TestSnapshots.v6;
import static nlagent.mib.netns.ViewReads.column;
import static nlagent.mib.netns.ViewReads.get;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import nlagent.mib.MibValue;
import nlagent.mib.SortedMibView;
import nlagent.mib.TestSnapshots;
import nlagent.model.InetFamily;
import nlagent.model.NetnsSnapshot;
import nlagent.model.Nexthops;
import nlagent.model.RouteEntry;
import nlagent.time.ManualScheduler;

/**
 * Routes over kernel nexthop objects in hand-made snapshots: the route tables serve the path the
 * kernel's /proc files show (the object's, a group's first member's), in both compat modes, while
 * ipDefaultRouterTable keeps what the route messages say, as net-snmp reads it from netlink.
 */
class NexthopRouteObjectsTest {
    private static final byte[] V4_GW = {10, 78, 0, 2};
    private final ManualScheduler clock = new ManualScheduler();

    /** compat mode 0: the route message's placeholder hop (no interface, no gateway) and the object's id. */
    private static RouteEntry v4Placeholder(byte[] destination, int prefixLength, int nexthopId) {
        return new RouteEntry(InetFamily.AF_INET, 254, destination, prefixLength, 0, 11, 1, 20, List.of(hop(0, null)), 0, nexthopId);
    }

    private SortedMibView view(List<RouteEntry> routes, Nexthops nexthops) {
        NetnsSnapshot s = TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback(), TestSnapshots.veth(3, "va", 0, true)));
        return new NetnsMibBuilder(new Uptime(clock, 0)).build(s.withRouting(List.of(), routes, nexthops, 1));
    }

    @Test
    void compatModeZeroRouteIsServedThroughItsObjectInTheThreeTables() {
        SortedMibView v = view(List.of(v4Placeholder(new byte[] {10, 81, 0, 0}, 24, 5)),
                new Nexthops(new TreeMap<>(Map.of(5, hop(3, V4_GW)))));
        assertEquals(MibValue.integer(3), get(v, "1.3.6.1.2.1.4.21.1.2.10.81.0.0"), "ipRouteIfIndex");
        assertEquals(MibValue.ipAddress(V4_GW), get(v, "1.3.6.1.2.1.4.21.1.7.10.81.0.0"), "ipRouteNextHop");
        assertEquals(MibValue.integer(4), get(v, "1.3.6.1.2.1.4.21.1.8.10.81.0.0"), "ipRouteType remote");
        assertEquals(MibValue.integer(1), get(v, "1.3.6.1.2.1.4.21.1.3.10.81.0.0"), "ipRouteMetric1: via a gateway");
        String cidr = "10.81.0.0.255.255.255.0.0.10.78.0.2";
        assertEquals(MibValue.integer(3), get(v, "1.3.6.1.2.1.4.24.4.1.5." + cidr), "ipCidrRouteIfIndex");
        assertEquals(MibValue.integer(4), get(v, "1.3.6.1.2.1.4.24.4.1.6." + cidr), "ipCidrRouteType");
        assertEquals(List.of("1.4.10.81.0.0.24.2.0.0.1.4.10.78.0.2"), column(v, "1.3.6.1.2.1.4.24.7.1.7"),
                "one inetCidrRouteTable row, policy {0 0}: via a gateway");
        assertEquals(MibValue.integer(4), get(v, "1.3.6.1.2.1.4.24.7.1.8.1.4.10.81.0.0.24.2.0.0.1.4.10.78.0.2"));
    }

    @Test
    void aRouteWhoseObjectIsGoneHasNoRowAndAnIpv4RouteViaAnIpv6GatewayIsRemoteViaZero() {
        // the kernel removed the route with its object without a notification: /proc shows no line, so no table a row
        byte[] v6Dst = v6(0xfd, 0);
        RouteEntry v6Gone = new RouteEntry(InetFamily.AF_INET6, 254, v6Dst, 64, 0, 11, 1, 1024, List.of(hop(0, null)), 0, 9);
        SortedMibView gone = view(List.of(v4Placeholder(new byte[] {10, 81, 0, 0}, 24, 9), v6Gone), Nexthops.NONE);
        SortedMibView none = view(List.of(), Nexthops.NONE);
        for (String table : List.of("1.3.6.1.2.1.4.21", "1.3.6.1.2.1.4.24.4", "1.3.6.1.2.1.4.24.7")) {
            assertEquals(column(none, table), column(gone, table), table + ": as without the routes");
        }
        // an IPv4 route over an IPv6 gateway (RFC 5549): /proc/net/route shows its device, gateway 0.0.0.0 and flag
        // RTF_GATEWAY, from which net-snmp serves remote(4) and Metric1 1, with the policy {0 0 ifIndex} of a gateway 0;
        // the same whether the gateway comes in the object (compat mode 0) or as RTA_VIA (compat mode 1)
        SortedMibView v4ViaV6 = view(List.of(v4Placeholder(new byte[] {10, 82, 0, 0}, 24, 6)),
                new Nexthops(new TreeMap<>(Map.of(6, hop(3, v6(0xfe, 1))))));
        SortedMibView viaAttribute = view(List.of(new RouteEntry(InetFamily.AF_INET, 254, new byte[] {10, 82, 0, 0}, 24, 0, 11, 1,
                20, List.of(hop(3, v6(0xfe, 1))), 0, 0)), Nexthops.NONE);
        for (SortedMibView v : List.of(v4ViaV6, viaAttribute)) {
            assertEquals(MibValue.integer(3), get(v, "1.3.6.1.2.1.4.21.1.2.10.82.0.0"));
            assertEquals(MibValue.ipAddress(new byte[4]), get(v, "1.3.6.1.2.1.4.21.1.7.10.82.0.0"));
            assertEquals(MibValue.integer(4), get(v, "1.3.6.1.2.1.4.21.1.8.10.82.0.0"), "ipRouteType remote: RTF_GATEWAY");
            assertEquals(MibValue.integer(1), get(v, "1.3.6.1.2.1.4.21.1.3.10.82.0.0"), "ipRouteMetric1");
            assertEquals(List.of("1.4.10.82.0.0.24.3.0.0.3.1.4.0.0.0.0"), column(v, "1.3.6.1.2.1.4.24.7.1.7"),
                    "inetCidrRouteTable: policy {0 0 ifIndex}, next hop 0.0.0.0");
            assertEquals(MibValue.integer(4), get(v, "1.3.6.1.2.1.4.24.7.1.8.1.4.10.82.0.0.24.3.0.0.3.1.4.0.0.0.0"));
        }
    }

    @Test
    void ipv6RouteOverAGroupIsOneRowInBothCompatModes() {
        byte[] dst = v6(0xfd, 0);
        // compat mode 1: RTA_MULTIPATH with the group's members in order; compat mode 0: the placeholder
        RouteEntry compat1 = new RouteEntry(InetFamily.AF_INET6, 254, dst, 64, 0, 11, 1, 1024,
                List.of(hop(3, v6(0xfd, 3)), hop(3, v6(0xfd, 2))), 0, 17);
        RouteEntry compat0 = new RouteEntry(InetFamily.AF_INET6, 254, dst, 64, 0, 11, 1, 1024, List.of(hop(0, null)), 0, 17);
        Nexthops group = new Nexthops(new TreeMap<>(Map.of(17, hop(3, v6(0xfd, 3)))));
        String row = "2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.64.3.0.0.1.2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.3";
        for (SortedMibView v : List.of(view(List.of(compat1), Nexthops.NONE), view(List.of(compat0), group))) {
            assertEquals(List.of(row), column(v, "1.3.6.1.2.1.4.24.7.1.7"), "one row, the first member, running count 1");
            assertEquals(MibValue.integer(3), get(v, "1.3.6.1.2.1.4.24.7.1.7." + row));
            assertEquals(MibValue.integer(4), get(v, "1.3.6.1.2.1.4.24.7.1.8." + row));
            assertEquals(MibValue.gauge32(1), get(v, "1.3.6.1.2.1.4.24.6.0"));
        }
    }

    @Test
    void defaultRouterTableKeepsWhatTheRouteMessagesSay() {
        Nexthops nexthops = new Nexthops(new TreeMap<>(Map.of(5, hop(3, V4_GW))));
        // compat mode 0: net-snmp's netlink reading finds no RTA_GATEWAY/RTA_OIF, so no default router
        SortedMibView compat0 = view(List.of(v4Placeholder(new byte[4], 0, 5)), nexthops);
        assertEquals(List.of(), column(compat0, "1.3.6.1.2.1.4.37.1.4"));
        assertEquals(MibValue.ipAddress(V4_GW), get(compat0, "1.3.6.1.2.1.4.21.1.7.0.0.0.0"), "ipRouteTable: the object's path");
        // compat mode 1: the message carries the object's gateway and interface
        SortedMibView compat1 = view(List.of(new RouteEntry(InetFamily.AF_INET, 254, new byte[4], 0, 0, 11, 1, 20,
                List.of(hop(3, V4_GW)), 0, 5)), Nexthops.NONE);
        assertEquals(List.of("1.4.10.78.0.2.3"), column(compat1, "1.3.6.1.2.1.4.37.1.4"));
    }
}
