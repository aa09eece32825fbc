package nlagent.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import nlagent.time.Scheduler;
import nlagent.time.Ticker;

/**
 * When namespaces are re-read, on the injected {@link Ticker} and {@link Scheduler} (Caffeine's
 * style: no clock or thread of its own, so a manual scheduler tests it without root).
 *
 * <p>Periodic schedule: each namespace has its own tick every refresh interval, at a phase spread
 * over the interval (a sweep never re-dumps every namespace at one instant). A tick re-reads the
 * agent's own namespace always, another namespace only if its context was read since its last
 * refresh or its last refresh is the idle interval old; a tick that finds a refresh still running
 * does nothing (the next tick will do). Re-dumping every namespace every interval made an idle
 * agent's CPU grow with K² (the RTM_GETNEIGHTBL dump walks every device on the host).
 *
 * <p>Requested refreshes (notifications): coalesced (one pending per namespace, run after a batch
 * window, as notifications come in bursts), spaced (at least {@link #NOTIFY_MIN_GAP_NANOS} after
 * the last refresh started) and deferred, never queued, behind a refresh that is still running.
 * Directory rescans are coalesced the same way.
 *
 * @param <T> the per-namespace handle
 */
final class RefreshPolicy<T extends RefreshTarget> {
    /** Notifications come in bursts (a pod start is a dozen messages): gather them before re-dumping. */
    static final long NOTIFY_BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * At most one notification-driven re-dump per namespace per this gap: on a host with link churn
     * the root namespace (thousands of links, megabytes per dump) would otherwise be re-dumped
     * back to back. Well inside the 1 s freshness the agent promises.
     */
    static final long NOTIFY_MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Retry delay of a rescan that found a namespace not readable yet. */
    static final long RETRY_RESCAN_MS = 250;
    /** Phases of successive namespaces' ticks: fractional golden-ratio steps spread any count evenly. */
    private static final double PHASE_STEP = 0.6180339887498949;

    private final long periodNanos;
    private final long idleNanos;
    private final Ticker ticker;
    private final Scheduler scheduler;
    private final Consumer<T> refresh;
    private final Runnable rescan;
    /** Keyed by identity: handles do not define equality. */
    private final Map<T, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean rescanPending = new AtomicBoolean();
    private long added;
    private volatile boolean closed;

    /** One namespace's scheduling state. */
    private static final class Entry {
        final AtomicBoolean refreshPending = new AtomicBoolean();
        volatile Scheduler.Cancellable periodic;
    }

    /**
     * @param refresh re-reads one namespace on the calling thread (a scheduler thread)
     * @param rescan  lists the namespace directories on the calling thread
     */
    RefreshPolicy(long refreshIntervalMs, long idleRefreshIntervalMs, Ticker ticker, Scheduler scheduler,
                  Consumer<T> refresh, Runnable rescan) {
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(refreshIntervalMs);
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleRefreshIntervalMs);
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.refresh = refresh;
        this.rescan = rescan;
    }

    /**
     * Starts {@code t}'s periodic tick: the first namespace added (the agent's own, read at start)
     * ticks a full period from now, the following ones at phases spread over the period.
     */
    synchronized void add(T t) {
        Entry e = new Entry();
        entries.put(t, e);
        double phase = (added++ * PHASE_STEP) % 1.0;
        long firstNanos = phase == 0 ? periodNanos : Math.max(1, (long) (phase * periodNanos));
        e.periodic = scheduler.scheduleWithFixedDelay(() -> tick(t), firstNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops {@code t}'s tick; a pending requested refresh finds it closed. */
    void remove(T t) {
        Entry e = entries.remove(t);
        if (e != null && e.periodic != null) {
            e.periodic.cancel();
        }
    }

    /** One namespace's periodic tick: see the class comment for when it re-reads. */
    private void tick(T t) {
        if (closed || t.refreshRunning() || t.isClosed()) {
            return; // a running refresh (a slow namespace): its next tick will do
        }
        if (t.ownNamespace()) {
            rescan.run(); // the directories are watched; this catches what inotify cannot (a bind mount replaced)
        }
        if (t.ownNamespace() || t.readSinceRefresh() || ticker.nanos() - t.lastRefreshStartNanos() >= idleNanos) {
            refresh.accept(t);
        }
    }

    /** Re-reads {@code t} after the batch window (and the minimum gap), unless a request is already pending. */
    void requestRefresh(T t) {
        requestRefresh(t, NOTIFY_BATCH_NANOS);
    }

    private void requestRefresh(T t, long minDelayNanos) {
        Entry e = entries.get(t);
        if (closed || e == null || !e.refreshPending.compareAndSet(false, true)) {
            return;
        }
        long sinceLast = ticker.nanos() - t.lastRefreshStartNanos();
        long delay = Math.max(minDelayNanos, NOTIFY_MIN_GAP_NANOS - sinceLast);
        scheduler.schedule(() -> {
            e.refreshPending.set(false);
            if (closed || entries.get(t) != e || t.isClosed()) {
                return; // removed meanwhile
            }
            if (t.refreshRunning()) {
                // never park a kernel thread behind a slow namespace: the others' refreshes need it.
                // Come back after the running refresh (which may have dumped before this change).
                requestRefresh(t, NOTIFY_MIN_GAP_NANOS);
                return;
            }
            refresh.accept(t);
        }, delay, TimeUnit.NANOSECONDS);
    }

    /** Whether a requested refresh of {@code t} is scheduled and not yet run. */
    boolean refreshPending(T t) {
        Entry e = entries.get(t);
        return e != null && e.refreshPending.get();
    }

    /** Rescans the directories as soon as the scheduler can, unless a rescan is already pending. */
    void requestRescan() {
        requestRescanIn(0);
    }

    /** Rescans after {@link #RETRY_RESCAN_MS}: a namespace was not readable yet. */
    void retryRescan() {
        requestRescanIn(RETRY_RESCAN_MS);
    }

    private void requestRescanIn(long delayMs) {
        if (!closed && rescanPending.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                rescanPending.set(false);
                rescan.run();
            }, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops every tick; later requests are ignored. */
    void close() {
        closed = true;
        for (Entry e : entries.values()) {
            if (e.periodic != null) {
                e.periodic.cancel();
            }
        }
    }
}
