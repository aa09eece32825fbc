package nlagent.health;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.event.ListenerList;
import nlagent.mib.MibView;
import nlagent.mib.Notification;
import nlagent.mib.NotificationSink;
import nlagent.mib.ReplacedView;
import nlagent.model.DataPlaneStats;
import nlagent.time.Scheduler;
import nlagent.time.Ticker;

/**
 * The dcache health monitor: samples the kernel counters every {@code sampleIntervalSeconds},
 * runs the lookup probe every {@code probeIntervalSeconds} (doubled on back-off), rebuilds the
 * immutable DCACHE-HEALTH-MIB view after each, and sends a notification per threshold crossing
 * (after the view is rebuilt, so a manager that polls on receipt sees the new state).
 *
 * <pre>
 * HealthMonitor health = HealthMonitor.start(config.health, dataPlane::stats, sink, Ticker.system(), scheduler);
 * MibView view = health.current();   // compose into the default context; re-read after each rebuild
 * health.close();
 * </pre>
 */
public final class HealthMonitor implements ReplacedView, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HealthMonitor.class.getName());

    private final HealthConfig config;
    private final CounterSource counterSource;
    private final ProbeRunner probe;
    private final Supplier<DataPlaneStats> dataPlane;
    private volatile NotificationSink sink;
    private final Ticker ticker;
    private final Scheduler scheduler;
    private final long upTimeOriginNanos;
    private final HealthEvaluator evaluator;
    private final List<AutoCloseable> resources;
    private final Object lock = new Object();
    private final ListenerList<Runnable> viewListeners =
            new ListenerList<>(LOG, "dcache health: view listener");
    private volatile MibView view;
    private volatile HealthStatus status;
    private Scheduler.Cancellable sampleTask;
    private Scheduler.Cancellable probeTask;
    private boolean closed;

    private HealthMonitor(HealthConfig config, CounterSource counterSource, ProbeRunner probe, IoCounters io,
                          Supplier<DataPlaneStats> dataPlane, NotificationSink sink, Ticker ticker,
                          Scheduler scheduler, long upTimeOriginNanos, List<AutoCloseable> resources) {
        this.config = config;
        this.counterSource = counterSource;
        this.probe = probe;
        this.dataPlane = dataPlane;
        this.sink = sink;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.upTimeOriginNanos = upTimeOriginNanos;
        this.resources = resources;
        this.evaluator = new HealthEvaluator(config, io, ticker.nanos());
    }

    /**
     * Starts the monitor on the running kernel: held fds on dentry-state and the slab counts, the
     * stat() probe on the configured paths. The first sample and probe run are scheduled at once;
     * until then the view serves state unknown. TimeStamps count from now.
     *
     * @param dataPlane the data plane's own figures (may return null: those objects are then absent)
     * @param sink      where notifications go; may be null and set later with {@link #setNotificationSink}
     */
    public static HealthMonitor start(HealthConfig config, Supplier<DataPlaneStats> dataPlane, NotificationSink sink,
                                      Ticker ticker, Scheduler scheduler) {
        return start(config, dataPlane, sink, ticker, scheduler, ticker.nanos());
    }

    /** As {@link #start(HealthConfig, Supplier, NotificationSink, Ticker, Scheduler)}, with the agent's sysUpTime origin for TimeStamps. */
    public static HealthMonitor start(HealthConfig config, Supplier<DataPlaneStats> dataPlane, NotificationSink sink,
                                      Ticker ticker, Scheduler scheduler, long upTimeOriginNanos) {
        IoCounters io = new IoCounters();
        KernelCounterReader counters = KernelCounterReader.forRunningKernel(config, io);
        StatProbe probe = StatProbe.fromConfig(config, io);
        return start(config, counters, probe, io, dataPlane, sink, ticker, scheduler, upTimeOriginNanos,
                List.of(counters, probe));
    }

    /**
     * For {@code nlagent run}: the monitor on its own single daemon thread (a slow probe never
     * delays the data plane or a request), closed with the monitor.
     *
     * @param upTimeOriginNanos the agent's sysUpTime origin on {@link Ticker#system()}
     */
    public static HealthMonitor startOnOwnThread(HealthConfig config, Supplier<DataPlaneStats> dataPlane,
                                                 NotificationSink sink, long upTimeOriginNanos) {
        nlagent.time.ExecutorScheduler thread = new nlagent.time.ExecutorScheduler("nlagent-health", 1);
        IoCounters io = new IoCounters();
        KernelCounterReader counters = KernelCounterReader.forRunningKernel(config, io);
        StatProbe probe = StatProbe.fromConfig(config, io);
        // the thread is closed first, so no run is under way when the fds close
        return start(config, counters, probe, io, dataPlane, sink, Ticker.system(), thread, upTimeOriginNanos,
                List.of(thread, counters, probe));
    }

    /** With injected sources (tests: fake samples; benchmarks). {@code resources} are closed by {@link #close()}. */
    public static HealthMonitor start(HealthConfig config, CounterSource counters, ProbeRunner probe, IoCounters io,
                                      Supplier<DataPlaneStats> dataPlane, NotificationSink sink, Ticker ticker,
                                      Scheduler scheduler, long upTimeOriginNanos, List<AutoCloseable> resources) {
        HealthMonitor m = new HealthMonitor(config, counters, probe, io, dataPlane, sink, ticker, scheduler,
                upTimeOriginNanos, List.copyOf(resources));
        synchronized (m.lock) {
            m.publish(m.readDataPlane());
            m.sampleTask = scheduler.scheduleWithFixedDelay(m::sampleCounters, 0, config.sampleIntervalSeconds(),
                    TimeUnit.SECONDS);
            if (config.probeEnabled()) {
                m.probeTask = scheduler.schedule(m::runProbe, 0, TimeUnit.SECONDS);
            }
        }
        return m;
    }

    /** The current DCACHE-HEALTH-MIB view (immutable; replaced after every sample and probe run). */
    @Override
    public MibView current() {
        return view;
    }

    /**
     * Calls {@code listener} after each new view replaced the old one (on the monitor's thread; keep
     * it short), e.g. to rebuild a cached composite of the default context.
     */
    @Override
    public void onReplaced(Runnable listener) {
        viewListeners.add(listener);
    }

    /**
     * Sets (or replaces) where notifications go, for a frontend that starts after the monitor. Until
     * a sink is set, crossings change the state objects but send nothing (dcacheHealthState and
     * dcacheHealthLastChange let a manager reconcile).
     */
    public void setNotificationSink(NotificationSink sink) {
        this.sink = sink;
    }

    /** The current status (what the view was built from). */
    public HealthStatus status() {
        return status;
    }

    private void sampleCounters() {
        List<Notification> out;
        synchronized (lock) {
            if (closed) {
                return;
            }
            KernelCounters k = counterSource.read();
            DataPlaneStats d = readDataPlane();
            List<AlarmEvent> events = evaluator.onCounters(k, d, ticker.nanos());
            out = publishAndNotify(events, d);
        }
        send(out);
    }

    private void runProbe() {
        List<Notification> out;
        synchronized (lock) {
            if (closed) {
                return;
            }
            ProbeRun run = probe.run();
            List<AlarmEvent> events = evaluator.onProbe(run, ticker.nanos());
            out = publishAndNotify(events, readDataPlane());
            // self-rescheduling rather than fixed-rate: the back-off changes the next delay
            probeTask = scheduler.schedule(this::runProbe, evaluator.effectiveIntervalSeconds(), TimeUnit.SECONDS);
        }
        send(out);
    }

    private List<Notification> publishAndNotify(List<AlarmEvent> events, DataPlaneStats d) {
        HealthStatus s = publish(d);
        return events.stream().map(e -> HealthNotifications.of(e, s, config)).toList();
    }

    private HealthStatus publish(DataPlaneStats d) {
        HealthStatus s = evaluator.status(d);
        status = s;
        view = HealthView.build(s, config, upTimeOriginNanos);
        return s;
    }

    private DataPlaneStats readDataPlane() {
        try {
            return dataPlane == null ? null : dataPlane.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dcache health: data plane figures unavailable: " + e);
            return null;
        }
    }

    private void send(List<Notification> notifications) {
        viewListeners.fire(Runnable::run);
        NotificationSink target = sink;
        if (target == null) {
            if (!notifications.isEmpty()) {
                LOG.fine(() -> "dcache health: no notification sink yet, " + notifications.size() + " not sent");
            }
            return;
        }
        for (Notification n : notifications) {
            try {
                target.send(n);
            } catch (RuntimeException e) {
                // a broken target must not stop the monitor; the state objects still tell the story
                LOG.log(Level.WARNING, "dcache health: notification " + n.trapOid() + " not sent: " + e, e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (sampleTask != null) {
                sampleTask.cancel();
            }
            if (probeTask != null) {
                probeTask.cancel();
            }
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "close " + r + ": " + e);
                }
            }
        }
    }
}
