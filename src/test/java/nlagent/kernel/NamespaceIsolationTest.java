package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.model.NetnsSnapshot;
import nlagent.testing.TestNamespaces;
import nlagent.time.ExecutorScheduler;
import nlagent.time.ManualScheduler;
import nlagent.time.Ticker;

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

    /**
     * The same for refreshes run by the kernel scheduler (two threads, as the agent runs it): A's
     * link notifications keep asking for refreshes of A while A's refresh is slow; those requests
     * must not park the second thread behind A, so a link change in B is served within 1 s.
     */
    @Test
    void aSlowNamespaceDoesNotHoldUpAnotherNamespacesRefresh() throws Exception {
        try (TestNamespaces ns = new TestNamespaces("kj");
             ExecutorScheduler scheduler = new ExecutorScheduler("test-kernel", 2)) {
            String a = ns.addNamespace("a");
            String b = ns.addNamespace("b");
            try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, 60_000), Ticker.system(), scheduler)) {
                assertTrue(plane.awaitContext(a, 10, TimeUnit.SECONDS) && plane.awaitContext(b, 10, TimeUnit.SECONDS));
                CountDownLatch inSlowRefresh = new CountDownLatch(1);
                plane.handle(a).refreshHook = () -> {
                    inSlowRefresh.countDown();
                    sleep(SLOW_REFRESH_MS);
                };
                ns.exec(a, "ip", "link", "add", "d1", "type", "veth", "peer", "name", "d1p"); // notification: A refreshed on a scheduler thread
                assertTrue(inSlowRefresh.await(10, TimeUnit.SECONDS));
                plane.handle(a).refreshHook = () -> { };
                ns.exec(a, "ip", "link", "add", "d2", "type", "veth", "peer", "name", "d2p"); // asks for another refresh of A meanwhile
                sleep(600); // that request is due now: it must not take the second thread for the rest of A's refresh
                ns.exec(b, "ip", "link", "add", "e1", "type", "veth", "peer", "name", "e1p");
                long ms = KernelTestSupport.await(1_000, () -> plane.snapshot(b).interfaces().stream()
                        .anyMatch(i -> i.name().equals("e1")));
                assertTrue(ms >= 0, "B's new link not served within 1 s while A's refresh is slow");
                assertTrue(KernelTestSupport.await(SLOW_REFRESH_MS * 3, () -> plane.snapshot(a).interfaces().stream()
                        .anyMatch(i -> i.name().equals("d2"))) >= 0, "A catches up once its slow refresh ends");
            }
        }
    }
}
