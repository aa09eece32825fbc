package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nlagent.model.DataPlaneStats;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;
import nlagent.time.ManualScheduler;

/**
 * Every snapshot value against /proc/sys read by the test (the oracle), in the root namespace and
 * in two named ones with odd values; and zero /proc/sys lookups across 100 refreshes. Root-namespace
 * sysctls are only read, except those of this test's own veth, which vanish with it.
 */
class KernelValuesTest {
    private static TestNamespaces ns;
    private static String nsA;
    private static String nsB;
    private static String hostA;
    private static String hostB;

    @BeforeAll
    static void setUp() {
        Preconditions.assumeRoot();
        ns = new TestNamespaces("kv");
        nsA = ns.addNamespace("a");
        nsB = ns.addNamespace("b");
        hostA = ns.linkName("ha");
        hostB = ns.linkName("hb");
        ns.addVeth(hostA, nsA, "eth0");
        ns.addVeth(hostB, nsB, "eth0");
        ns.exec(nsA, "ip", "link", "add", "d1", "type", "veth", "peer", "name", "d2");
        // namespace A: odd values, forwarding on eth0 only
        ns.sysctl(nsA, "net.ipv4.neigh.eth0.retrans_time_ms", "1234");
        ns.sysctl(nsA, "net.ipv4.neigh.eth0.base_reachable_time_ms", "22222");
        ns.sysctl(nsA, "net.ipv6.neigh.eth0.retrans_time_ms", "2345");
        ns.sysctl(nsA, "net.ipv6.neigh.eth0.base_reachable_time_ms", "45678");
        ns.sysctl(nsA, "net.ipv6.conf.eth0.forwarding", "1");
        ns.sysctl(nsA, "net.ipv4.conf.eth0.forwarding", "1");
        ns.sysctl(nsA, "net.ipv6.conf.d1.disable_ipv6", "1");
        ns.sysctl(nsA, "net.ipv4.ip_default_ttl", "99");
        ns.sysctl(nsA, "net.ipv4.ipfrag_time", "17");
        ns.sysctl(nsA, "net.ipv6.conf.all.hop_limit", "33");
        // namespace B: other odd values, global forwarding
        ns.sysctl(nsB, "net.ipv4.conf.all.forwarding", "1");
        ns.sysctl(nsB, "net.ipv6.conf.all.forwarding", "1");
        ns.sysctl(nsB, "net.ipv4.neigh.eth0.retrans_time_ms", "777");
        ns.sysctl(nsB, "net.ipv6.neigh.lo.base_reachable_time_ms", "12345");
        ns.sysctl(nsB, "net.ipv4.ip_default_ttl", "12");
        ns.sysctl(nsB, "net.ipv4.ipfrag_time", "45");
        ns.sysctl(nsB, "net.ipv6.conf.all.hop_limit", "201");
        // root: only this test's own veth
        ns.sysctl(null, "net.ipv4.neigh." + hostA + ".retrans_time_ms", "4321");
        ns.sysctl(null, "net.ipv6.neigh." + hostA + ".base_reachable_time_ms", "54321");
        ns.sysctl(null, "net.ipv6.conf." + hostB + ".forwarding", "1");
    }

    @AfterAll
    static void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void everyValueEqualsProcSysInRootAndTwoNamedNamespaces() throws Exception {
        ManualScheduler clock = new ManualScheduler();
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, 5000), clock, clock)) {
            clock.runDue(); // opens the namespaces found at start
            assertEquals(java.util.Set.of("", nsA, nsB), plane.contexts());
            // read as a frontend reads them: a namespace's first read re-dumps it with its neighbour tables
            checkAgainstOracle(KernelTestSupport.readFresh(plane, clock, nsA), nsA, null);
            checkAgainstOracle(KernelTestSupport.readFresh(plane, clock, nsB), nsB, null);
            checkAgainstOracle(KernelTestSupport.readFresh(plane, clock, ""), null, List.of("lo", hostA, hostB));

            NetnsSnapshot a = plane.snapshot(nsA);
            InterfaceSnapshot eth0 = byName(a, "eth0");
            // 1234 ms is stored in jiffies, so the kernel reads back a rounded value whatever HZ is: compare with its read-back
            long retransReadBackMs = Long.parseLong(ns.exec(nsA, "cat", "/proc/sys/net/ipv4/neigh/eth0/retrans_time_ms").trim());
            assertEquals(retransReadBackMs, eth0.ipv4().retransTimeMs(), "the kernel's own read-back of 1234 ms");
            assertTrue(retransReadBackMs >= 1234 && retransReadBackMs < 1234 + 10, "within one jiffy (HZ >= 100) of what was set");
            assertEquals(99, a.ipDefaultTtl());
            assertEquals(17, a.ipReasmTimeoutSeconds());
            assertEquals(33, a.ipv6HopLimit());
            assertTrue(eth0.ipv6().forwarding());
            assertTrue(!byName(a, "lo").ipv6().forwarding(), "forwarding on one interface only");
            assertTrue(byName(a, "d1").ipv6().disabled());
            assertEquals("veth", eth0.linkKind());
            String ll = ns.exec(nsA, "ip", "-6", "-o", "addr", "show", "dev", "eth0", "scope", "link").trim().split("\\s+")[3];
            assertEquals(java.net.InetAddress.getByName(ll.substring(0, ll.indexOf('/'))),
                    java.net.InetAddress.getByAddress(eth0.ipv6().linkLocalAddress()), "link-local address as ip shows it");
            assertEquals(10000, eth0.speedMbps(), "veth reports 10 Gb/s over ethtool");
            assertEquals(-1, byName(a, "lo").speedMbps());
            NetnsSnapshot b = plane.snapshot(nsB);
            assertTrue(b.ipv4Forwarding() && b.ipv6Forwarding());
            assertTrue(!plane.snapshot("").id().sameNamespace(a.id()));
            assertTrue(a.id().cookie() != 0 && !a.id().sameNamespace(b.id()));
        }
    }

    @Test
    void hundredRefreshesMakeNoProcSysLookups() throws Exception {
        ManualScheduler clock = new ManualScheduler();
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, 5000), clock, clock)) {
            clock.runDue(); // opens the namespaces found at start
            assertEquals(1, plane.stats().heldFds(), "only the own namespace's before any read");
            KernelTestSupport.readFresh(plane, clock, nsA); // the first reads open the others' held files
            KernelTestSupport.readFresh(plane, clock, nsB);
            DataPlaneStats before = plane.stats();
            long structureA = plane.structureDumps(nsA);
            long structureB = plane.structureDumps(nsB);
            assertEquals(0, before.procSysLookups(), "ipfrag_time is opened through the private procfs instance");
            assertEquals(3, before.heldFds(), "one held sysctl in each of 3 namespaces");
            for (int i = 0; i < 100; i++) {
                plane.refreshAll();
            }
            clock.advance(20, java.util.concurrent.TimeUnit.SECONDS); // scheduled refreshes and rescans too
            DataPlaneStats after = plane.stats();
            assertEquals(before.procSysLookups(), after.procSysLookups(), "no /proc/sys path lookup in steady state");
            // nothing changes in the test's namespaces: their netconf, addresses and routes are not re-dumped
            // (NetnsHandle#structureDumpDue), only their links; the own namespace (the host's: its changes and
            // lifetimes are not the test's) re-dumps at least links, neighbour tables and neighbours
            assertTrue(after.netlinkDumps() >= before.netlinkDumps() + 100 * (3 + 2 * 1),
                    "at least 3 dumps per refresh of the own namespace, 1 in unread ones");
            // (a few at most: the setup's late notifications, such as the end of duplicate address detection)
            assertTrue(plane.structureDumps(nsA) - structureA <= 5, "structure dumps in 100 refreshes of an unchanged namespace");
            assertTrue(plane.structureDumps(nsB) - structureB <= 5);
            assertEquals(0, after.netlinkErrors());
            assertEquals(0, after.fdReopens());
            assertEquals(0, after.staleFds());
            assertEquals(3, after.namespaces());
        }
    }

    @Test
    void lostSysctlFdIsReopenedOnceWhileTheNamespaceExists() throws Exception {
        ManualScheduler clock = new ManualScheduler();
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, 5000), clock, clock)) {
            clock.runDue(); // opens the namespaces found at start
            KernelTestSupport.readFresh(plane, clock, nsA); // the first read opens its held files
            long lookups = plane.stats().procSysLookups();
            // a closed fd reads as ENOENT, exactly like one whose sysctl table was unregistered
            plane.handle(nsA).sysctl(0).close();
            assertEquals(17, plane.refresh(nsA).ipReasmTimeoutSeconds(), "re-opened inside the namespace and read");
            assertEquals(1, plane.stats().fdReopens());
            assertEquals(lookups, plane.stats().procSysLookups(), "re-opened through the private procfs instance");
            assertEquals(0, plane.stats().staleFds());

            plane.handle(nsA).sysctl(0).close();
            assertEquals(-1, plane.refresh(nsA).ipReasmTimeoutSeconds(), "only once: a second loss stays unknown");
            assertEquals(1, plane.stats().fdReopens());
            assertEquals(1, plane.stats().staleFds());
            assertEquals(99, plane.snapshot(nsA).ipDefaultTtl(), "the socket-sourced values still read");
            assertEquals(33, plane.snapshot(nsA).ipv6HopLimit());
        }
    }

    private static InterfaceSnapshot byName(NetnsSnapshot s, String name) {
        return s.interfaces().stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no interface " + name + " in " + s.context()));
    }

    /** Compares every interface (or only {@code onlyNames}) and the scalars with /proc/sys in that namespace. */
    private static void checkAgainstOracle(NetnsSnapshot s, String netns, List<String> onlyNames) {
        assertNotNull(s);
        List<InterfaceSnapshot> rows = s.interfaces().stream()
                .filter(i -> onlyNames == null || onlyNames.contains(i.name())).toList();
        assertEquals(onlyNames == null ? s.interfaces().size() : onlyNames.size(), rows.size());
        List<String> paths = new ArrayList<>(List.of("ipv4/ip_default_ttl", "ipv4/ipfrag_time", "ipv6/conf/all/hop_limit",
                "ipv4/conf/all/forwarding", "ipv6/conf/all/forwarding"));
        for (InterfaceSnapshot i : rows) {
            String n = i.name();
            paths.addAll(List.of("ipv4/conf/" + n + "/forwarding", "ipv4/neigh/" + n + "/retrans_time_ms",
                    "ipv4/neigh/" + n + "/base_reachable_time_ms", "ipv6/conf/" + n + "/forwarding",
                    "ipv6/neigh/" + n + "/retrans_time_ms", "ipv6/neigh/" + n + "/base_reachable_time_ms",
                    "ipv6/conf/" + n + "/disable_ipv6", "ipv6/conf/" + n + "/mtu"));
        }
        Map<String, Long> o = KernelTestSupport.procSys(ns, netns, paths);
        String where = netns == null ? "root" : netns;
        assertEquals(o.get("ipv4/ip_default_ttl"), (long) s.ipDefaultTtl(), where);
        assertEquals(o.get("ipv4/ipfrag_time"), (long) s.ipReasmTimeoutSeconds(), where);
        assertEquals(o.get("ipv6/conf/all/hop_limit"), (long) s.ipv6HopLimit(), where);
        assertEquals(o.get("ipv4/conf/all/forwarding") != 0, s.ipv4Forwarding(), where);
        assertEquals(o.get("ipv6/conf/all/forwarding") != 0, s.ipv6Forwarding(), where);
        for (InterfaceSnapshot i : rows) {
            String n = i.name();
            String at = where + " " + n + ": ";
            if (o.get("ipv4/conf/" + n + "/forwarding") == null) {
                assertNull(i.ipv4(), at + "no IPv4 config in /proc/sys");
            } else {
                assertEquals(o.get("ipv4/conf/" + n + "/forwarding") != 0, i.ipv4().forwarding(), at + "v4 forwarding");
                assertEquals(o.get("ipv4/neigh/" + n + "/retrans_time_ms"), i.ipv4().retransTimeMs(), at + "v4 retrans");
                assertEquals(o.get("ipv4/neigh/" + n + "/base_reachable_time_ms"), i.ipv4().baseReachableTimeMs(), at + "v4 base");
            }
            if (o.get("ipv6/conf/" + n + "/forwarding") == null) {
                assertNull(i.ipv6(), at + "no IPv6 config in /proc/sys");
            } else {
                assertEquals(o.get("ipv6/conf/" + n + "/forwarding") != 0, i.ipv6().forwarding(), at + "v6 forwarding");
                assertEquals(o.get("ipv6/neigh/" + n + "/retrans_time_ms"), i.ipv6().retransTimeMs(), at + "v6 retrans");
                assertEquals(o.get("ipv6/neigh/" + n + "/base_reachable_time_ms"), i.ipv6().baseReachableTimeMs(), at + "v6 base");
                assertEquals(o.get("ipv6/conf/" + n + "/disable_ipv6") != 0, i.ipv6().disabled(), at + "disable_ipv6");
                assertEquals(o.get("ipv6/conf/" + n + "/mtu"), (long) i.ipv6().devconf()[nlagent.netlink.Rtnl.DEVCONF_MTU6], at + "mtu6");
            }
        }
    }
}
