package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;
import nlagent.netlink.NlBuffers;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;
import nlagent.time.ManualScheduler;

/**
 * Direct memory is owned by threads, not by namespaces: serving 60 more namespaces (opened, dumped,
 * and each one's notification socket read) adds a few hundred bytes of direct memory per namespace
 * (the held sysctl's and the TTL socket's small read buffers), not the 2 × 64 KiB of netlink receive
 * buffers per namespace that took 250 MiB at 2,000 namespaces before (bench/results/evidence-direct-oom).
 */
class NamespaceDirectMemoryTest {
    private static final int FIRST = 10;
    private static final int MORE = 60;
    /** Per added namespace; a netlink receive buffer of its own would be 65,536 bytes. */
    private static final long MAX_DIRECT_BYTES_PER_NAMESPACE = 1024;
    private static final int MTU = 1400;
    private TestNamespaces ns;

    @BeforeEach
    void setUp() {
        Preconditions.assumeRoot();
        ns = new TestNamespaces("dm");
    }

    @AfterEach
    void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    private List<String> create(int from, int count) {
        List<String> suffixes = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            suffixes.add("n" + i);
        }
        return ns.addNamespaces(suffixes);
    }

    /** Opens what the directory holds now, dumps every namespace, and has every notification socket read once. */
    private void serve(KernelDataPlane plane, ManualScheduler clock, List<String> names) throws Exception {
        plane.rescan();
        clock.advance(0, TimeUnit.NANOSECONDS);
        for (String n : names) {
            assertTrue(plane.awaitContext(n, 0, TimeUnit.MILLISECONDS), n + " served");
        }
        plane.refreshAll(); // every namespace's dumps, on this thread
        // a link change in every namespace: the notification thread reads each namespace's socket
        ns.batch(names.stream().map(n -> "netns exec " + n + " ip link set lo mtu " + MTU).toList(), false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> missing = names;
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            clock.advance(500, TimeUnit.MILLISECONDS); // the re-dumps the notifications asked for
            missing = missing.stream().filter(n -> loMtu(plane.snapshot(n)) != MTU).toList();
        }
        assertEquals(List.of(), missing, "namespaces whose lo MTU change was not seen through their notification socket");
    }

    private static int loMtu(NetnsSnapshot s) {
        if (s == null) {
            return -1;
        }
        return s.interfaces().stream().filter(i -> i.name().equals("lo")).mapToInt(InterfaceSnapshot::mtu).findFirst().orElse(-1);
    }

    @Test
    void directMemoryDoesNotGrowPerNamespace() throws Exception {
        List<String> first = create(0, FIRST);
        ManualScheduler clock = new ManualScheduler();
        NlBuffers.ofCurrentThread(); // the dumping thread's buffers exist before either measurement
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, 5_000), clock, clock)) {
            serve(plane, clock, first);
            long before = directBytes();
            List<String> more = create(FIRST, MORE);
            serve(plane, clock, more);
            assertEquals(FIRST + MORE + 1, plane.stats().namespaces());
            long perNamespace = (directBytes() - before) / MORE;
            assertTrue(perNamespace < MAX_DIRECT_BYTES_PER_NAMESPACE,
                    MORE + " more namespaces took " + perNamespace + " bytes of direct memory each");
        }
    }
}
