package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * The periodic schedule, deterministic on a manual clock: the own namespace is re-dumped every
 * interval, another namespace only when its context was read since its last refresh or at the slow
 * keep-alive; ticks of different namespaces are spread over the interval; start returns before the
 * other namespaces are opened.
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
    void unreadNamespacesAreNotRedumpedAtTheFastInterval() throws Exception {
        List<String> names = ns.addNamespaces(List.of("a", "b"));
        String a = names.get(0);
        String b = names.get(1);
        ManualScheduler clock = new ManualScheduler();
        try (KernelDataPlane plane = KernelDataPlane.start(config(), clock, clock)) {
            clock.runDue();
            assertEquals(1, plane.refreshCount(a), "first read when opened");
            assertEquals(1, plane.refreshCount(b));
            long own = plane.refreshCount(KernelDataPlane.OWN_CONTEXT);
            long dumps = plane.stats().netlinkDumps();

            clock.advance(5 * INTERVAL_MS, TimeUnit.MILLISECONDS);
            assertEquals(1, plane.refreshCount(a), "unread: no periodic re-dump");
            assertEquals(1, plane.refreshCount(b));
            assertTrue(plane.refreshCount(KernelDataPlane.OWN_CONTEXT) >= own + 5, "own namespace every interval");
            assertTrue(plane.stats().netlinkDumps() >= dumps + 5 * 4, "4 dumps per own refresh");

            plane.accessed(a);
            clock.advance(INTERVAL_MS, TimeUnit.MILLISECONDS);
            assertEquals(2, plane.refreshCount(a), "read since its last refresh: re-dumped at its next tick");
            assertEquals(1, plane.refreshCount(b));
            clock.advance(INTERVAL_MS, TimeUnit.MILLISECONDS);
            assertEquals(2, plane.refreshCount(a), "not read again: not re-dumped again");

            for (int i = 0; i < 3; i++) { // an NMS polling every interval keeps it fresh
                plane.accessed(a);
                clock.advance(INTERVAL_MS, TimeUnit.MILLISECONDS);
            }
            assertEquals(5, plane.refreshCount(a));

            plane.accessed("no-such-context"); // ignored, never throws
            clock.advance(IDLE_MS, TimeUnit.MILLISECONDS); // 60 s + 35 s since b's first read
            assertEquals(2, plane.refreshCount(b), "the keep-alive re-dumps an unread namespace once per idle interval");
            assertEquals(6, plane.refreshCount(a), "a too, once its last read is idle-old");
            assertEquals(0, plane.stats().netlinkErrors());
        }
    }

    @Test
    void ticksOfDifferentNamespacesAreSpreadOverTheInterval() throws Exception {
        List<String> names = ns.addNamespaces(List.of("a", "b", "c"));
        ManualScheduler clock = new ManualScheduler();
        try (KernelDataPlane plane = KernelDataPlane.start(config(), clock, clock)) {
            clock.runDue();
            long step = INTERVAL_MS / 20;
            long[] refreshedAtStep = new long[names.size()];
            for (String n : names) {
                plane.accessed(n);
            }
            for (int s = 1; s <= 20; s++) {
                clock.advance(step, TimeUnit.MILLISECONDS);
                for (int i = 0; i < names.size(); i++) {
                    if (refreshedAtStep[i] == 0 && plane.refreshCount(names.get(i)) == 2) {
                        refreshedAtStep[i] = s;
                    }
                }
            }
            for (int i = 0; i < names.size(); i++) {
                assertNotEquals(0, refreshedAtStep[i], names.get(i) + " re-dumped within one interval of its read");
                for (int j = 0; j < i; j++) {
                    assertNotEquals(refreshedAtStep[i], refreshedAtStep[j], "ticks of " + names.get(i) + " and "
                            + names.get(j) + " fall in one 1/20 of the interval");
                }
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
