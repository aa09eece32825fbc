package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;
import nlagent.time.ManualScheduler;

/**
 * Routes over kernel nexthop objects ({@code ip route add ... nhid N}, as FRR's zebra installs them),
 * in both settings of net.ipv4.nexthop_compat_mode: ipRouteTable, ipCidrRouteTable and
 * inetCidrRouteTable serve the interface, next hop and type the namespace's /proc/net/route and
 * /proc/net/ipv6_route show (what stock snmpd reads), also after the object is replaced or a group
 * loses its first member (changes the kernel announces only as nexthop notifications; in compat mode 0
 * the route dump reads exactly as before them). An IPv6 route over a group is one row, as it is one
 * line of /proc/net/ipv6_route. The nexthop objects are dumped only when a route needs them.
 */
class NexthopRoutesKernelTest {
    private static final String IP_ROUTE = "1.3.6.1.2.1.4.21.1.";
    private static final String IP_CIDR_ROUTE = "1.3.6.1.2.1.4.24.4.1.";
    private static final String INET_CIDR_ROUTE = "1.3.6.1.2.1.4.24.7.1.";
    private static final int IF_INDEX = 2, NEXT_HOP = 7, TYPE = 8, CIDR_IF_INDEX = 5, CIDR_TYPE = 6, INET_IF_INDEX = 7, INET_TYPE = 8;
    private static final int RTF_GATEWAY = 0x2;
    private static final byte[] V4_DST = {10, 81, 0, 0};

    /** One route as a table serves it, or as a /proc file shows it: interface, next hop address, ipRouteType. */
    private record Served(int ifIndex, byte[] nextHop, int type) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Served s && s.ifIndex == ifIndex && s.type == type && Arrays.equals(s.nextHop, nextHop);
        }

        @Override
        public int hashCode() {
            return ifIndex;
        }

        @Override
        public String toString() {
            try {
                return "ifIndex " + ifIndex + " via " + InetAddress.getByAddress(nextHop).getHostAddress() + " type " + type;
            } catch (java.net.UnknownHostException e) {
                return "ifIndex " + ifIndex + " via " + Arrays.toString(nextHop) + " type " + type;
            }
        }
    }

    @ParameterizedTest(name = "nexthop_compat_mode {0}")
    @ValueSource(ints = {1, 0})
    void routesOverNexthopObjectsAreServedAsTheProcFilesShowThem(int compatMode) throws Exception {
        Preconditions.assumeNexthopObjects();
        try (TestNamespaces ns = new TestNamespaces("nh")) {
            String a = ns.addNamespace("a");
            ns.sysctl(a, "net.ipv4.nexthop_compat_mode", String.valueOf(compatMode));
            ManualScheduler clock = new ManualScheduler();
            NetnsMibBuilder mib = new NetnsMibBuilder(new Uptime(clock, 0));
            try (KernelDataPlane plane = KernelTestSupport.startManual(ns, clock)) {
                // no link-local addresses: whether the route's own notification brings the objects in must show
                KernelTestSupport.quietVethPair(ns, a, "n0", "n1");
                ns.exec(a, "ip", "addr", "add", "10.78.0.1/24", "dev", "n0");
                ns.exec(a, "ip", "-6", "addr", "add", "fd78::1/64", "dev", "n0", "nodad");
                assertTrue(settle(plane, clock, a, () -> plane.snapshot(a).interfaces().stream().anyMatch(i -> i.name().equals("n0"))),
                        "the link is served");
                int n0 = ifIndex(plane.snapshot(a), "n0");

                // a route over a single-path object: the route notification says only "nhid 5" in compat mode 0, and the
                // object's own notification has been read before (no route needed the objects then: none read)
                ns.exec(a, "ip", "nexthop", "add", "id", "5", "via", "10.78.0.2", "dev", "n0");
                KernelTestSupport.awaitQuiet(plane, clock, a);
                assertEquals(0, plane.nexthopDumps(a), "no route names an object yet: no nexthop dump");
                ns.exec(a, "ip", "route", "add", "10.81.0.0/24", "nhid", "5");
                Served via2 = new Served(n0, new byte[] {10, 78, 0, 2}, 4);
                assertServedAsProc(plane, clock, mib, ns, a, via2);

                // the object replaced: the route message stays the same in compat mode 0, the nexthop notification asks
                ns.exec(a, "ip", "nexthop", "replace", "id", "5", "via", "10.78.0.3", "dev", "n0");
                assertServedAsProc(plane, clock, mib, ns, a, new Served(n0, new byte[] {10, 78, 0, 3}, 4));

                // over a group: its first member; the first member deleted: the one left
                ns.exec(a, "ip", "nexthop", "add", "id", "6", "via", "10.78.0.4", "dev", "n0");
                ns.exec(a, "ip", "nexthop", "add", "id", "7", "group", "5/6");
                ns.exec(a, "ip", "route", "replace", "10.81.0.0/24", "nhid", "7");
                assertServedAsProc(plane, clock, mib, ns, a, new Served(n0, new byte[] {10, 78, 0, 3}, 4));
                ns.exec(a, "ip", "nexthop", "del", "id", "5");
                assertServedAsProc(plane, clock, mib, ns, a, new Served(n0, new byte[] {10, 78, 0, 4}, 4));

                // IPv6 over a group: one fib6_info, one line of /proc/net/ipv6_route (the first member), one row
                ns.exec(a, "ip", "nexthop", "add", "id", "15", "via", "fd78::2", "dev", "n0");
                ns.exec(a, "ip", "nexthop", "add", "id", "16", "via", "fd78::3", "dev", "n0");
                ns.exec(a, "ip", "nexthop", "add", "id", "17", "group", "16/15");
                ns.exec(a, "ip", "-6", "route", "add", "fd81::/64", "nhid", "17");
                Served v6 = new Served(n0, InetAddress.getByName("fd78::3").getAddress(), 4);
                byte[] v6Dst = InetAddress.getByName("fd81::").getAddress();
                assertTrue(settle(plane, clock, a, () -> inetRows(mib.build(plane.snapshot(a)), v6Dst, 64).equals(List.of(v6))),
                        "one inetCidrRouteTable row via the group's first member: "
                                + inetRows(mib.build(plane.snapshot(a)), v6Dst, 64));
                assertEquals(List.of(v6), procIpv6(ns, a, plane.snapshot(a), v6Dst, 64), "/proc/net/ipv6_route: the same one line");

                // compat mode 1: route messages carry the path, no nexthop dump; compat mode 0: the objects are read
                if (compatMode == 1) {
                    assertEquals(0, plane.nexthopDumps(a), "route messages carry the path: no nexthop dump");
                } else {
                    assertTrue(plane.nexthopDumps(a) > 0, "the paths are in the objects: dumped");
                }
            }
        }
    }

    /** Waits until the IPv4 route's three tables serve {@code expected}, then checks that /proc/net/route shows the same. */
    private static void assertServedAsProc(KernelDataPlane plane, ManualScheduler clock, NetnsMibBuilder mib, TestNamespaces ns,
                                           String netns, Served expected) {
        Supplier<List<Served>> served = () -> served(mib.build(plane.snapshot(netns)));
        assertTrue(settle(plane, clock, netns, () -> served.get().equals(List.of(expected, expected, expected))),
                "ipRouteTable, ipCidrRouteTable, inetCidrRouteTable serve " + expected + ": " + served.get());
        assertEquals(expected, procIpv4(ns, netns, plane.snapshot(netns)), "/proc/net/route shows what is served");
    }

    /** 10.81.0.0/24 as ipRouteTable, ipCidrRouteTable and inetCidrRouteTable serve it (one row each expected). */
    private static List<Served> served(SortedMibView v) {
        List<Served> out = new ArrayList<>();
        String dst = "10.81.0.0";
        MibValue ifIndex = v.get(Oid.parse(IP_ROUTE + IF_INDEX + "." + dst));
        MibValue nextHop = v.get(Oid.parse(IP_ROUTE + NEXT_HOP + "." + dst));
        MibValue type = v.get(Oid.parse(IP_ROUTE + TYPE + "." + dst));
        if (!ifIndex.isException()) {
            out.add(new Served((int) ifIndex.number(), nextHop.bytes(), (int) type.number()));
        }
        // ipCidrRouteTable: dest . mask . tos . next hop
        Oid cidr = Oid.parse(IP_CIDR_ROUTE + CIDR_IF_INDEX + "." + dst + ".255.255.255.0.0");
        for (int i = v.ceiling(cidr, false); i < v.size() && v.nameAt(i).startsWith(cidr); i++) {
            int[] hop = v.nameAt(i).suffix(cidr.size()).toArray();
            byte[] gw = {(byte) hop[0], (byte) hop[1], (byte) hop[2], (byte) hop[3]};
            MibValue t = v.get(Oid.parse(IP_CIDR_ROUTE + CIDR_TYPE + "." + dst + ".255.255.255.0.0." + v.nameAt(i).suffix(cidr.size())));
            out.add(new Served((int) v.valueAt(i).number(), gw, (int) t.number()));
        }
        out.addAll(inetRows(v, V4_DST, 24));
        return out;
    }

    /** inetCidrRouteTable rows of one destination: index type . len . dest . prefix length . policy . next hop type . len . next hop. */
    private static List<Served> inetRows(SortedMibView v, byte[] destination, int prefixLength) {
        int addressType = destination.length == 4 ? 1 : 2;
        StringBuilder p = new StringBuilder(INET_CIDR_ROUTE + INET_IF_INDEX + "." + addressType + "." + destination.length);
        for (byte b : destination) {
            p.append('.').append(b & 0xff);
        }
        p.append('.').append(prefixLength);
        Oid prefix = Oid.parse(p.toString());
        List<Served> out = new ArrayList<>();
        for (int i = v.ceiling(prefix, false); i < v.size() && v.nameAt(i).startsWith(prefix); i++) {
            Oid index = v.nameAt(i).suffix(prefix.size());
            int[] arcs = index.toArray();
            int at = 1 + arcs[0]; // the policy: its length, then its arcs
            byte[] hop = new byte[arcs[at + 1]];
            for (int k = 0; k < hop.length; k++) {
                hop[k] = (byte) arcs[at + 2 + k];
            }
            Oid typeOid = Oid.parse(p.toString().replace(INET_CIDR_ROUTE + INET_IF_INDEX + ".", INET_CIDR_ROUTE + INET_TYPE + ".")
                    + "." + index);
            out.add(new Served((int) v.valueAt(i).number(), hop, (int) v.get(typeOid).number()));
        }
        return out;
    }

    /** The line of 10.81.0.0/24 in the namespace's /proc/net/route: Iface Destination Gateway Flags ... (hex, host order). */
    private static Served procIpv4(TestNamespaces ns, String netns, NetnsSnapshot s) {
        String dst = String.format("%02X%02X%02X%02X", V4_DST[3], V4_DST[2], V4_DST[1], V4_DST[0]);
        List<Served> lines = new ArrayList<>();
        for (String line : ns.exec(netns, "cat", "/proc/net/route").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 7 && f[1].equals(dst) && f[7].equals("00FFFFFF")) {
                byte[] gw = HexFormat.of().parseHex(f[2]);
                byte[] gateway = {gw[3], gw[2], gw[1], gw[0]};
                int flags = Integer.parseInt(f[3], 16);
                lines.add(new Served(ifIndex(s, f[0]), gateway, (flags & RTF_GATEWAY) != 0 ? 4 : 3));
            }
        }
        assertEquals(1, lines.size(), "one line for 10.81.0.0/24: " + lines);
        return lines.get(0);
    }

    /** The lines of one destination in /proc/net/ipv6_route: dest len src len next-hop metric refcnt use flags iface. */
    private static List<Served> procIpv6(TestNamespaces ns, String netns, NetnsSnapshot s, byte[] destination, int prefixLength) {
        String dst = HexFormat.of().formatHex(destination);
        List<Served> out = new ArrayList<>();
        for (String line : ns.exec(netns, "cat", "/proc/net/ipv6_route").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 10 && f[0].equals(dst) && Integer.parseInt(f[1], 16) == prefixLength) {
                int flags = Integer.parseInt(f[8], 16);
                out.add(new Served(ifIndex(s, f[9]), HexFormat.of().parseHex(f[4]), (flags & RTF_GATEWAY) != 0 ? 4 : 3));
            }
        }
        return out;
    }

    private static int ifIndex(NetnsSnapshot s, String name) {
        return s.interfaces().stream().filter(i -> i.name().equals(name)).mapToInt(InterfaceSnapshot::ifIndex).findFirst()
                .orElseThrow(() -> new AssertionError("no interface " + name));
    }

    /** Runs the manual clock in 100 ms steps (notification batches, the refreshes they ask for) until {@code served}, for at most 5 s. */
    private static boolean settle(KernelDataPlane plane, ManualScheduler clock, String context, Supplier<Boolean> served) {
        return KernelTestSupport.await(5_000, () -> {
            clock.advance(100, TimeUnit.MILLISECONDS);
            return plane.snapshot(context) != null && served.get();
        }) >= 0;
    }
}
