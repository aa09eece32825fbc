package nlagent.metrics;

import static nlagent.metrics.DcacheMetrics.counter;
import static nlagent.metrics.DcacheMetrics.gauge;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import nlagent.health.HealthStatus;
import nlagent.model.DataPlaneStats;

/**
 * The agent's own figures: the data plane's self-accounting as the health monitor last sampled it
 * (the {@link DataPlaneStats} that DCACHE-HEALTH-MIB's agent objects serve, at most
 * sampleIntervalSeconds old), and each frontend's counters read at scrape time. Nothing here makes a
 * system call.
 */
final class AgentMetrics {
    private static final double NANOS = 1e-9;

    private AgentMetrics() {
    }

    static void register(PrometheusRegistry r, Supplier<HealthStatus> health, List<FrontendStats> frontends,
                         AgentxStats agentx) {
        plane(r, health, "nlagent_netns_served", "Network namespaces served now (including the agent's own).", true,
                DataPlaneStats::namespaces);
        plane(r, health, "nlagent_netns_added", "Namespaces discovered since start.", false, DataPlaneStats::namespacesAdded);
        plane(r, health, "nlagent_netns_removed", "Namespaces that disappeared since start.", false,
                DataPlaneStats::namespacesRemoved);
        plane(r, health, "nlagent_netlink_dumps", "Netlink dump requests completed.", false, DataPlaneStats::netlinkDumps);
        plane(r, health, "nlagent_netlink_dump_received_bytes", "Bytes received in netlink dump replies.", false,
                DataPlaneStats::netlinkDumpBytes);
        plane(r, health, "nlagent_netlink_notifications", "Netlink change notifications received.", false,
                DataPlaneStats::netlinkNotifications);
        plane(r, health, "nlagent_netlink_resyncs", "Full re-dumps forced by ENOBUFS or NLM_F_DUMP_INTR.", false,
                DataPlaneStats::netlinkResyncs);
        plane(r, health, "nlagent_netlink_errors", "Failed netlink dumps (NLMSG_ERROR, errno in NLMSG_DONE, I/O errors).", false,
                DataPlaneStats::netlinkErrors);
        plane(r, health, "nlagent_held_fds", "/proc/sys and /sys fds the data plane holds open now.", true,
                DataPlaneStats::heldFds);
        plane(r, health, "nlagent_fd_reopens", "Held fds re-opened after ENOENT.", false, DataPlaneStats::fdReopens);
        plane(r, health, "nlagent_stale_fds", "Held fds known stale now (ENOENT, not yet re-opened).", true,
                DataPlaneStats::staleFds);
        plane(r, health, "nlagent_proc_sys_lookups",
                "Path lookups under /proc/sys made by the data plane itself (flat in steady state).", false,
                DataPlaneStats::procSysLookups);
        gauge(r, "nlagent_refresh_duration_seconds", "Duration of the last full refresh of one namespace.", health,
                (s, cb) -> {
                    if (s.dataPlane() != null) {
                        cb.call(s.dataPlane().lastRefreshDurationNanos() * NANOS);
                    }
                });
        gauge(r, "nlagent_snapshot_age_seconds", "Age of the oldest snapshot served, when the health monitor last sampled it.",
                health, (s, cb) -> {
                    if (s.dataPlane() != null && s.dataPlane().oldestSnapshotAgeNanos() >= 0) {
                        cb.call(s.dataPlane().oldestSnapshotAgeNanos() * NANOS);
                    }
                });
        gauge(r, "nlagent_health_monitor_held_fds", "Fds the health monitor holds (dentry-state, slab counters, probe pins).",
                health, (s, cb) -> cb.call(s.monitorHeldFds()));

        if (!frontends.isEmpty()) {
            CounterWithCallback.builder().name("nlagent_requests").help("SNMP requests answered or refused, per frontend.")
                    .labelNames("frontend")
                    .callback(cb -> frontends.forEach(f -> cb.call(f.requests().getAsLong(), f.name()))).register(r);
            CounterWithCallback.builder().name("nlagent_dropped_requests")
                    .help("SNMP requests dropped without an answer (bad community, vanished context), per frontend.")
                    .labelNames("frontend")
                    .callback(cb -> frontends.forEach(f -> cb.call(f.dropped().getAsLong(), f.name()))).register(r);
        }
        if (agentx != null) {
            GaugeWithCallback.builder().name("nlagent_agentx_session_state")
                    .help("1 for the AgentX session's current state, 0 for the others.").labelNames("state")
                    .callback(cb -> {
                        String now = agentx.state().get();
                        for (String st : AgentxStats.STATES) {
                            cb.call(st.equals(now) ? 1 : 0, st);
                        }
                    }).register(r);
            CounterWithCallback.builder().name("nlagent_agentx_sessions_opened")
                    .help("AgentX sessions opened since start; each after the first is a reconnect.")
                    .callback(cb -> cb.call(agentx.sessionsOpened().getAsLong())).register(r);
        }
    }

    /** A data-plane figure: a gauge or a counter, absent while the monitor has no data-plane sample. */
    private static void plane(PrometheusRegistry r, Supplier<HealthStatus> health, String name, String help,
                              boolean isGauge, ToLongFunction<DataPlaneStats> f) {
        if (isGauge) {
            gauge(r, name, help, health, (s, cb) -> {
                if (s.dataPlane() != null) {
                    cb.call(f.applyAsLong(s.dataPlane()));
                }
            });
        } else {
            counter(r, name, help, health, (s, cb) -> {
                if (s.dataPlane() != null) {
                    cb.call(f.applyAsLong(s.dataPlane()));
                }
            });
        }
    }
}
