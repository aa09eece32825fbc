package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.time.ManualScheduler;

/**
 * The refresh schedule without root or kernel: fake namespaces on a manual clock. Periodic ticks
 * (own namespace always, others when read or at the idle keep-alive, phases spread), requested
 * refreshes coalesced, spaced and deferred behind a running refresh, rescans coalesced.
 */
class RefreshPolicyTest {
    private static final long PERIOD_MS = 5_000;
    private static final long IDLE_MS = 60_000;

    private final ManualScheduler clock = new ManualScheduler();
    private int rescans;
    private final RefreshPolicy<Fake> policy = new RefreshPolicy<>(PERIOD_MS, IDLE_MS, clock, clock, this::refresh,
            () -> rescans++);

    /** A namespace as the policy sees it; "refreshing" it records the time. */
    private static final class Fake implements RefreshTarget {
        final String context;
        final boolean own;
        boolean closed;
        boolean running;
        boolean read;
        long lastStartNanos;
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
    }

    private void refresh(Fake f) {
        f.refreshedAt.add(clock.nanos());
        f.lastStartNanos = clock.nanos();
        f.read = false;
    }

    private void advanceMs(long ms) {
        clock.advance(ms, TimeUnit.MILLISECONDS);
    }

    /** A namespace opened (and read once) at the current time. */
    private Fake added(String context, boolean own) {
        Fake f = new Fake(context, own);
        f.lastStartNanos = clock.nanos();
        policy.add(f);
        return f;
    }

    @Test
    void ownNamespaceEveryTickOthersWhenReadOrAtTheIdleKeepAlive() {
        Fake own = added("", true);
        Fake other = added("a", false);
        advanceMs(PERIOD_MS);
        assertEquals(List.of(TimeUnit.MILLISECONDS.toNanos(PERIOD_MS)), own.refreshedAt, "own: a full period after start");
        assertEquals(1, rescans, "the own namespace's tick rescans the directories");
        assertEquals(List.of(), other.refreshedAt, "unread: not at the fast interval");

        other.read = true;
        advanceMs(PERIOD_MS);
        assertEquals(1, other.refreshedAt.size(), "read: at its next tick");
        assertEquals(2, own.refreshedAt.size());

        long readAt = other.refreshedAt.get(0);
        advanceMs(IDLE_MS - PERIOD_MS);
        assertEquals(1, other.refreshedAt.size(), "unread since: nothing before the idle interval");
        advanceMs(PERIOD_MS);
        assertEquals(2, other.refreshedAt.size(), "the keep-alive");
        long gap = other.refreshedAt.get(1) - readAt;
        assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(IDLE_MS) && gap < TimeUnit.MILLISECONDS.toNanos(IDLE_MS + PERIOD_MS),
                "keep-alive gap " + gap + " ns: idle interval, checked at the ticks");
    }

    @Test
    void ticksOfDifferentNamespacesAreSpreadOverTheInterval() {
        added("", true);
        List<Fake> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Fake f = added("n" + i, false);
            f.read = true;
            others.add(f);
        }
        advanceMs(PERIOD_MS);
        Set<Long> firstTicks = new HashSet<>();
        for (Fake f : others) {
            assertEquals(1, f.refreshedAt.size(), f.context);
            long t = f.refreshedAt.get(0);
            assertTrue(t > 0 && t < TimeUnit.MILLISECONDS.toNanos(PERIOD_MS), f.context + " ticks inside the first interval");
            firstTicks.add(t);
        }
        assertEquals(others.size(), firstTicks.size(), "no two namespaces tick at the same instant");
    }

    @Test
    void aTickThatFindsARefreshRunningDoesNothing() {
        Fake own = added("", true);
        own.running = true;
        advanceMs(PERIOD_MS);
        assertEquals(List.of(), own.refreshedAt);
        assertEquals(0, rescans);
        own.running = false;
        advanceMs(PERIOD_MS);
        assertEquals(1, own.refreshedAt.size(), "the next tick does it");
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
        advanceMs(1_000);
        policy.requestRefresh(a);
        policy.remove(a);
        advanceMs(PERIOD_MS);
        assertEquals(List.of(), a.refreshedAt, "neither the pending request nor the tick of a removed namespace");
        assertFalse(policy.refreshPending(a));
        int ownRefreshes = own.refreshedAt.size();
        policy.close();
        policy.requestRefresh(own);
        policy.requestRescan();
        advanceMs(PERIOD_MS * 3);
        assertEquals(ownRefreshes, own.refreshedAt.size());
        assertEquals(0, clock.pendingTasks(), "close cancelled every tick");
    }
}
