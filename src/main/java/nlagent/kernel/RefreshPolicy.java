package nlagent.kernel;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import nlagent.time.Scheduler;
import nlagent.time.Ticker;

/**
 * When namespaces are re-read, on the injected {@link Ticker} and {@link Scheduler} (Caffeine's
 * style: no clock or thread of its own, so a manual scheduler tests it without root).
 *
 * <p>On demand, like snmpd's caches: a read of a namespace whose reading is a refresh interval old
 * or older asks for a refresh ({@link #refreshForRead}) and the reader waits for it, bounded. Nothing
 * re-dumps a namespace nobody reads, the agent's own included: re-dumping the own namespace every
 * interval (megabytes of RTM_GETLINK with 2,000 host-side veths) and every other one at a keep-alive
 * made an idle agent's CPU grow with K (and with K² through the host-wide RTM_GETNEIGHTBL walk).
 * A namespace read continuously is re-dumped at most once per interval: a read within the interval
 * after a refresh started is served without one. An optional keep-alive ({@code idleRefreshIntervalMs}
 * above 0) re-dumps unread namespaces at that period, at phases spread over it.
 *
 * <p>Requested refreshes (notifications): coalesced (one pending per namespace, run after a batch
 * window, as notifications come in bursts), spaced (at least {@link #NOTIFY_MIN_GAP_NANOS} after
 * the last refresh started) and deferred, never queued, behind a refresh that is still running.
 * Directory rescans are coalesced the same way, and run every {@link #RESCAN_PERIOD_MS} besides
 * (inotify reports handles added and removed at once; the listing catches what it cannot see).
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
    /**
     * Period of the directory listing besides inotify: it only catches a handle bind-mounted over in
     * place (no inotify event); a read namespace is checked at its refresh anyway. A listing stats
     * every handle (2,000 stats at K = 2,000), too much to repeat every refresh interval.
     */
    static final long RESCAN_PERIOD_MS = 60_000;
    /** A refresh for a read that finds another refresh of the namespace running looks again after this. */
    static final long READ_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Phases of successive namespaces' keep-alive ticks: fractional golden-ratio steps spread any count evenly. */
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
    /** Refreshes the schedule started (for reads and keep-alives), not notifications: an idle agent starts none. */
    private final LongAdder scheduledRefreshes = new LongAdder();
    private long added;
    private volatile Scheduler.Cancellable rescanTicks;
    private volatile boolean closed;

    /** One namespace's scheduling state. */
    private static final class Entry {
        final AtomicBoolean refreshPending = new AtomicBoolean();
        volatile Scheduler.Cancellable periodic;
        /** The refresh readers wait for; null when none is pending. Guarded by the entry. */
        CompletableFuture<Void> forRead;
    }

    /**
     * @param idleRefreshIntervalMs keep-alive period of unread namespaces; 0: none
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
     * Registers {@code t}. The agent's own namespace (added first, read at start) starts the periodic
     * rescan; with a keep-alive configured, {@code t}'s keep-alive tick starts at a phase spread over
     * the idle interval.
     */
    synchronized void add(T t) {
        Entry e = new Entry();
        entries.put(t, e);
        if (t.ownNamespace() && rescanTicks == null && !closed) {
            long p = TimeUnit.MILLISECONDS.toNanos(RESCAN_PERIOD_MS);
            rescanTicks = scheduler.scheduleWithFixedDelay(rescan, p, p, TimeUnit.NANOSECONDS);
        }
        if (idleNanos > 0) {
            double phase = (added++ * PHASE_STEP) % 1.0;
            long firstNanos = phase == 0 ? idleNanos : Math.max(1, (long) (phase * idleNanos));
            e.periodic = scheduler.scheduleWithFixedDelay(() -> keepAlive(t), firstNanos, idleNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops {@code t}'s tick; a pending requested refresh finds it removed, and its readers stop waiting. */
    void remove(T t) {
        Entry e = entries.remove(t);
        if (e != null) {
            if (e.periodic != null) {
                e.periodic.cancel();
            }
            completeRead(e);
        }
    }

    /** The keep-alive tick: re-reads {@code t} unless something else did within the idle interval. */
    private void keepAlive(T t) {
        if (closed || t.refreshRunning() || t.isClosed()) {
            return; // a running refresh (a slow namespace): the next tick will do
        }
        if (ticker.nanos() - t.lastRefreshStartNanos() >= idleNanos) {
            scheduledRefreshes.increment();
            refresh.accept(t);
        }
    }

    /**
     * A frontend is about to read {@code t}: when its reading is a refresh interval old or older, or
     * incomplete ({@link RefreshTarget#readingIncomplete}), a refresh for the read is started (one at a time; the scheduler runs it) and returned, to be
     * waited for. Null when the reading is fresh enough, when the namespace is unknown, and when a
     * refresh started within the interval but did not give a reading (it failed: retried at most
     * once per interval, not at every read).
     */
    CompletableFuture<Void> refreshForRead(T t) {
        Entry e = entries.get(t);
        if (closed || e == null || t.isClosed()) {
            return null;
        }
        long now = ticker.nanos();
        boolean incomplete = t.readingIncomplete();
        if (!incomplete && now - t.readingStartNanos() < periodNanos) {
            return null;
        }
        CompletableFuture<Void> f;
        synchronized (e) {
            if (e.forRead != null) {
                return e.forRead;
            }
            if (!incomplete && !t.refreshRunning() && now - t.lastRefreshStartNanos() < periodNanos) {
                return null;
            }
            f = new CompletableFuture<>();
            e.forRead = f;
        }
        scheduler.execute(() -> runForRead(t, e, now));
        return f;
    }

    /** {@code askedNanos}: when the read asked; a refresh running that long (a hung namespace) is not waited for. */
    private void runForRead(T t, Entry e, long askedNanos) {
        boolean later = false;
        try {
            if (closed || entries.get(t) != e || t.isClosed()
                    || !t.readingIncomplete() && ticker.nanos() - t.readingStartNanos() < periodNanos) {
                return; // removed, or a refresh that finished meanwhile (a notification's) gave a fresh reading
            }
            if (t.refreshRunning()) {
                // never park a kernel thread behind a slow namespace: look again shortly (its end may be
                // the answer), for one interval at most
                later = ticker.nanos() - askedNanos < periodNanos;
                if (later) {
                    scheduler.schedule(() -> runForRead(t, e, askedNanos), READ_RETRY_NANOS, TimeUnit.NANOSECONDS);
                }
                return;
            }
            scheduledRefreshes.increment();
            refresh.accept(t);
        } finally {
            if (!later) {
                completeRead(e); // readers stop waiting, whatever happened
            }
        }
    }

    private static void completeRead(Entry e) {
        CompletableFuture<Void> f;
        synchronized (e) {
            f = e.forRead;
            e.forRead = null;
        }
        if (f != null) {
            f.complete(null);
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

    /** Refreshes started for reads and keep-alives since start (for tests and benchmarks). */
    long scheduledRefreshes() {
        return scheduledRefreshes.sum();
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
        Scheduler.Cancellable r = rescanTicks;
        if (r != null) {
            r.cancel();
        }
        for (Entry e : entries.values()) {
            if (e.periodic != null) {
                e.periodic.cancel();
            }
            completeRead(e);
        }
    }
}
