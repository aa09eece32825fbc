package nlagent.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;

import nlagent.health.HealthConfig;
import nlagent.health.HealthMonitor;
import nlagent.metrics.FrontendStats;
import nlagent.metrics.MetricsAddress;
import nlagent.metrics.MetricsEndpoint;

/**
 * Benchmark (not a test): CPU time the agent spends per /metrics scrape, measured on the endpoint's
 * own thread (ThreadMXBean) while a client scrapes it over loopback, with the real health monitor on
 * the running kernel. The exposition holds no per-namespace series, so its size and cost do not
 * depend on the number of namespaces K (the data-plane figures are one value each); the probe runs on
 * its own schedule, never in a scrape.
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) nlagent.bench.ScrapeCostBench [SCRAPES]
 * </pre>
 */
public final class ScrapeCostBench {
    public static void main(String[] args) throws Exception {
        int scrapes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (HealthMonitor health = HealthMonitor.startOnOwnThread(new HealthConfig(), () -> null, null, System.nanoTime());
             MetricsEndpoint m = MetricsEndpoint.start(new MetricsAddress(InetAddress.getLoopbackAddress(), 0), health::status,
                     List.of(new FrontendStats("standalone", () -> 1, () -> 0)), null)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest req = HttpRequest.newBuilder(URI.create(m.url()))
                    .header("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5").build();
            Thread.sleep(2000); // first sample and probe run
            int bytes = 0;
            for (int i = 0; i < 300; i++) { // warm-up: JIT
                bytes = http.send(req, HttpResponse.BodyHandlers.ofString()).body().length();
            }
            long id = -1;
            for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (t != null && t.getThreadName().equals("nlagent-metrics")) {
                    id = t.getThreadId();
                }
            }
            long cpu0 = mx.getThreadCpuTime(id);
            long t0 = System.nanoTime();
            for (int i = 0; i < scrapes; i++) {
                http.send(req, HttpResponse.BodyHandlers.discarding());
            }
            long wall = System.nanoTime() - t0;
            long cpu = mx.getThreadCpuTime(id) - cpu0;
            double perScrapeUs = cpu / 1000.0 / scrapes;
            System.out.printf(Locale.ROOT, "%d scrapes (OpenMetrics, %d bytes each): endpoint thread CPU %.1f us per scrape,"
                    + " wall %.1f us per scrape (client included); at one scrape per 15 s: %.5f%% of one core%n",
                    scrapes, bytes, perScrapeUs, wall / 1000.0 / scrapes, perScrapeUs / 15e6 * 100);
        }
    }
}
