package nlagent.health.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import nlagent.health.HealthConfig;
import nlagent.health.IoCounters;
import nlagent.health.KernelCounterReader;
import nlagent.health.ProbeRun;
import nlagent.health.StatProbe;
import nlagent.testing.TestNamespaces;

/**
 * Benchmark (not a test): the health monitor's own cost per interval, at 0 and 2,000 live network
 * namespaces that each looked up /proc/sys/net/ipv6 through the host /proc (the chain a container
 * runtime builds). Per probe run: wall time, thread CPU time, /proc/sys lookups, and the medians it
 * measured; per counter sample (dentry-state + 3 slab files on held fds): wall and CPU time.
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) nlagent.health.bench.ProbeCostBench [N ...]
 * </pre>
 * Needs root. Default N: 0 2000. The namespaces are created and deleted with ip -batch under a
 * unique prefix; a long chain slows every /proc/sys/net/ipv6 lookup on the host while it exists, so
 * the harness keeps them only for the measurement.
 */
public final class ProbeCostBench {
    private static final int RUNS = 30;
    private static final int SAMPLES = 200;

    public static void main(String[] args) throws Exception {
        int[] counts = args.length == 0 ? new int[] {0, 2000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        HealthConfig config = new HealthConfig(); // the shipped defaults: 3 paths + control, burst 9
        System.out.printf(Locale.ROOT, "probe: %d paths + control %s, burst %d, budget %d us; %d runs per N%n",
                config.probePaths().size(), config.probeControlPath(), config.probeBurst(), config.probeBudgetUs(),
                RUNS);
        System.out.printf(Locale.ROOT, "%6s | %12s %12s %9s %6s | %10s %10s %10s | %12s %12s%n", "N", "run wall us",
                "run cpu us", "lookups", "over", "ipv6 us", "ctl us", "excess us", "sample wall", "sample cpu");
        for (int n : counts) {
            try (TestNamespaces ns = new TestNamespaces("hb")) {
                if (n > 0) {
                    List<String> names = ns.addNamespaces(IntStream.range(0, n).mapToObj(i -> "b" + i).toList());
                    ns.batch(names.stream().map(x -> "netns exec " + x + " cat /proc/sys/net/ipv6/conf/all/forwarding")
                            .toList(), false);
                }
                measure(n, config);
            }
        }
    }

    private static void measure(int n, HealthConfig config) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        IoCounters io = new IoCounters();
        try (StatProbe probe = StatProbe.fromConfig(config, io);
             KernelCounterReader counters = KernelCounterReader.forRunningKernel(config, io)) {
            for (int i = 0; i < 5; i++) { // warm-up: JIT, first lookups
                probe.run();
                counters.read();
            }
            long[] wall = new long[RUNS];
            long[] cpu = new long[RUNS];
            long[] ipv6 = new long[RUNS];
            long[] control = new long[RUNS];
            long lookups = 0;
            int over = 0;
            for (int r = 0; r < RUNS; r++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                ProbeRun run = probe.run();
                wall[r] = System.nanoTime() - t0;
                cpu[r] = mx.getCurrentThreadCpuTime() - c0;
                lookups += run.lookups();
                over += run.overBudget() ? 1 : 0;
                ipv6[r] = run.pathMedianNanos().get(0).orElse(-1);
                control[r] = run.controlMedianNanos().orElse(-1);
            }
            long[] sWall = new long[SAMPLES];
            long[] sCpu = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                counters.read();
                sWall[i] = System.nanoTime() - t0;
                sCpu[i] = mx.getCurrentThreadCpuTime() - c0;
            }
            long ipv6Med = median(ipv6);
            long ctlMed = median(control);
            System.out.printf(Locale.ROOT, "%6d | %12.1f %12.1f %9d %6d | %10.1f %10.1f %10.1f | %12.1f %12.1f%n", n,
                    median(wall) / 1e3, median(cpu) / 1e3, lookups / RUNS, over, ipv6Med / 1e3, ctlMed / 1e3,
                    (ipv6Med - ctlMed) / 1e3, median(sWall) / 1e3, median(sCpu) / 1e3);
        }
    }

    private static long median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
