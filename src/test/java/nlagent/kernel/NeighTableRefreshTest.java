package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;
import nlagent.testing.ProcSysOracle;
import nlagent.testing.TestNamespaces;
import nlagent.time.ManualScheduler;

/**
 * Idle cost flat in K (issue 11, goal 2): the RTM_GETNEIGHTBL dump walks every device on the host,
 * so a namespace nobody polls is kept alive (when a keep-alive is configured) without it; IPv6 ND changes still arrive through their
 * notification, and IPv4 ARP parameters are re-read as soon as the namespace is polled.
 */
class NeighTableRefreshTest {

    @Test
    void unpolledNamespacesAreRefreshedWithoutTheNeighbourTableDump() throws Exception {
        try (TestNamespaces ns = new TestNamespaces("kn")) {
            String a = ns.addNamespace("a");
            ManualScheduler clock = new ManualScheduler();
            KernelConfig config = KernelTestSupport.config(ns, 5000);
            config.accept(new nlagent.config.ConfigLine("test", 4, "idleRefreshIntervalMs", java.util.List.of("60000")));
            try (KernelDataPlane plane = KernelDataPlane.start(config, clock, clock)) {
                clock.runDue();
                long dumps0 = plane.neighTableDumps();
                long neighbourDumps0 = plane.neighbourDumps();
                long own0 = plane.refreshCount("");
                long a0 = plane.refreshCount(a);
                clock.advance(5, TimeUnit.MINUTES);
                assertTrue(plane.refreshCount(a) >= a0 + 4, "keep-alive refreshes of the unread namespace ran");
                assertEquals(plane.refreshCount("") - own0, plane.neighTableDumps() - dumps0,
                        "only the own namespace's refreshes dumped the neighbour tables");
                assertEquals(plane.refreshCount("") - own0, plane.neighbourDumps() - neighbourDumps0,
                        "only the own namespace's refreshes dumped the neighbour entries (the host-wide ARP/ND walk)");

                // a neighbour added in the unpolled namespace still arrives, by notification
                ns.exec(a, "ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1");
                ns.exec(a, "ip", "link", "set", "v0", "up");
                ns.exec(a, "ip", "neigh", "add", "10.77.0.9", "lladdr", "02:00:00:00:00:09", "dev", "v0", "nud", "permanent");
                byte[] want9 = {10, 77, 0, 9};
                assertTrue(KernelTestSupport.await(5_000, () -> {
                    clock.advance(100, TimeUnit.MILLISECONDS);
                    return plane.snapshot(a).neighbours().stream().anyMatch(n -> java.util.Arrays.equals(n.address(), want9));
                }) >= 0, "neighbour added in an unpolled namespace served without a dump");

                // IPv4 ARP: no notification; an unpolled namespace keeps the last value ...
                long before = lo(plane.snapshot(a)).ipv4().retransTimeMs();
                ns.sysctl(a, "net.ipv4.neigh.lo.retrans_time_ms", String.valueOf(before == 1500 ? 1700 : 1500));
                long want = ProcSysOracle.readLong(ns, a, "/proc/sys/net/ipv4/neigh/lo/retrans_time_ms");
                assertNotEquals(before, want);
                assertEquals(before, lo(plane.refresh(a)).ipv4().retransTimeMs(), "unpolled: neighbour tables not re-read");
                // ... until someone reads it once its reading is a refresh interval old: the read re-reads them first
                clock.advance(5, TimeUnit.SECONDS);
                assertEquals(want, lo(KernelTestSupport.readFresh(plane, clock, a)).ipv4().retransTimeMs(),
                        "read: re-read when the reading is refreshIntervalMs old");

                // IPv6 ND: the kernel's notification flags the tables for the next refresh
                ns.sysctl(a, "net.ipv6.neigh.lo.base_reachable_time_ms", "45678");
                long want6 = ProcSysOracle.readLong(ns, a, "/proc/sys/net/ipv6/neigh/lo/base_reachable_time_ms");
                assertTrue(KernelTestSupport.await(5_000, () -> plane.refreshPending(a)) >= 0, "IPv6 ND notification seen");
                clock.advance(1, TimeUnit.SECONDS);
                assertEquals(want6, lo(plane.snapshot(a)).ipv6().baseReachableTimeMs(), "IPv6 ND change without polling");
            }
        }
    }

    /**
     * Opening namespaces dumps no neighbour tables for them (the dump walks every device on the host: K²
     * steps for K namespaces); the first read of one refreshes it before answering, fresh or not, and
     * serves the kernel's values; reads after that follow the refresh interval again.
     */
    @Test
    void namespacesOpenWithoutTheNeighbourTableDumpUntilRead() throws Exception {
        try (TestNamespaces ns = new TestNamespaces("ko")) {
            String a = ns.addNamespace("a");
            String b = ns.addNamespace("b");
            ns.sysctl(a, "net.ipv4.neigh.lo.retrans_time_ms", "1700");
            long want = ProcSysOracle.readLong(ns, a, "/proc/sys/net/ipv4/neigh/lo/retrans_time_ms");
            ManualScheduler clock = new ManualScheduler();
            try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, 5000), clock, clock)) {
                clock.runDue();
                assertTrue(plane.awaitAllOpened(10, TimeUnit.SECONDS));
                assertEquals(1, plane.refreshCount(a), "opened and read once");
                assertEquals(plane.refreshCount(""), plane.neighTableDumps(), "only the own namespace's refreshes dumped them");
                assertEquals(-1, lo(plane.snapshot(a)).ipv4().retransTimeMs(), "no ARP parameters before a read");

                long dumps0 = plane.neighTableDumps();
                assertEquals(want, lo(KernelTestSupport.readFresh(plane, clock, a)).ipv4().retransTimeMs(),
                        "the first read, within the refresh interval of the opening, refreshed first");
                assertEquals(2, plane.refreshCount(a));
                assertEquals(dumps0 + 1, plane.neighTableDumps(), "one dump, for the namespace read");
                KernelTestSupport.readFresh(plane, clock, a);
                assertEquals(2, plane.refreshCount(a), "the next read within the interval: no refresh");
                assertEquals(1, plane.refreshCount(b), "the other namespace untouched");
            }
        }
    }

    /**
     * The reading stays incomplete while the first read's refresh runs (a reader racing it waits for it rather
     * than take the reading without neighbour tables), and is no longer once that refresh ended, even failed:
     * a namespace that keeps failing is retried once per interval, not at every read.
     */
    @Test
    void theFirstReadsRefreshEndsTheIncompleteReadingEvenWhenItFails() throws Exception {
        try (TestNamespaces ns = new TestNamespaces("ki")) {
            String a = ns.addNamespace("a");
            ManualScheduler clock = new ManualScheduler();
            try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, 5000), clock, clock)) {
                clock.runDue();
                assertTrue(plane.awaitAllOpened(10, TimeUnit.SECONDS));
                NetnsHandle h = plane.handle(a);
                assertTrue(h.readingIncomplete(), "opened, not read");
                java.util.concurrent.atomic.AtomicBoolean duringRefresh = new java.util.concurrent.atomic.AtomicBoolean();
                h.refreshHook = () -> {
                    duringRefresh.set(h.readingIncomplete());
                    throw new IllegalStateException("test: the first read's refresh fails");
                };
                long refreshes = plane.refreshCount(a);
                KernelTestSupport.readFresh(plane, clock, a);
                assertTrue(duringRefresh.get(), "still incomplete while the first read's refresh runs");
                assertFalse(h.readingIncomplete(), "that refresh ended (failed): no longer incomplete");
                h.refreshHook = () -> { };
                for (int i = 0; i < 5; i++) {
                    KernelTestSupport.readFresh(plane, clock, a);
                }
                assertEquals(refreshes, plane.refreshCount(a), "no refresh per read within the interval after a failure");
                clock.advance(5, TimeUnit.SECONDS);
                assertNotEquals(-1, lo(KernelTestSupport.readFresh(plane, clock, a)).ipv4().retransTimeMs(),
                        "an interval later the read refreshed it, with the neighbour tables");
            }
        }
    }

    private static InterfaceSnapshot lo(NetnsSnapshot s) {
        return s.interfaces().stream().filter(i -> i.name().equals("lo")).findFirst().orElseThrow();
    }
}
