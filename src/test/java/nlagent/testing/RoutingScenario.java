package nlagent.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Neighbours and routes for the net-snmp parity tests, in a namespace made by {@link TestNamespaces}:
 * two veth pairs with IPv4/IPv6 addresses; static and dynamic neighbours (permanent, reachable,
 * stale, noarp, incomplete), IPv4 and IPv6; routes via gateways, with metrics, multipath and
 * defaults, and over kernel nexthop objects (a path, a group, a blackhole; variant 1 with
 * net.ipv4.nexthop_compat_mode 0). Reachable entries are kept from ageing during a test (base
 * reachable time 1 h).
 */
public final class RoutingScenario {
    private RoutingScenario() {
    }

    /**
     * Populates {@code netns}; {@code variant} (0..9) shifts addresses so two namespaces differ; only variant 0 has an IPv6
     * default route; variant 1 sets net.ipv4.nexthop_compat_mode 0.
     */
    public static void populate(TestNamespaces ns, String netns, int variant) {
        int v = 9 + variant;
        String a = "10." + v + ".0.";
        String c = "10." + v + ".1.";
        String six = "fd00:" + v + "::";
        String six2 = "fd00:" + (v + 100) + "::";
        List<String> batch = new ArrayList<>(List.of(
                "link add va type veth peer name vb", "link set va up", "link set vb up",
                "link add vc type veth peer name vd", "link set vc up", "link set vd up",
                "addr add " + a + "1/24 dev va", "addr add " + c + "1/24 dev vc",
                "addr add " + six + "1/64 dev va nodad", "addr add " + six2 + "1/64 dev vc nodad"));
        batch(netns, batch);
        for (String dev : new String[] {"va", "vc"}) {
            ns.sysctl(netns, "net.ipv4.neigh." + dev + ".base_reachable_time_ms", "3600000");
            ns.sysctl(netns, "net.ipv6.neigh." + dev + ".base_reachable_time_ms", "3600000");
        }
        batch(netns, List.of(
                "neigh add " + a + "2 lladdr 02:00:00:00:0" + variant + ":02 dev va nud permanent",
                "neigh add " + a + "3 lladdr 02:00:00:00:0" + variant + ":03 dev va nud stale",
                "neigh add " + a + "4 lladdr 02:00:00:00:0" + variant + ":04 dev va nud reachable",
                "neigh add " + a + "5 lladdr 02:00:00:00:0" + variant + ":05 dev va nud noarp",
                "neigh add " + a + "9 dev va nud incomplete",
                "neigh add " + c + "2 lladdr 02:00:00:00:1" + variant + ":02 dev vc nud reachable",
                "neigh add " + six + "2 lladdr 02:00:00:00:2" + variant + ":02 dev va nud permanent",
                "neigh add " + six + "3 lladdr 02:00:00:00:2" + variant + ":03 dev va nud stale",
                "neigh add " + six + "9 dev va nud incomplete",
                "route add 10." + (20 + variant) + ".0.0/16 via " + a + "2 metric 7",
                "route add 10." + (40 + variant) + ".0.0/16 nexthop via " + a + "3 weight 1 nexthop via " + c + "2 weight 2",
                "route add default via " + a + "4",
                "route add 192.168." + (77 + variant) + ".0/24 dev vc",
                "route add fd00:" + (200 + variant) + "::/48 via " + six + "2 metric 5",
                "route add fd00:" + (300 + variant) + "::/48 nexthop via " + six + "2 nexthop via " + six2 + "5",
                // routes over kernel nexthop objects, as FRR's zebra installs them: a single path, a group, a blackhole
                "nexthop add id 5 via " + a + "6 dev va", "nexthop add id 6 via " + c + "6 dev vc", "nexthop add id 7 group 6/5",
                "nexthop add id 8 blackhole",
                "nexthop add id 15 via " + six + "6 dev va", "nexthop add id 16 via " + six2 + "6 dev vc",
                "nexthop add id 17 group 16/15",
                "route add 10." + (60 + variant) + ".0.0/16 nhid 5", "route add 10." + (70 + variant) + ".0.0/16 nhid 7",
                "route add 10." + (80 + variant) + ".0.0/16 nhid 8",
                "route add fd00:" + (400 + variant) + "::/48 nhid 15", "route add fd00:" + (500 + variant) + "::/48 nhid 17",
                // IPv4 via an IPv6 gateway (RFC 5549), as RTA_VIA and in a nexthop object: /proc/net/route flags them
                // RTF_GATEWAY with gateway 0
                "route add 10." + (90 + variant) + ".0.0/16 via inet6 fe80::1 dev va",
                "nexthop add id 18 via fe80::7 dev va", "route add 10." + (100 + variant) + ".0.0/16 nhid 18"));
        if (variant == 1) {
            // route messages then carry only the nexthop id (RTA_NH_ID): interface and gateway are in the objects
            ns.sysctl(netns, "net.ipv4.nexthop_compat_mode", "0");
        }
        if (variant == 0) {
            // variant 1 keeps its main IPv6 table without a default route: /proc/net/ipv6_route then lists the
            // kernel's null entry there, which shifts net-snmp's inetCidrRoutePolicy numbering of later rows
            // and a default router that expires, as router advertisements make them (ipDefaultRouterTable)
            batch(netns, List.of("route add default via " + six + "3", "route add default via fe80::1 dev va metric 2048 expires 300"));
        }
    }

    private static void batch(String netns, List<String> commands) {
        try {
            Path f = Files.createTempFile("nlagent-routing", ".ip");
            try {
                Files.write(f, commands);
                Processes.run(60, List.of("ip", "-n", netns, "-batch", f.toString())).orThrow(List.of("ip -batch", commands.toString()));
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subtrees the parity tests compare: ipRouteTable, ipNetToMediaTable, ipForward, ipNetToPhysicalTable, scope zones, default routers. */
    public static final List<String> SUBTREES = List.of("1.3.6.1.2.1.4.21", "1.3.6.1.2.1.4.22", "1.3.6.1.2.1.4.24",
            "1.3.6.1.2.1.4.35", "1.3.6.1.2.1.4.36", "1.3.6.1.2.1.4.37");

    /** OIDs nlagent serves and net-snmp 5.9.3 does not (README compatibility section): ipCidrRouteNumber, inetCidrRouteDiscards. */
    public static final List<String> OURS_ONLY = List.of(".1.3.6.1.2.1.4.24.3.0", ".1.3.6.1.2.1.4.24.8.0");

    /** ipDefaultRouterLifetime of IPv6 routers: seconds left, counting down between the two reads. */
    public static final String IPV6_ROUTER_LIFETIME = ".1.3.6.1.2.1.4.37.1.4.2.";

    /** ipNetToPhysicalLastUpdated: a time stamp of each agent's own uptime, not comparable. */
    public static final String LAST_UPDATED = ".1.3.6.1.2.1.4.35.1.5.";
}
