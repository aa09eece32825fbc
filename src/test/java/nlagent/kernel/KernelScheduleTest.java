package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nlagent.config.ConfigLine;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;
import nlagent.time.ManualScheduler;

/**
 * The schedule, deterministic on a manual clock: nothing nobody reads is re-dumped, the own
 * namespace included; a read of a namespace whose reading is an interval old re-dumps it first;
 * the keep-alive re-dumps unread namespaces only when configured; start returns before the other
 * namespaces are opened.
 */
class KernelScheduleTest {
    private static final long INTERVAL_MS = 5_000;
    private static final long IDLE_MS = 60_000;
    private TestNamespaces ns;

    @BeforeEach
    void setUp() {
        Preconditions.assumeRoot();
        ns = new TestNamespaces("ks");
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    private KernelConfig config() throws Exception {
        KernelConfig c = KernelTestSupport.config(ns, INTERVAL_MS);
        c.accept(new ConfigLine("test", 4, "idleRefreshIntervalMs", List.of(String.valueOf(IDLE_MS))));
        return c;
    }

    @Test
    void nothingNobodyReadsIsRedumpedAndAReadOfAStaleNamespaceRefreshesItFirst() throws Exception {
        List<String> names = ns.addNamespaces(List.of("a", "b"));
        String a = names.get(0);
        String b = names.get(1);
        String own = KernelDataPlane.OWN_CONTEXT;
        ManualScheduler clock = new ManualScheduler();
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, INTERVAL_MS), clock, clock)) {
            clock.runDue();
            assertEquals(1, plane.refreshCount(a), "first read when opened");
            assertEquals(1, plane.refreshCount(b));
            long scheduled = plane.scheduledRefreshes();

            clock.advance(5 * INTERVAL_MS, TimeUnit.MILLISECONDS);
            assertEquals(1, plane.refreshCount(a), "unread: no periodic re-dump");
            assertEquals(1, plane.refreshCount(b));
            // the own namespace is the host's: others' link changes there refresh it by notification
            assertEquals(scheduled, plane.scheduledRefreshes(), "the schedule re-dumped nothing, the own namespace neither");

            KernelTestSupport.readFresh(plane, clock, a);
            assertEquals(2, plane.refreshCount(a), "a read of a stale namespace re-dumps it before it is answered");
            assertEquals(1, plane.refreshCount(b), "only the namespace read");
            KernelTestSupport.readFresh(plane, clock, a);
            clock.advance(INTERVAL_MS - 1, TimeUnit.MILLISECONDS);
            KernelTestSupport.readFresh(plane, clock, a);
            assertEquals(2, plane.refreshCount(a), "reads within the interval are served as they are");
            clock.advance(1, TimeUnit.MILLISECONDS);
            KernelTestSupport.readFresh(plane, clock, a);
            assertEquals(3, plane.refreshCount(a), "one interval later: re-dumped again");

            assertEquals(0, plane.staleReads(), "every read waited for its refresh");
            KernelTestSupport.readFresh(plane, clock, own); // may outlast FRESH_WAIT_MS on a host with thousands of links
            assertTrue(clock.nanos() - plane.handle(own).readingStartNanos() < TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS),
                    "the own namespace (default context) is served fresh the same way");
            plane.awaitFresh("no-such-context"); // ignored, never throws or waits
            assertEquals(0, plane.stats().netlinkErrors());
        }
    }

    @Test
    void theKeepAliveWhenConfiguredRedumpsUnreadNamespaces() throws Exception {
        List<String> names = ns.addNamespaces(List.of("a", "b"));
        ManualScheduler clock = new ManualScheduler();
        try (KernelDataPlane plane = KernelDataPlane.start(config(), clock, clock)) {
            clock.runDue();
            clock.advance(2 * IDLE_MS, TimeUnit.MILLISECONDS);
            for (String n : names) {
                assertTrue(plane.refreshCount(n) >= 2, n + ": re-dumped within two idle intervals");
                assertTrue(plane.refreshCount(n) <= 3, n + ": at most once per idle interval");
            }
        }
    }

    @Test
    void startReturnsWithTheOwnNamespaceAndOpensTheOthersInTheBackground() throws Exception {
        List<String> suffixes = new java.util.ArrayList<>();
        for (int i = 0; i < KernelDataPlane.OPEN_BATCH + 8; i++) {
            suffixes.add("n" + i);
        }
        List<String> names = ns.addNamespaces(suffixes);
        ManualScheduler clock = new ManualScheduler();
        nlagent.netlink.NlBuffers.ofCurrentThread(); // this thread's dump buffers, before the baseline
        long directBefore = directBytes();
        try (KernelDataPlane plane = KernelDataPlane.start(config(), clock, clock)) {
            assertNotNull(plane.snapshot(KernelDataPlane.OWN_CONTEXT), "own namespace read before start returns");
            assertEquals(1, plane.stats().namespaces(), "no other namespace opened by start itself");
            assertNull(plane.snapshot(names.get(0)));
            assertTrue(!plane.awaitContext(names.get(0), 50, TimeUnit.MILLISECONDS), "nothing runs until the scheduler does");

            clock.advance(0, TimeUnit.NANOSECONDS); // one pass: batch after batch, each its own task
            assertEquals(names.size() + 1, plane.stats().namespaces());
            for (String n : names) {
                assertTrue(plane.awaitContext(n, 0, TimeUnit.MILLISECONDS), n);
            }
            // two sockets per namespace own no receive buffer: one poller buffer (64 KiB) plus small change,
            // where a 64 KiB buffer per socket would be 5 MiB here
            long grown = directBytes() - directBefore;
            assertTrue(grown < 512 * 1024, (names.size() + 1) + " namespaces took " + grown + " bytes of direct memory");
        }
    }

    private static long directBytes() {
        return java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)
                .stream().filter(b -> b.getName().equals("direct")).mapToLong(b -> b.getMemoryUsed()).sum();
    }

    @Test
    void openingInBatchesLetsOtherTasksRunBetween() throws Exception {
        List<String> suffixes = new java.util.ArrayList<>();
        for (int i = 0; i < KernelDataPlane.OPEN_BATCH * 2 + 1; i++) {
            suffixes.add("n" + i);
        }
        ns.addNamespaces(suffixes);
        ManualScheduler clock = new ManualScheduler();
        try (KernelDataPlane plane = KernelDataPlane.start(config(), clock, clock)) {
            int[] seenAt = new int[1];
            // queued behind the first batch: it must see some, not all, namespaces opened
            clock.execute(() -> seenAt[0] = plane.stats().namespaces());
            clock.runDue();
            assertEquals(KernelDataPlane.OPEN_BATCH + 1, seenAt[0], "one batch (+ own) before the other task ran");
            assertEquals(suffixes.size() + 1, plane.stats().namespaces());
        }
    }
}
