package nlagent.health.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.IntStream;

import nlagent.config.ConfigFile;
import nlagent.health.Calibration;
import nlagent.health.ChainEstimate;
import nlagent.health.ChainLoad;
import nlagent.health.HealthConfig;
import nlagent.testing.TestNamespaces;

/**
 * Benchmark (not a test): how close the ipv6 chain estimate comes to the real number of same-named
 * entries at K pod-like namespaces (each read /proc/sys/net/ipv6/conf/all/forwarding through the host
 * /proc, as {@link ChainLoad} does), with the shipped probePerEntryNs (120), with the cost that
 * {@code nlagent check --calibrate} measures, and as the agent reports it (120 ns, bounded by the
 * net_namespace slab count, which includes every other namespace on the host). The real number is K
 * plus the entries the host had before (baseline excess / calibrated cost).
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) nlagent.health.bench.ChainEstimateBench [--calibrate N] K ...
 * </pre>
 * Needs root. K ascending; the namespaces of one K stay for the next (K = 100 200: 100 are added,
 * then 100 more). The calibration (N temporary namespaces, default 100) runs at the first K, so the
 * peak is first K + N namespaces: keep it within what the host may carry.
 */
public final class ChainEstimateBench {
    public static void main(String[] args) throws Exception {
        int n = Calibration.DEFAULT_NAMESPACES;
        int from = 0;
        if (args.length >= 2 && args[0].equals("--calibrate")) {
            n = Integer.parseInt(args[1]);
            from = 2;
        }
        int[] ks = args.length <= from ? new int[] {100, 200}
                : Arrays.stream(args, from, args.length).mapToInt(Integer::parseInt).toArray();
        HealthConfig c = new HealthConfig();
        ConfigFile.apply("bench.conf", "probePath " + ChainLoad.IPV6 + "\n", List.of(c));
        try (TestNamespaces ns = new TestNamespaces("ce")) {
            long baseline = Calibration.excess(c.probeControlPath(), c.probePaths()).get(0).orElseThrow();
            long cost = -1;
            int have = 0;
            System.out.printf(Locale.ROOT, "baseline ipv6 excess %.1f us%n", baseline / 1000.0);
            System.out.printf(Locale.ROOT, "%6s %10s %8s | %10s %7s | %10s %7s | %s%n", "K", "excess us", "real",
                    "@120ns", "err", "@calib", "err", "agent's estimate: 120 ns, bounded by the net_namespace slab (basis, cost)");
            for (int k : ks) {
                int add = k - have;
                List<String> names = ns.addNamespaces(IntStream.range(have, k).mapToObj(i -> "k" + i).toList());
                ns.batch(names.stream().map(x -> "netns exec " + x + " cat " + ChainLoad.IPV6 + "/conf/all/forwarding").toList(),
                        false);
                have = k;
                // measured before calibrating: the calibration's namespaces are torn down in the background
                // afterwards (cleanup_net takes sysctl_lock), which inflates a measurement taken right then
                long excess = Calibration.excess(c.probeControlPath(), c.probePaths()).get(0).orElseThrow();
                if (cost < 0) {
                    Calibration.Result r = Calibration.measure(c, n);
                    cost = r.recommendedNs().orElseThrow();
                    System.out.printf(Locale.ROOT, "calibrated at K = %d with N = %d: %d ns per entry%n", k, n, cost);
                }
                long real = k + baseline / cost;
                long at120 = excess / 120;
                long atCal = excess / cost;
                // the bound the agent uses: every namespace alive on the host (others' too), from the slab
                long live = Long.parseLong(java.nio.file.Files.readString(
                        java.nio.file.Path.of("/sys/kernel/slab/net_namespace/objects")).trim().split("\\s+")[0]);
                ChainEstimate bounded = ChainEstimate.of(excess, 120, OptionalLong.of(live));
                System.out.printf(Locale.ROOT, "%6d %10.1f %8d | %10d %+6.0f%% | %10d %+6.0f%% | %d %+.0f%% (%s, %d ns; slab %d)%n", k,
                        excess / 1000.0, real, at120, pct(at120, real), atCal, pct(atCal, real), bounded.entries(),
                        pct(bounded.entries(), real), bounded.basis().label, bounded.perEntryNs(), live);
                if (add <= 0) {
                    break;
                }
            }
        }
    }

    private static double pct(long est, long real) {
        return (est - real) * 100.0 / real;
    }
}
