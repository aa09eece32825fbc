package nlagent.metrics;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import nlagent.health.HealthStatus;

/**
 * {@code metrics http:HOST:PORT}: an HTTP endpoint serving {@code /metrics} in the Prometheus text
 * format or OpenMetrics (as the scraper's Accept header asks), through the Prometheus Java client's
 * HTTPServer on one daemon thread. Every value comes from state the agent already keeps (see
 * {@link DcacheMetrics}, {@link AgentMetrics}); a scrape makes no probe, no kernel read and no dump.
 *
 * <pre>
 * MetricsEndpoint m = MetricsEndpoint.start(address, health::status, frontends, agentx);
 * m.port();   // the bound port (0 in the address picks one)
 * m.close();
 * </pre>
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HTTPServer server;
    private final MetricsAddress address;

    private MetricsEndpoint(HTTPServer server, MetricsAddress address) {
        this.server = server;
        this.address = address;
    }

    /**
     * @param health    the health monitor's current status (its data-plane figures included)
     * @param frontends the SNMP frontends running (may be empty)
     * @param agentx    the AgentX session, or null without one
     */
    public static MetricsEndpoint start(MetricsAddress address, Supplier<HealthStatus> health,
                                        List<FrontendStats> frontends, AgentxStats agentx) throws IOException {
        PrometheusRegistry registry = registry(health, frontends, agentx);
        // one thread: scrapes are rare (every 15-60 s) and cheap; the client's default is a pool of 5
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nlagent-metrics");
            t.setDaemon(true);
            return t;
        });
        HTTPServer server;
        try {
            server = HTTPServer.builder().inetAddress(address.address()).port(address.port())
                    .registry(registry).executorService(thread).buildAndStart();
        } catch (IOException e) {
            thread.shutdownNow();
            // "Address already in use" alone does not say which of the agent's addresses
            throw new IOException("metrics " + address + ": " + e.getMessage(), e);
        }
        return new MetricsEndpoint(server, address);
    }

    /** Every metric, read through callbacks at scrape time. */
    static PrometheusRegistry registry(Supplier<HealthStatus> health, List<FrontendStats> frontends, AgentxStats agentx) {
        PrometheusRegistry registry = new PrometheusRegistry();
        DcacheMetrics.register(registry, health);
        AgentMetrics.register(registry, health, List.copyOf(frontends), agentx);
        return registry;
    }

    /** The bound port. */
    public int port() {
        return server.getPort();
    }

    /** The scrape URL with the bound port. */
    public String url() {
        return new MetricsAddress(address.address(), port()).toString();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "metrics endpoint " + url();
    }
}
