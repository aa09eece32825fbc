package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.cli.AgentConfig;
import nlagent.config.ConfigFile;
import nlagent.kernel.KernelConfig;
import nlagent.kernel.KernelDataPlane;
import nlagent.mib.SnapshotMibProvider;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.testing.NamespaceSnmpd;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.RoutingScenario;
import nlagent.testing.TestNamespaces;
import nlagent.time.ExecutorScheduler;
import nlagent.time.Ticker;

/**
 * Neighbour and route tables against stock snmpd, on a namespace with static and dynamic
 * neighbours (permanent, reachable, stale, noarp, incomplete; IPv4 and IPv6) and routes via
 * gateways, with metrics, multipath and defaults (IPv4 and IPv6): every OID under ipRouteTable,
 * ipNetToMediaTable, ipForward, ipNetToPhysicalTable, ipv6ScopeZoneIndexTable and
 * ipDefaultRouterTable equal, value for value (ipNetToPhysicalLastUpdated present for the same
 * rows). Then, from the real data plane: two namespaces in their own contexts, never mixed; a
 * neighbour and a route added are served within 1 s without a re-dump; polls make no /proc/sys
 * path lookup (strace).
 */
class NeighbourRouteParityTest {
    private static TestNamespaces ns;
    private static String nsA;
    private static String nsB;
    private static NamespaceSnmpd snmpd;
    private static NamespaceSnmpd snmpdB;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("snmpd", "snmpbulkwalk", "snmpget", "ip");
        Preconditions.assumeNexthopObjects(); // the scenario routes over nexthop objects in both compat modes
        ns = new TestNamespaces("nrp");
        nsA = ns.addNamespace("a");
        nsB = ns.addNamespace("b");
        RoutingScenario.populate(ns, nsA, 0);
        RoutingScenario.populate(ns, nsB, 1);
        Thread.sleep(2500); // IPv6 link-local addresses settle (ipv6ScopeZoneIndexTable rows)

        snmpd = NamespaceSnmpd.start(nsA, 1161, "rocommunity public 127.0.0.1\n", List.of());
        snmpdB = NamespaceSnmpd.start(nsB, 1161, "rocommunity public 127.0.0.1\n", List.of());
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (NamespaceSnmpd p : new NamespaceSnmpd[] {snmpd, snmpdB}) {
            if (p != null) {
                p.close();
            }
        }
        if (ns != null) {
            ns.close();
        }
    }

    private static String theirs(String netns, String oid) {
        return (netns.equals(nsA) ? snmpd : snmpdB).client("snmpbulkwalk", List.of("-v2c", "-c", "public", "-t", "3"), oid);
    }

    /** Compares two walks OID by OID; returns the differences. */
    static List<String> differences(Map<String, String> theirs, Map<String, String> ours) {
        List<String> diffs = new ArrayList<>();
        Set<String> all = new TreeSet<>(theirs.keySet());
        all.addAll(ours.keySet());
        for (String oid : all) {
            String t = theirs.get(oid);
            String o = ours.get(oid);
            if (t == null && RoutingScenario.OURS_ONLY.contains(oid)) {
                continue;
            }
            if (t == null || o == null) {
                diffs.add(oid + ": net-snmp " + t + ", ours " + o);
            } else if (oid.startsWith(RoutingScenario.IPV6_ROUTER_LIFETIME)) {
                long theirSeconds = WalkParser.number(t).longValue();
                long ourSeconds = WalkParser.number(o).longValue();
                if (ourSeconds > theirSeconds || theirSeconds - ourSeconds > 60) { // read after theirs: a little less
                    diffs.add(oid + ": net-snmp " + t + ", ours " + o);
                }
            } else if (!t.equals(o) && !oid.startsWith(RoutingScenario.LAST_UPDATED)) {
                diffs.add(oid + ": net-snmp " + t + ", ours " + o);
            }
        }
        return diffs;
    }

    /** Walks the compared subtrees of {@code netns} from stock snmpd and from nlagent; asserts equality; returns snmpd's walk. */
    private static Map<String, String> assertParity(String netns) throws Exception {
        StringBuilder t = new StringBuilder();
        for (String s : RoutingScenario.SUBTREES) {
            t.append(theirs(netns, s));
        }
        Map<String, String> their = WalkParser.parse(t.toString());
        try (AgentFixture f = new AgentFixture("rocommunity public 127.0.0.1 " + netns)) {
            f.source.put(KernelDataPlane.snapshotOnce(new KernelConfig(), netns, Ticker.system()));
            StringBuilder o = new StringBuilder();
            for (String s : RoutingScenario.SUBTREES) {
                o.append(f.snmp("snmpbulkwalk", "-v2c", "-c", "public", f.target(), s).stdout());
            }
            List<String> diffs = differences(their, WalkParser.parse(o.toString()));
            assertTrue(diffs.isEmpty(), netns + ":\n" + String.join("\n", diffs));
        }
        assertTrue(their.size() > 400, "walked " + their.size());
        return their;
    }

    @Test
    void neighbourAndRouteTablesMatchNetSnmp() throws Exception {
        Map<String, String> their = assertParity(nsA);
        // the scenario is really there: incomplete v4 and v6, multipath v6 as two rows, the v4 default router
        assertEquals("INTEGER: 7", their.get(".1.3.6.1.2.1.4.35.1.7.3.1.4.10.9.0.9"));
        assertEquals("INTEGER: 4", their.get(".1.3.6.1.2.1.4.22.1.4.3.10.9.0.2"), "permanent = static");
        assertEquals("Gauge32: 65535", their.get(".1.3.6.1.2.1.4.37.1.4.1.4.10.9.0.4.3"));
        assertTrue(their.keySet().stream().anyMatch(k -> k.startsWith(RoutingScenario.IPV6_ROUTER_LIFETIME + "16.254.128.")),
                "the expiring IPv6 default router: " + their.keySet().stream().filter(k -> k.contains(".4.37.")).toList());
        assertEquals(2, their.keySet().stream().filter(k -> k.startsWith(".1.3.6.1.2.1.4.24.7.1.7.2.16.253.0.3.0.")).count(),
                "fd00:300::/48 multipath: two rows");
    }

    @Test
    void routeNumberingMatchesNetSnmpWithoutAnIpv6DefaultRoute() throws Exception {
        Map<String, String> their = assertParity(nsB);
        assertTrue(their.keySet().stream().noneMatch(k -> k.startsWith(".1.3.6.1.2.1.4.24.7.1.7.2.16.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.")),
                "no IPv6 default route in this namespace");
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String get(String target, String community, String oid) {
        return Processes.run(30, List.of("snmpget", "-m", "", "-On", "-v2c", "-c", community, "-t", "2", "-r", "0", target, oid))
                .stdout().trim();
    }

    @Test
    void namespacesAreServedInTheirOwnContextsAndChangesShowWithinASecond() throws Exception {
        KernelConfig kc = new KernelConfig();
        // no periodic re-dump during the test: what shows up came through notifications
        ConfigFile.apply("t.conf", "netnsNamePattern " + ns.prefix() + "*\nrefreshIntervalMs 600000\nidleRefreshIntervalMs 600000\n",
                List.of(kc));
        StandaloneConfig sc = new StandaloneConfig();
        ConfigFile.apply("t.conf", "rocommunity public 127.0.0.1 *\n", List.of(sc));
        Uptime uptime = Uptime.startingNow(Ticker.system());
        try (ExecutorScheduler scheduler = new ExecutorScheduler("test-kernel", 1);
             KernelDataPlane plane = KernelDataPlane.start(kc, Ticker.system(), scheduler);
             SnapshotMibProvider provider = new SnapshotMibProvider(plane, new NetnsMibBuilder(uptime), List.of(), List.of()).start();
             StandaloneAgent agent = StandaloneAgent.start(sc, List.of(ListenAddress.parse("udp:127.0.0.1:0", null)), provider)) {
            assertTrue(plane.awaitContext(nsA, 10, TimeUnit.SECONDS) && plane.awaitContext(nsB, 10, TimeUnit.SECONDS));
            String target = "127.0.0.1:" + agent.boundAddresses().get(0).getPort();
            String walkA = Processes.run(60, List.of("snmpbulkwalk", "-m", "", "-On", "-v2c", "-c", "public@" + nsA, target,
                    "1.3.6.1.2.1.4.22")).stdout();
            String walkB = Processes.run(60, List.of("snmpbulkwalk", "-m", "", "-On", "-v2c", "-c", "public@" + nsB, target,
                    "1.3.6.1.2.1.4.22")).stdout();
            assertTrue(walkA.contains("IpAddress: 10.9.0.2") && !walkA.contains("10.10.0."), walkA);
            assertTrue(walkB.contains("IpAddress: 10.10.0.2") && !walkB.contains("10.9.0."), walkB);
            String routesB = Processes.run(60, List.of("snmpbulkwalk", "-m", "", "-On", "-v2c", "-c", "public@" + nsB, target,
                    "1.3.6.1.2.1.4.21.1.1")).stdout();
            assertTrue(routesB.contains("10.21.0.0") && !routesB.contains("10.20.0.0"), routesB);

            long refreshes = plane.refreshCount(nsA);
            String neigh = "1.3.6.1.2.1.4.35.1.7.3.1.4.10.9.0.77";
            String route = "1.3.6.1.2.1.4.21.1.7.10.77.0.0";
            assertTrue(get(target, "public@" + nsA, neigh).contains("No Such Instance"));
            long start = System.nanoTime();
            ns.exec(nsA, "ip", "neigh", "add", "10.9.0.77", "lladdr", "02:00:00:00:00:77", "dev", "va", "nud", "reachable");
            ns.exec(nsA, "ip", "route", "add", "10.77.0.0/16", "via", "10.9.0.2");
            long added = System.nanoTime();
            String n = "";
            String r = "";
            while (System.nanoTime() - added < TimeUnit.SECONDS.toNanos(3)) {
                n = get(target, "public@" + nsA, neigh);
                r = get(target, "public@" + nsA, route);
                if (n.endsWith("INTEGER: 1") && r.endsWith("IpAddress: 10.9.0.2")) {
                    break;
                }
                Thread.sleep(20);
            }
            long visibleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - added);
            assertTrue(n.endsWith("INTEGER: 1") && r.endsWith("IpAddress: 10.9.0.2"), n + " / " + r);
            assertTrue(visibleMs < 1000, "visible after " + visibleMs + " ms (commands took "
                    + TimeUnit.NANOSECONDS.toMillis(added - start) + " ms)");
            ns.exec(nsA, "ip", "route", "del", "10.77.0.0/16");
            for (int i = 0; i < 50 && !r.contains("No Such Instance"); i++) {
                r = get(target, "public@" + nsA, route);
                Thread.sleep(20);
            }
            assertTrue(r.contains("No Such Instance"), r);
            assertEquals(refreshes, plane.refreshCount(nsA), "applied from notifications, no re-dump");
            ns.exec(nsA, "ip", "neigh", "del", "10.9.0.77", "dev", "va");
        }
    }

    @Test
    void pollsOfNeighbourAndRouteTablesMakeNoProcSysLookups() throws Exception {
        Preconditions.assumeCommands("strace");
        int port = freeUdpPort();
        Path conf = tmp.resolve("nlagent.conf");
        Files.writeString(conf, AgentConfig.embeddedText()
                .replace("netnsNamePattern *", "netnsNamePattern " + ns.prefix() + "*")
                .replace("listen udp:127.0.0.1:1161", "listen udp:127.0.0.1:" + port)
                .replace("rocommunity public 127.0.0.1\n", "rocommunity public 127.0.0.1 *\n")
                .replace("probeEnabled yes", "probeEnabled no"));
        Path trace = tmp.resolve("nlagent.strace");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("strace", "-f", "--seccomp-bpf", "-e", "trace=%file", "-o", trace.toString(),
                javaBin, "-cp", System.getProperty("java.class.path"), "nlagent.cli.Main", "run", "--config", conf.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("nlagent.log").toFile()).start();
        try {
            String target = "127.0.0.1:" + port;
            String probe = "1.3.6.1.2.1.4.24.6.0";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!get(target, "public@" + nsA, probe).contains("Gauge32") && System.nanoTime() < deadline) {
                assertTrue(p.isAlive(), Files.readString(tmp.resolve("nlagent.log")));
                Thread.sleep(250);
            }
            Thread.sleep(1000); // the other namespace opened too
            long mark = Files.readAllLines(trace).size();
            int rows = 0;
            for (int round = 0; round < 5; round++) {
                for (String table : new String[] {"1.3.6.1.2.1.4.35", "1.3.6.1.2.1.4.22", "1.3.6.1.2.1.4.24.7"}) {
                    for (String ctx : new String[] {nsA, nsB}) {
                        rows += Processes.run(60, List.of("snmpbulkwalk", "-m", "", "-On", "-v2c", "-c", "public@" + ctx, target, table))
                                .stdout().split("\n").length;
                    }
                }
            }
            assertTrue(rows > 500, "walks returned rows: " + rows);
            List<String> lines = Files.readAllLines(trace);
            List<String> lookups = lines.subList((int) mark, lines.size()).stream().filter(l -> l.contains("\"/proc/sys/")).toList();
            assertEquals(List.of(), lookups, "no /proc/sys path lookup while polling");
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
