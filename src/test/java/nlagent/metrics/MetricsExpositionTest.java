package nlagent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import nlagent.health.ChainEstimate;
import nlagent.health.HealthState;
import nlagent.health.HealthStatus;
import nlagent.health.KernelCounters;
import nlagent.health.ProbeStatus;
import nlagent.model.DataPlaneStats;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/**
 * The exposition from a crafted status: names and units by Prometheus conventions, values converted
 * once (ns to seconds, per minute to per second), absent sources absent (not zero), clean under
 * {@code promtool check metrics}; callbacks read the status at scrape time.
 */
class MetricsExpositionTest {

    static HealthStatus status(long ipv6ExcessNanos, HealthState state) {
        KernelCounters k = new KernelCounters(OptionalLong.of(43_000), OptionalLong.of(36_000), OptionalLong.of(45),
                OptionalLong.of(0), OptionalLong.empty(), OptionalLong.of(44_000), OptionalLong.of(9_000),
                OptionalLong.of(208));
        ProbeStatus ipv6 = new ProbeStatus(1, Path.of("/proc/sys/net/ipv6"), ProbeStatus.Kind.OK,
                OptionalLong.of(ipv6ExcessNanos + 1_500), OptionalLong.of(ipv6ExcessNanos), OptionalLong.of(900),
                OptionalLong.of(208), OptionalLong.of(1), true, false,
                new ChainEstimate(208, ChainEstimate.Basis.NAMESPACES, ipv6ExcessNanos / 208));
        ProbeStatus missing = new ProbeStatus(2, Path.of("/proc/sys/net/nothing"), ProbeStatus.Kind.MISSING,
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(1), false, false);
        DataPlaneStats d = new DataPlaneStats(201, 250, 49, 1000, 2_000_000, 30, 2, 1, 603, 4, 0, 603,
                2_500_000, 4_000_000_000L);
        return new HealthStatus(k, OptionalLong.of(-120), OptionalLong.of(1_500), List.of(ipv6, missing), 7, 1, 60,
                OptionalLong.of(300_000), false, false, state, 0, "msg", 5, 100, 280, d);
    }

    static String scrape(io.prometheus.metrics.model.registry.PrometheusRegistry r, boolean openMetrics) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (openMetrics) {
            OpenMetricsTextFormatWriter.create().write(out, r.scrape());
        } else {
            PrometheusTextFormatWriter.create().write(out, r.scrape());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void namesUnitsAndValues() throws Exception {
        AtomicReference<HealthStatus> s = new AtomicReference<>(status(45_000, HealthState.WARNING));
        AtomicLong requests = new AtomicLong(17);
        String text = scrape(MetricsEndpoint.registry(s::get,
                List.of(new FrontendStats("standalone", requests::get, () -> 3)),
                new AgentxStats(() -> "active", () -> 2)), false);
        assertTrue(text.contains("nlagent_dcache_probe_excess_seconds{path=\"/proc/sys/net/ipv6\"} 4.5E-5")
                || text.contains("nlagent_dcache_probe_excess_seconds{path=\"/proc/sys/net/ipv6\"} 4.5e-05"), text);
        assertTrue(text.contains("nlagent_dcache_probe_chain_entries{path=\"/proc/sys/net/ipv6\"} 208"), text);
        assertTrue(text.contains("nlagent_dcache_probe_chain_basis{basis=\"namespaces\",path=\"/proc/sys/net/ipv6\"} 1"), text);
        assertTrue(text.contains("nlagent_dcache_probe_alarm{path=\"/proc/sys/net/ipv6\",severity=\"warning\"} 1"), text);
        assertTrue(text.contains("nlagent_dcache_probe_path_present{path=\"/proc/sys/net/nothing\"} 0"), text);
        assertFalse(text.contains("nlagent_dcache_probe_excess_seconds{path=\"/proc/sys/net/nothing\"}"), text);
        assertFalse(text.contains("nlagent_dcache_dentries_negative "), "absent source, absent series: " + text);
        assertTrue(text.contains("nlagent_dcache_health_state{state=\"warning\"} 1"), text);
        assertTrue(text.contains("nlagent_dcache_health_state{state=\"ok\"} 0"), text);
        assertTrue(text.contains("nlagent_dcache_netns_change_per_second -2"), text);
        assertTrue(text.contains("nlagent_dcache_slab_objects{cache=\"net_namespace\"} 208"), text);
        assertTrue(text.contains("nlagent_requests_total{frontend=\"standalone\"} 17"), text);
        assertTrue(text.contains("nlagent_dropped_requests_total{frontend=\"standalone\"} 3"), text);
        assertTrue(text.contains("nlagent_agentx_session_state{state=\"active\"} 1"), text);
        assertTrue(text.contains("nlagent_agentx_sessions_opened_total 2"), text);
        assertTrue(text.contains("nlagent_netlink_resyncs_total 2"), text);
        assertTrue(text.contains("nlagent_snapshot_age_seconds 4"), text);
        assertTrue(text.contains("nlagent_proc_sys_lookups_total 603"), text);

        // read at scrape time, not at registration
        requests.set(18);
        s.set(status(90_000, HealthState.CRITICAL));
        String again = scrape(MetricsEndpoint.registry(s::get, List.of(new FrontendStats("standalone", requests::get,
                () -> 3)), null), false);
        assertTrue(again.contains("nlagent_requests_total{frontend=\"standalone\"} 18"), again);
        assertTrue(again.contains("nlagent_dcache_health_state{state=\"critical\"} 1"), again);
        assertFalse(again.contains("nlagent_agentx_"), "no AgentX series without a subagent: " + again);
    }

    @Test
    void promtoolFindsNothingToLint() throws Exception {
        Preconditions.assumeCommands("promtool");
        AtomicReference<HealthStatus> s = new AtomicReference<>(status(45_000, HealthState.WARNING));
        // promtool (2.42) lints the Prometheus text format only: it reads OpenMetrics' counter families
        // (HELP without _total) as missing help. The OpenMetrics form is parsed by a real Prometheus
        // scrape in PrometheusScrapeTest (Prometheus asks for it first).
        for (boolean om : new boolean[] {false}) {
            Path f = Files.createTempFile("nlagent-metrics", ".txt");
            try {
                Files.writeString(f, scrape(MetricsEndpoint.registry(s::get,
                        List.of(new FrontendStats("standalone", () -> 1, () -> 0)), new AgentxStats(() -> "active", () -> 1)), om));
                Processes.Result r = Processes.run(30, "sh", "-c", "promtool check metrics < " + f);
                assertEquals(0, r.exitCode(), (om ? "OpenMetrics" : "text") + ": " + r.stdout() + r.stderr());
                assertEquals("", (r.stdout() + r.stderr()).trim(), "no lint findings");
            } finally {
                Files.deleteIfExists(f);
            }
        }
    }
}
