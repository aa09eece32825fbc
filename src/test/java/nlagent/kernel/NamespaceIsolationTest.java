package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.model.NetnsSnapshot;
import nlagent.testing.TestNamespaces;
import nlagent.time.ManualScheduler;

/**
 * One namespace never stalls the others (issue 12, item 3): while namespace A's refresh is made
 * slow (a hook holds it for several seconds), a netconf change in A and then one in B arrive; B's
 * reaches its snapshot within 1 s, and A's is in A's snapshot once A's refresh ends.
 */
class NamespaceIsolationTest {
    private static final long SLOW_REFRESH_MS = 5_000;

    @Test
    void aSlowNamespaceDoesNotDelayAnotherNamespacesNotifications() throws Exception {
        try (TestNamespaces ns = new TestNamespaces("ki")) {
            String a = ns.addNamespace("a");
            String b = ns.addNamespace("b");
            ManualScheduler clock = new ManualScheduler();
            try (KernelDataPlane plane = KernelTestSupport.startManual(ns, clock)) {
                assertFalse(plane.snapshot(a).ipv4Forwarding());
                assertFalse(plane.snapshot(b).ipv4Forwarding());
                CountDownLatch inSlowRefresh = new CountDownLatch(1);
                plane.handle(a).refreshHook = () -> {
                    inSlowRefresh.countDown();
                    sleep(SLOW_REFRESH_MS);
                };
                CompletableFuture<NetnsSnapshot> slow = CompletableFuture.supplyAsync(() -> plane.refresh(a));
                assertTrue(inSlowRefresh.await(10, TimeUnit.SECONDS));
                plane.handle(a).refreshHook = () -> { };

                ns.sysctl(a, "net.ipv4.conf.all.forwarding", "1"); // its notification reaches A while A is held
                ns.sysctl(b, "net.ipv4.conf.all.forwarding", "1");
                long ms = KernelTestSupport.await(1_000, () -> plane.snapshot(b).ipv4Forwarding());
                assertTrue(ms >= 0, "B's change not in B's snapshot within 1 s while A's refresh is slow");
                assertFalse(slow.isDone(), "A's refresh was still running (the test measured what it meant to)");

                slow.get(SLOW_REFRESH_MS * 3, TimeUnit.MILLISECONDS);
                assertTrue(plane.snapshot(a).ipv4Forwarding(), "A's change is in A's snapshot after its refresh");
                assertTrue(plane.handle(a).pendingNetconf() == 0, "nothing left behind");
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
