package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.TestNamespaces;
import nlagent.time.ExecutorScheduler;
import nlagent.time.ManualScheduler;
import nlagent.time.Ticker;

/**
 * The data plane following the kernel: notifications (no schedule), interfaces coming and going,
 * namespaces deleted (everything released), dumps under link churn. The periodic refresh is set to
 * a minute so that only notifications and directory watching can explain what the tests see.
 */
class KernelLifecycleTest {
    private static final long NO_SCHEDULE_MS = 60_000;
    private TestNamespaces ns;
    private ExecutorScheduler scheduler;

    @BeforeEach
    void setUp() {
        Preconditions.assumeRoot();
        ns = new TestNamespaces("kl");
        scheduler = new ExecutorScheduler("test-refresh", 1);
    }

    @AfterEach
    void tearDown() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private static InterfaceSnapshot find(NetnsSnapshot s, String name) {
        return s == null ? null : s.interfaces().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void forwardingAndNeighChangesAreVisibleWithinOneSecondWithoutTheSchedule() throws Exception {
        String a = ns.addNamespace("a");
        ns.addVeth(ns.linkName("h"), a, "eth0");
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, NO_SCHEDULE_MS), Ticker.system(), scheduler)) {
            assertTrue(plane.awaitContext(a, 10, TimeUnit.SECONDS), "opened in the background");
            plane.awaitFresh(a); // read once, as a frontend does: from then on its neighbour tables are followed
            assertFalse(find(plane.snapshot(a), "eth0").ipv6().forwarding());

            ns.sysctl(a, "net.ipv6.conf.eth0.forwarding", "1");
            assertTrue(KernelTestSupport.await(1000, () -> find(plane.snapshot(a), "eth0").ipv6().forwarding()) >= 0,
                    "IPv6 forwarding (RTM_NEWNETCONF, merged) within 1 s");

            ns.sysctl(a, "net.ipv6.neigh.eth0.retrans_time_ms", "2345");
            assertTrue(KernelTestSupport.await(1000, () -> find(plane.snapshot(a), "eth0").ipv6().retransTimeMs() == 2348) >= 0,
                    "IPv6 retrans time (group 12 RTM_NEWLINK → re-dump) within 1 s");

            ns.sysctl(a, "net.ipv6.neigh.eth0.base_reachable_time_ms", "45678");
            assertTrue(KernelTestSupport.await(1000, () -> find(plane.snapshot(a), "eth0").ipv6().baseReachableTimeMs() == 45680) >= 0,
                    "IPv6 base reachable time within 1 s");

            ns.sysctl(a, "net.ipv4.conf.all.forwarding", "1");
            assertTrue(KernelTestSupport.await(1000, () -> plane.snapshot(a).ipv4Forwarding()
                    && find(plane.snapshot(a), "eth0").ipv4().forwarding()) >= 0, "IPv4 ALL forwarding within 1 s");
            assertTrue(plane.stats().netlinkNotifications() > 0);
            assertEquals(0, plane.stats().netlinkErrors());
        }
    }

    /**
     * Scope.OWN opens the agent's own namespace and nothing else, even with a matching namespace in the
     * directory and the periodic rescan due; it says its count covers not every namespace. Scope.ALL opens it.
     */
    @Test
    void ownScopeOpensNoOtherNamespace() throws Exception {
        String a = ns.addNamespace("a");
        ManualScheduler manual = new ManualScheduler();
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, NO_SCHEDULE_MS),
                KernelDataPlane.Scope.OWN, manual, manual)) {
            manual.runDue();
            manual.advance(2, TimeUnit.MINUTES); // past the periodic rescan
            assertTrue(plane.awaitAllOpened(0, TimeUnit.SECONDS), "nothing to wait for");
            assertEquals(java.util.Set.of(KernelDataPlane.OWN_CONTEXT), java.util.Set.copyOf(plane.contexts()));
            assertNull(plane.snapshot(a));
            assertEquals(1, plane.stats().namespaces());
            assertFalse(plane.stats().allNamespaces());
        }
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, NO_SCHEDULE_MS),
                KernelDataPlane.Scope.ALL, manual, manual)) {
            manual.runDue();
            assertTrue(plane.contexts().contains(a), plane.contexts().toString());
            assertEquals(2, plane.stats().namespaces());
            assertTrue(plane.stats().allNamespaces());
        }
    }

    @Test
    void notificationRefreshesAreBatchedAndRateLimited() throws Exception {
        String a = ns.addNamespace("a");
        ns.addVeth(ns.linkName("h"), a, "eth0");
        ManualScheduler manual = new ManualScheduler();
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, NO_SCHEDULE_MS), manual, manual)) {
            manual.runDue(); // opens the namespaces found at start
            manual.advance(1, TimeUnit.SECONDS); // the start-up refresh is now long past
            ns.sysctl(a, "net.ipv6.neigh.eth0.retrans_time_ms", "2345");
            assertTrue(KernelTestSupport.await(2000, () -> plane.refreshPending(a)) >= 0, "refresh requested");
            assertEquals(1000, find(plane.snapshot(a), "eth0").ipv6().retransTimeMs(), "nothing read before the batch delay");
            manual.advance(RefreshPolicy.NOTIFY_BATCH_NANOS, TimeUnit.NANOSECONDS);
            assertEquals(2348, find(plane.snapshot(a), "eth0").ipv6().retransTimeMs(), "re-dumped after the batch delay");

            ns.sysctl(a, "net.ipv6.neigh.eth0.retrans_time_ms", "3456");
            assertTrue(KernelTestSupport.await(2000, () -> plane.refreshPending(a)) >= 0, "refresh requested");
            manual.advance(RefreshPolicy.NOTIFY_BATCH_NANOS, TimeUnit.NANOSECONDS);
            assertEquals(2348, find(plane.snapshot(a), "eth0").ipv6().retransTimeMs(), "too soon after the last re-dump");
            manual.advance(RefreshPolicy.NOTIFY_MIN_GAP_NANOS, TimeUnit.NANOSECONDS);
            assertEquals(3456, find(plane.snapshot(a), "eth0").ipv6().retransTimeMs(), "re-dumped once the gap passed");
        }
    }

    @Test
    void interfacesAddedRenamedIpv6DroppedByMtuAndDeleted() throws Exception {
        String a = ns.addNamespace("a");
        ManualScheduler ticker = new ManualScheduler(); // used as the clock only
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, NO_SCHEDULE_MS), ticker, scheduler)) {
            assertTrue(plane.awaitContext(a, 10, TimeUnit.SECONDS), "opened in the background");
            assertEquals(0, plane.snapshot(a).interfacesLastChangeNanos(), "no change since start");

            ticker.advance(5, TimeUnit.SECONDS);
            ns.exec(a, "ip", "link", "add", "v1", "type", "veth", "peer", "name", "v2");
            assertTrue(KernelTestSupport.await(2000, () -> find(plane.snapshot(a), "v2") != null) >= 0, "added");
            NetnsSnapshot s = plane.snapshot(a);
            assertEquals(TimeUnit.SECONDS.toNanos(5), s.interfacesLastChangeNanos());
            assertEquals(TimeUnit.SECONDS.toNanos(5), find(s, "v1").lastChangeNanos());
            assertEquals(0, find(s, "lo").lastChangeNanos());
            int v2Index = find(s, "v2").ifIndex();

            ticker.advance(5, TimeUnit.SECONDS);
            ns.exec(a, "ip", "link", "set", "v1", "up");
            assertTrue(KernelTestSupport.await(2000, () -> find(plane.snapshot(a), "v1").isUp()) >= 0, "up");
            InterfaceSnapshot v1 = find(plane.snapshot(a), "v1");
            assertEquals(3, v1.operState(), "LOWERLAYERDOWN: peer is down");
            assertEquals(TimeUnit.SECONDS.toNanos(10), v1.lastChangeNanos(), "oper status change moves ifLastChange");

            ns.exec(a, "ip", "link", "set", "v2", "name", "v3");
            assertTrue(KernelTestSupport.await(2000, () -> find(plane.snapshot(a), "v3") != null) >= 0, "renamed");
            assertEquals(v2Index, find(plane.snapshot(a), "v3").ifIndex());
            assertNull(find(plane.snapshot(a), "v2"));

            ns.exec(a, "ip", "link", "set", "v1", "mtu", "1200");
            assertTrue(KernelTestSupport.await(2000, () -> find(plane.snapshot(a), "v1").ipv6() == null) >= 0,
                    "IPv6 gone below 1280");
            assertNotNull(find(plane.snapshot(a), "v1").ipv4());
            assertTrue(KernelTestSupport.procSys(ns, a, List.of("ipv6/conf/v1/forwarding")).get("ipv6/conf/v1/forwarding") == null,
                    "oracle agrees: no ipv6/conf/v1 directory");
            ns.exec(a, "ip", "link", "set", "v1", "mtu", "1500");
            assertTrue(KernelTestSupport.await(2000, () -> find(plane.snapshot(a), "v1").ipv6() != null) >= 0, "IPv6 back");

            ticker.advance(5, TimeUnit.SECONDS);
            ns.exec(a, "ip", "link", "del", "v1");
            assertTrue(KernelTestSupport.await(2000, () -> find(plane.snapshot(a), "v1") == null
                    && find(plane.snapshot(a), "v3") == null) >= 0, "deleted with its peer");
            assertEquals(TimeUnit.SECONDS.toNanos(15), plane.snapshot(a).interfacesLastChangeNanos());
            assertEquals(0, plane.stats().procSysLookups(), "none at start (private procfs instance), none for interface churn");
        }
    }

    /**
     * This process's open fds by kind: "socket" (all sockets), "sysctl" (files under /proc/sys,
     * or under sys/net of the agent's detached procfs instance, which readlink shows as /sys/net/...) and
     * "procnet" (a thread's /proc/net statistics files, /proc/PID/task/TID/net/...).
     */
    private static java.util.Map<String, Long> openFds() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.map(p -> {
                try {
                    String t = Files.readSymbolicLink(p).toString();
                    return t.startsWith("socket:") ? "socket" : t.startsWith("/proc/sys/") || t.startsWith("/sys/net/") ? "sysctl"
                            : t.matches("/proc/\\d+/task/\\d+/net/.*") ? "procnet" : "other";
                } catch (IOException e) {
                    return "gone"; // the fd of the listing itself, or one closed meanwhile
                }
            }).filter(k -> !k.equals("gone") && !k.equals("other"))
                    .collect(Collectors.groupingBy(k -> k, java.util.TreeMap::new, Collectors.counting()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean atMost(java.util.Map<String, Long> now, java.util.Map<String, Long> limit) {
        return now.getOrDefault("socket", 0L) <= limit.getOrDefault("socket", 0L)
                && now.getOrDefault("sysctl", 0L) <= limit.getOrDefault("sysctl", 0L)
                && now.getOrDefault("procnet", 0L) <= limit.getOrDefault("procnet", 0L);
    }

    private static java.util.Map<String, Long> plus(java.util.Map<String, Long> base, long sockets, long sysctls,
                                                    long procNet) {
        java.util.Map<String, Long> m = new java.util.TreeMap<>(base);
        m.merge("socket", sockets, Long::sum);
        m.merge("sysctl", sysctls, Long::sum);
        m.merge("procnet", procNet, Long::sum);
        m.values().removeIf(v -> v == 0);
        return m;
    }

    @Test
    void deletedNamespaceIsReleasedAtOnce() throws Exception {
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, NO_SCHEDULE_MS), Ticker.system(), scheduler)) {
            // other test classes in the same JVM may still be closing their own sockets: compare kinds, settled
            KernelTestSupport.await(1000, () -> openFds().equals(openFds()));
            var baseline = openFds();
            String c = ns.addNamespace("c");
            String host = ns.linkName("h");
            ns.addVeth(host, c, "eth0");
            assertTrue(KernelTestSupport.await(3000, () -> plane.snapshot(c) != null) >= 0, "discovered by watching /run/netns");
            var opened = plus(baseline, 3, 0, 0);
            assertTrue(KernelTestSupport.await(2000, () -> openFds().equals(opened)) >= 0,
                    "opened: 2 netlink sockets + 1 UDP socket, no file before a read: expected " + opened + ", have " + openFds());
            plane.awaitFresh(c); // the first read opens the held files
            var held = plus(baseline, 3, 1, 3);
            assertTrue(KernelTestSupport.await(2000, () -> openFds().equals(held)) >= 0,
                    "2 netlink sockets + 1 UDP socket + 1 held sysctl fd + snmp, netstat, snmp6: expected " + held
                    + ", have " + openFds());
            assertEquals(2, plane.stats().namespaces());

            ns.deleteNamespace(c);
            assertTrue(KernelTestSupport.await(2000, () -> !plane.contexts().contains(c)) >= 0, "context removed");
            assertTrue(KernelTestSupport.await(5000, () -> !Files.exists(Path.of("/sys/class/net", host))) >= 0,
                    "host-side veth gone: nothing pins the namespace any more");
            // "at most": a socket another test class left behind may close meanwhile, never one more
            assertTrue(KernelTestSupport.await(2000, () -> atMost(openFds(), baseline)) >= 0,
                    "fds back to baseline " + baseline + ", now " + openFds());
            assertEquals(1, plane.stats().namespacesRemoved());
            assertEquals(1, plane.stats().namespaces());
            assertEquals(1, plane.stats().heldFds(), "the own namespace's ipfrag_time fd");
        }
    }

    @Test
    void dumpsStayConsistentWhileLinksChurn() throws Exception {
        String a = ns.addNamespace("a");
        ManualScheduler manual = new ManualScheduler();
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, NO_SCHEDULE_MS), manual, manual)) {
            manual.runDue(); // opens the namespaces found at start
            CompletableFuture<Processes.Result> churn = CompletableFuture.supplyAsync(() -> Processes.sh(
                    "for i in $(seq 1 25); do ip -n " + a + " link add c$i type veth peer name e$i; "
                            + "ip -n " + a + " link set c$i name r$i; ip -n " + a + " link del r$i; done"));
            int snapshots = 0;
            while (!churn.isDone()) {
                NetnsSnapshot s = plane.refresh(a);
                if (s != null) {
                    snapshots++;
                    Set<String> names = new HashSet<>();
                    for (InterfaceSnapshot i : s.interfaces()) {
                        assertTrue(names.add(i.name()), "duplicate name " + i.name());
                        assertTrue(i.ifIndex() > 0 && !i.name().isEmpty());
                    }
                    assertNotNull(find(s, "lo"));
                }
                Thread.sleep(1); // leave CPU to the churning ip commands on a small shared machine
            }
            assertEquals(0, churn.get().exitCode(), churn.get().stderr());
            assertTrue(snapshots > 0);
            NetnsSnapshot last = plane.refresh(a);
            Set<String> expected = Arrays.stream(ns.exec(a, "ls", "/sys/class/net").split("\\s+"))
                    .filter(x -> !x.isEmpty()).collect(Collectors.toSet());
            assertEquals(expected, last.interfaces().stream().map(InterfaceSnapshot::name).collect(Collectors.toSet()));
            System.out.println("churn: " + snapshots + " consistent snapshots, " + plane.stats().netlinkResyncs()
                    + " dump restarts, " + plane.stats().netlinkErrors() + " failed dumps");
        }
    }
}
