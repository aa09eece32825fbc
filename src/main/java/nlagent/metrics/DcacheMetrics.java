package nlagent.metrics;

import java.util.OptionalLong;
import java.util.function.Supplier;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import nlagent.health.ChainEstimate;
import nlagent.health.HealthState;
import nlagent.health.HealthStatus;
import nlagent.health.KernelCounters;
import nlagent.health.ProbeStatus;

/**
 * DCACHE-HEALTH-MIB's figures as Prometheus metrics, read from the health monitor's last published
 * {@link HealthStatus} (the same immutable value the SNMP view is built from): a scrape never runs the
 * probe or reads the kernel. Values whose source is unreadable are left out, as the MIB leaves them
 * absent. Labels: {@code path} (the configured probe paths: bounded by the config), {@code cache}
 * (three slab caches), {@code state}/{@code severity}/{@code alarm}/{@code basis} (fixed sets).
 */
final class DcacheMetrics {
    private static final double NANOS = 1e-9;

    private DcacheMetrics() {
    }

    static void register(PrometheusRegistry r, Supplier<HealthStatus> health) {
        // per probe path
        gauge(r, "nlagent_dcache_probe_latency_seconds", "Median stat() latency of the probe path in the last probe run.",
                health, (s, cb) -> s.probes().forEach(p -> emit(cb, p.latencyNanos(), NANOS, label(p))), "path");
        gauge(r, "nlagent_dcache_probe_excess_seconds",
                "Median stat() latency of the probe path minus the control path's, in the same run: the same-name chain's cost.",
                health, (s, cb) -> s.probes().forEach(p -> emit(cb, p.excessNanos(), NANOS, label(p))), "path");
        gauge(r, "nlagent_dcache_probe_chain_entries",
                "Estimated same-name dcache chain entries in front of the agent's own (see nlagent_dcache_probe_chain_basis).",
                health, (s, cb) -> s.probes().forEach(p -> emit(cb, p.chainEstimate(), 1, label(p))), "path");
        gauge(r, "nlagent_dcache_probe_chain_basis",
                "1 for the basis of the chain estimate: cost (excess / per-entry cost) or namespaces (bounded by live namespaces).",
                health, (s, cb) -> s.probes().forEach(p -> {
                    if (p.chain() != null) {
                        for (ChainEstimate.Basis b : ChainEstimate.Basis.values()) {
                            cb.call(p.chain().basis() == b ? 1 : 0, label(p), b.label);
                        }
                    }
                }), "path", "basis");
        gauge(r, "nlagent_dcache_probe_entry_cost_seconds",
                "Per-entry lookup cost behind the estimate: probePerEntryNs, or excess / live namespaces when bounded.",
                health, (s, cb) -> s.probes().forEach(p -> {
                    if (p.chain() != null && p.chain().perEntryNs() > 0) {
                        cb.call(p.chain().perEntryNs() * NANOS, label(p));
                    }
                }), "path");
        gauge(r, "nlagent_dcache_probe_alarm",
                "1 while the path's chain alarm is raised (chainExcessUs: warning, chainExcessCriticalUs: critical; with the agent's hysteresis).",
                health, (s, cb) -> s.probes().forEach(p -> {
                    if (p.kind() == ProbeStatus.Kind.OK) {
                        cb.call(p.alarmed() ? 1 : 0, label(p), "warning");
                        cb.call(p.critical() ? 1 : 0, label(p), "critical");
                    }
                }), "path", "severity");
        gauge(r, "nlagent_dcache_probe_path_present", "1 if the probe path was measurable in the last run, 0 if missing.",
                health, (s, cb) -> s.probes().forEach(p -> {
                    if (p.kind() != ProbeStatus.Kind.NOT_RUN) {
                        cb.call(p.kind() == ProbeStatus.Kind.OK ? 1 : 0, label(p));
                    }
                }), "path");
        // the probe itself
        gauge(r, "nlagent_dcache_probe_control_latency_seconds", "Median stat() latency of the control path in the last probe run.",
                health, (s, cb) -> emit(cb, s.controlLatencyNanos(), NANOS));
        gauge(r, "nlagent_dcache_probe_duration_seconds", "Duration of the last probe run.",
                health, (s, cb) -> emit(cb, s.lastProbeDurationNanos(), NANOS));
        gauge(r, "nlagent_dcache_probe_interval_seconds", "Current delay between probe runs (probeIntervalSeconds, doubled while backing off).",
                health, (s, cb) -> cb.call(s.effectiveIntervalSeconds()));
        counter(r, "nlagent_dcache_probe_runs", "Probe runs since start.", health, (s, cb) -> cb.call(s.probeRuns()));
        counter(r, "nlagent_dcache_probe_backoffs", "Probe runs that went over probeBudgetUs and doubled the interval.",
                health, (s, cb) -> cb.call(s.probeBackoffs()));
        counter(r, "nlagent_dcache_probe_lookups", "Path lookups under /proc/sys made by the health monitor (probe stat()s and opens).",
                health, (s, cb) -> cb.call(s.monitorProcSysLookups()));

        // dentry-state and slabs
        gauge(r, "nlagent_dcache_dentries", "dentry-state nr_dentry.", health, (s, cb) -> emit(cb, s.counters().dentries(), 1));
        gauge(r, "nlagent_dcache_dentries_unused", "dentry-state nr_unused.", health,
                (s, cb) -> emit(cb, s.counters().dentriesUnused(), 1));
        gauge(r, "nlagent_dcache_dentries_negative", "dentry-state nr_negative (Linux 5.0+).", health,
                (s, cb) -> emit(cb, s.counters().dentriesNegative(), 1));
        gauge(r, "nlagent_dcache_dentry_age_limit_seconds", "dentry-state age_limit.", health,
                (s, cb) -> emit(cb, s.counters().ageLimitSeconds(), 1));
        gauge(r, "nlagent_dcache_dentry_want_pages", "dentry-state want_pages.", health,
                (s, cb) -> emit(cb, s.counters().wantPages(), 1));
        gauge(r, "nlagent_dcache_slab_objects", "Active objects of a slab cache (net_namespace counts live and dying namespaces).",
                health, (s, cb) -> {
                    KernelCounters k = s.counters();
                    emit(cb, k.slabDentryObjects(), 1, "dentry");
                    emit(cb, k.slabProcInodeObjects(), 1, "proc_inode_cache");
                    emit(cb, k.slabNetNamespaceObjects(), 1, "net_namespace");
                }, "cache");
        gauge(r, "nlagent_dcache_netns_change_per_second",
                "Change of the live namespace count between the last two samples (births minus deaths), per second.",
                health, (s, cb) -> s.netnsChangePerMinute().ifPresent(v -> cb.call(v / 60.0)));

        // the overall state and the dentry alarms
        gauge(r, "nlagent_dcache_health_state", "1 for the current dcache health state (dcacheHealthState), 0 for the others.",
                health, (s, cb) -> {
                    for (HealthState st : HealthState.values()) {
                        cb.call(s.state() == st ? 1 : 0, st.name().toLowerCase(java.util.Locale.ROOT));
                    }
                }, "state");
        gauge(r, "nlagent_dcache_dentry_alarm", "1 while a dentry-count alarm (dentriesUnused, dentriesNegative) is raised.",
                health, (s, cb) -> {
                    cb.call(s.unusedAlarmed() ? 1 : 0, "unused");
                    cb.call(s.negativeAlarmed() ? 1 : 0, "negative");
                }, "alarm");
    }

    private static String label(ProbeStatus p) {
        return p.path().toString();
    }

    private static void emit(GaugeWithCallback.Callback cb, OptionalLong v, double scale, String... labels) {
        if (v.isPresent()) {
            cb.call(v.getAsLong() * scale, labels);
        }
    }

    /** A callback fed from one read of the current status. */
    interface Reader<C> {
        void read(HealthStatus s, C callback);
    }

    static void gauge(PrometheusRegistry r, String name, String help, Supplier<HealthStatus> health,
                      Reader<GaugeWithCallback.Callback> reader, String... labels) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(labels).callback(cb -> {
            HealthStatus s = health.get();
            if (s != null) {
                reader.read(s, cb);
            }
        }).register(r);
    }

    /** {@code name} without "_total": the client adds it. */
    static void counter(PrometheusRegistry r, String name, String help, Supplier<HealthStatus> health,
                        Reader<CounterWithCallback.Callback> reader, String... labels) {
        CounterWithCallback.builder().name(name).help(help).labelNames(labels).callback(cb -> {
            HealthStatus s = health.get();
            if (s != null) {
                reader.read(s, cb);
            }
        }).register(r);
    }
}
