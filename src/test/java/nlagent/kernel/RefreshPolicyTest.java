package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.time.ManualScheduler;

/**
 * The refresh schedule without root or kernel: fake namespaces on a manual clock. Refreshes on
 * demand (a read of a stale namespace, shared by concurrent readers, at most one per interval,
 * never parking a thread behind a running refresh), no re-dump of what nobody reads, the optional
 * keep-alive (phases spread), requested refreshes coalesced, spaced and deferred behind a running
 * refresh, rescans coalesced and periodic.
 */
class RefreshPolicyTest {
    private static final long PERIOD_MS = 5_000;
    private static final long IDLE_MS = 60_000;

    private final ManualScheduler clock = new ManualScheduler();
    private int rescans;
    private RefreshPolicy<Fake> policy = new RefreshPolicy<>(PERIOD_MS, 0, clock, clock, this::refresh, () -> rescans++);

    /** A namespace as the policy sees it; "refreshing" it records the time. */
    private static final class Fake implements RefreshTarget {
        final String context;
        final boolean own;
        boolean closed;
        boolean running;
        boolean read;
        boolean failing;
        /** Like NetnsHandle's reading without neighbour tables: until a refresh for a read has tried. */
        boolean incomplete;
        long lastStartNanos;
        long readingStartNanos;
        final List<Long> refreshedAt = new ArrayList<>();

        Fake(String context, boolean own) {
            this.context = context;
            this.own = own;
        }

        @Override
        public String context() {
            return context;
        }

        @Override
        public boolean ownNamespace() {
            return own;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public boolean refreshRunning() {
            return running;
        }

        @Override
        public boolean readSinceRefresh() {
            return read;
        }

        @Override
        public long lastRefreshStartNanos() {
            return lastStartNanos;
        }

        @Override
        public long readingStartNanos() {
            return readingStartNanos;
        }

        @Override
        public boolean readingIncomplete() {
            return incomplete;
        }
    }

    private void refresh(Fake f) {
        if (f.read) {
            f.incomplete = false; // tried for a read, failing or not
        }
        f.refreshedAt.add(clock.nanos());
        f.lastStartNanos = clock.nanos();
        if (!f.failing) {
            f.readingStartNanos = f.lastStartNanos;
        }
        f.read = false;
    }

    private void advanceMs(long ms) {
        clock.advance(ms, TimeUnit.MILLISECONDS);
    }

    /** A namespace opened (and read once) at the current time. */
    private Fake added(String context, boolean own) {
        Fake f = new Fake(context, own);
        f.lastStartNanos = clock.nanos();
        f.readingStartNanos = f.lastStartNanos;
        policy.add(f);
        return f;
    }

    @Test
    void nothingIsRefreshedThatNobodyReadsNotEvenTheOwnNamespace() {
        Fake own = added("", true);
        Fake other = added("a", false);
        advanceMs(RefreshPolicy.RESCAN_PERIOD_MS - 1);
        assertEquals(List.of(), own.refreshedAt);
        assertEquals(List.of(), other.refreshedAt);
        assertEquals(0, rescans, "no listing before the rescan period");
        advanceMs(1);
        assertEquals(1, rescans, "the periodic listing of the directories");
        advanceMs(10 * RefreshPolicy.RESCAN_PERIOD_MS);
        assertEquals(List.of(), own.refreshedAt);
        assertEquals(List.of(), other.refreshedAt);
        assertEquals(11, rescans);
    }

    @Test
    void theFirstReadOfAnIncompleteReadingRefreshesItWhateverItsAgeAndOnlyOnce() {
        added("", true);
        Fake a = added("a", false);
        a.incomplete = true;
        a.failing = true; // even a refresh that fails is not retried per read
        a.read = true; // as KernelDataPlane.awaitFresh marks it
        CompletableFuture<Void> f = policy.refreshForRead(a);
        assertNotNull(f, "opened just now, but incomplete: refreshed for the read");
        clock.runDue();
        assertTrue(f.isDone());
        assertEquals(1, a.refreshedAt.size());
        assertFalse(a.incomplete);
        for (int i = 0; i < 10; i++) {
            a.read = true;
            assertNull(policy.refreshForRead(a), "tried: retried once per interval, as any failed refresh");
            advanceMs(PERIOD_MS / 20);
        }
        assertEquals(1, a.refreshedAt.size());
    }

    @Test
    void aReadOfAStaleNamespaceRefreshesItOnceForEveryReaderAndThenNotWithinTheInterval() {
        Fake own = added("", true);
        Fake a = added("a", false);
        assertNull(policy.refreshForRead(a), "read when opened: fresh");
        advanceMs(PERIOD_MS - 1);
        assertNull(policy.refreshForRead(a), "younger than the interval: served as it is");
        advanceMs(1);
        CompletableFuture<Void> first = policy.refreshForRead(a);
        assertNotNull(first, "an interval old: refreshed for the read");
        assertSame(first, policy.refreshForRead(a), "a second reader waits for the same refresh");
        assertFalse(first.isDone(), "runs on the scheduler, not on the reader's thread");
        clock.runDue();
        assertTrue(first.isDone());
        assertEquals(List.of(clock.nanos()), a.refreshedAt);
        assertEquals(List.of(), own.refreshedAt, "only the namespace read");
        for (int i = 0; i < 10; i++) { // a walk: many reads within the interval
            assertNull(policy.refreshForRead(a));
            advanceMs(PERIOD_MS / 20);
        }
        assertEquals(1, a.refreshedAt.size(), "a namespace read continuously: at most one refresh per interval");
        advanceMs(PERIOD_MS / 2);
        assertNotNull(policy.refreshForRead(a));
        clock.runDue();
        assertEquals(2, a.refreshedAt.size());
    }

    @Test
    void aFailedRefreshIsRetriedByReadsAtMostOncePerInterval() {
        Fake a = added("a", false);
        a.failing = true;
        advanceMs(PERIOD_MS);
        CompletableFuture<Void> f = policy.refreshForRead(a);
        clock.runDue();
        assertTrue(f.isDone(), "readers stop waiting when the refresh fails");
        assertEquals(1, a.refreshedAt.size());
        assertNull(policy.refreshForRead(a), "no retry at every read");
        advanceMs(PERIOD_MS);
        assertNotNull(policy.refreshForRead(a), "one interval later");
    }

    @Test
    void aReadThatFindsARefreshRunningWaitsForItsEndWithoutParkingAThreadOrRefreshingTwice() {
        Fake a = added("a", false);
        advanceMs(PERIOD_MS);
        a.running = true; // e.g. a notification's refresh started just now
        a.lastStartNanos = clock.nanos();
        CompletableFuture<Void> f = policy.refreshForRead(a);
        assertNotNull(f, "the reading served now is stale: wait for the running refresh");
        clock.runDue();
        assertFalse(f.isDone());
        assertEquals(1, clock.pendingTasks(), "the task came back later instead of waiting on the namespace");
        a.running = false; // the running refresh ends with a fresh reading
        a.readingStartNanos = a.lastStartNanos;
        clock.advance(RefreshPolicy.READ_RETRY_NANOS, TimeUnit.NANOSECONDS);
        assertTrue(f.isDone());
        assertEquals(List.of(), a.refreshedAt, "no second refresh");
    }

    @Test
    void aReadOfANamespaceWhoseRefreshHangsStopsWaitingAfterAnInterval() {
        Fake a = added("a", false);
        advanceMs(PERIOD_MS);
        a.running = true;
        CompletableFuture<Void> f = policy.refreshForRead(a);
        advanceMs(PERIOD_MS - 1);
        assertFalse(f.isDone());
        advanceMs(1);
        assertTrue(f.isDone(), "given up: the readers answer from the snapshot they have");
        assertEquals(0, clock.pendingTasks(), "no retry left behind");
    }

    @Test
    void theKeepAliveWhenConfiguredRefreshesUnreadNamespacesAtSpreadPhases() {
        policy = new RefreshPolicy<>(PERIOD_MS, IDLE_MS, clock, clock, this::refresh, () -> rescans++);
        added("", true);
        List<Fake> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(added("n" + i, false));
        }
        advanceMs(2 * IDLE_MS); // the first tick after opening finds the opening read not idle-old yet
        Set<Long> firstTicks = new HashSet<>();
        long idle = TimeUnit.MILLISECONDS.toNanos(IDLE_MS);
        for (Fake f : others) {
            assertEquals(1, f.refreshedAt.size(), f.context);
            long t = f.refreshedAt.get(0);
            assertTrue(t >= idle && t <= 2 * idle, f.context + " re-dumped inside the second idle interval");
            firstTicks.add(t);
        }
        assertEquals(others.size(), firstTicks.size(), "no two namespaces tick at the same instant");
        advanceMs(IDLE_MS);
        for (Fake f : others) {
            assertEquals(2, f.refreshedAt.size(), f.context + ": once per idle interval");
        }
    }

    @Test
    void requestsInOneBatchWindowBecomeOneRefresh() {
        Fake f = added("a", false);
        advanceMs(1_000); // past the minimum gap since its opening read
        for (int i = 0; i < 5; i++) {
            policy.requestRefresh(f);
        }
        assertTrue(policy.refreshPending(f));
        clock.advance(RefreshPolicy.NOTIFY_BATCH_NANOS - 1, TimeUnit.NANOSECONDS);
        assertEquals(List.of(), f.refreshedAt, "not before the batch window closes");
        clock.advance(1, TimeUnit.NANOSECONDS);
        assertEquals(1, f.refreshedAt.size(), "five requests, one refresh");
        assertFalse(policy.refreshPending(f));
        advanceMs(1_000);
        assertEquals(1, f.refreshedAt.size());
    }

    @Test
    void aRequestRightAfterARefreshWaitsForTheMinimumGap() {
        Fake f = added("a", false);
        long opened = clock.nanos();
        policy.requestRefresh(f);
        clock.advance(RefreshPolicy.NOTIFY_MIN_GAP_NANOS - 1, TimeUnit.NANOSECONDS);
        assertEquals(List.of(), f.refreshedAt, "not within the gap after the last refresh started");
        clock.advance(1, TimeUnit.NANOSECONDS);
        assertEquals(List.of(opened + RefreshPolicy.NOTIFY_MIN_GAP_NANOS), f.refreshedAt);
    }

    @Test
    void aRequestThatFindsARefreshRunningComesBackAfterTheGapInsteadOfWaiting() {
        Fake f = added("a", false);
        advanceMs(1_000);
        policy.requestRefresh(f);
        f.running = true;
        clock.advance(RefreshPolicy.NOTIFY_BATCH_NANOS, TimeUnit.NANOSECONDS);
        assertEquals(List.of(), f.refreshedAt, "no refresh while one runs");
        assertTrue(policy.refreshPending(f), "requested again");
        f.running = false;
        long deferredAt = clock.nanos();
        clock.advance(RefreshPolicy.NOTIFY_MIN_GAP_NANOS, TimeUnit.NANOSECONDS);
        assertEquals(List.of(deferredAt + RefreshPolicy.NOTIFY_MIN_GAP_NANOS), f.refreshedAt);
    }

    @Test
    void rescanRequestsCoalesceAndARetryWaits() {
        policy.requestRescan();
        policy.requestRescan();
        clock.runDue();
        assertEquals(1, rescans);
        policy.retryRescan();
        policy.requestRescan();
        advanceMs(RefreshPolicy.RETRY_RESCAN_MS - 1);
        assertEquals(1, rescans, "a pending retry absorbs the request");
        advanceMs(1);
        assertEquals(2, rescans);
    }

    @Test
    void removedOrClosedNothingRuns() {
        Fake own = added("", true);
        Fake a = added("a", false);
        a.read = true;
        advanceMs(PERIOD_MS);
        policy.requestRefresh(a);
        CompletableFuture<Void> reader = policy.refreshForRead(a);
        policy.remove(a);
        assertTrue(reader.isDone(), "a reader of a removed namespace stops waiting");
        advanceMs(PERIOD_MS);
        assertEquals(List.of(), a.refreshedAt, "neither the pending request nor the tick of a removed namespace");
        assertFalse(policy.refreshPending(a));
        int ownRefreshes = own.refreshedAt.size();
        policy.close();
        assertNull(policy.refreshForRead(own));
        policy.requestRefresh(own);
        policy.requestRescan();
        advanceMs(PERIOD_MS * 3);
        assertEquals(ownRefreshes, own.refreshedAt.size());
        assertEquals(0, clock.pendingTasks(), "close cancelled every tick, the rescan's too");
    }
}
