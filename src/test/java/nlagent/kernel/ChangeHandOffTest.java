package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * The notification thread's hand-off of changes to namespaces (no root needed): it never waits
 * for a namespace whose refresh is running, that refresh applies the queued changes when it ends,
 * and another namespace's changes apply at once meanwhile.
 */
class ChangeHandOffTest {
    /** Bound on a call that must not wait for anything (it waits for nothing when correct). */
    private static final Duration NO_WAIT = Duration.ofSeconds(5);

    private record Applied(String change, String thread) {
    }

    private static Consumer<List<String>> into(List<Applied> out) {
        return batch -> batch.forEach(c -> out.add(new Applied(c, Thread.currentThread().getName())));
    }

    @Test
    void aChangeToAFreeNamespaceIsAppliedAtOnceOnTheOfferingThread() {
        ChangeHandOff<String> h = new ChangeHandOff<>();
        List<Applied> applied = new CopyOnWriteArrayList<>();
        h.offer("fwd=1", into(applied));
        assertEquals(List.of(new Applied("fwd=1", Thread.currentThread().getName())), applied);
        assertEquals(0, h.pending());
    }

    @Test
    void aSlowRefreshDelaysOnlyItsOwnNamespacesChangesAndAppliesThemWhenItEnds() throws Exception {
        ChangeHandOff<String> slow = new ChangeHandOff<>();
        ChangeHandOff<String> other = new ChangeHandOff<>();
        List<Applied> slowApplied = new CopyOnWriteArrayList<>();
        List<Applied> otherApplied = new CopyOnWriteArrayList<>();
        CountDownLatch inRefresh = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> refresh = new CompletableFuture<>();
        Thread refresher = new Thread(() -> {
            try {
                refresh.complete(slow.runExclusive(() -> {
                    inRefresh.countDown();
                    release.await(); // the slow dumps
                    return "snapshot";
                }, into(slowApplied)));
            } catch (Exception e) {
                refresh.completeExceptionally(e);
            }
        }, "refresh-of-slow");
        refresher.start();
        assertTrue(inRefresh.await(10, TimeUnit.SECONDS));

        // the notification thread: neither offer waits for the held namespace
        assertTimeoutPreemptively(NO_WAIT, () -> slow.offer("slow: fwd=1", into(slowApplied)));
        assertTimeoutPreemptively(NO_WAIT, () -> slow.offer("slow: fwd=0", into(slowApplied)));
        assertTimeoutPreemptively(NO_WAIT, () -> other.offer("other: fwd=1", into(otherApplied)));
        assertEquals(List.of("other: fwd=1"), otherApplied.stream().map(Applied::change).toList(),
                "the other namespace's change is applied at once, by the offering thread");
        assertTrue(!otherApplied.get(0).thread().equals("refresh-of-slow"));
        assertEquals(List.of(), slowApplied, "nothing applied under a running refresh");
        assertEquals(2, slow.pending());

        release.countDown();
        assertEquals("snapshot", refresh.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(new Applied("slow: fwd=1", "refresh-of-slow"), new Applied("slow: fwd=0", "refresh-of-slow")),
                slowApplied, "the refresh applies what came meanwhile, in order, right after its own work");
        assertEquals(0, slow.pending());
    }

    @Test
    void aFailedRefreshStillAppliesTheQueuedChanges() throws Exception {
        ChangeHandOff<String> h = new ChangeHandOff<>();
        List<Applied> applied = new CopyOnWriteArrayList<>();
        try {
            h.runExclusive(() -> {
                Thread t = new Thread(() -> h.offer("fwd=1", into(applied)), "notify");
                t.start();
                t.join();
                throw new java.io.IOException("dump failed");
            }, into(applied));
        } catch (java.io.IOException expected) {
            // the refresh's failure is the caller's business
        }
        assertEquals(List.of("fwd=1"), applied.stream().map(Applied::change).toList());
        assertEquals(0, h.pending());
    }
}
