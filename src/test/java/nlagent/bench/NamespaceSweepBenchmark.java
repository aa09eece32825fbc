package nlagent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import nlagent.config.ConfigLine;
import nlagent.kernel.KernelConfig;
import nlagent.kernel.KernelDataPlane;
import nlagent.model.DataPlaneStats;
import nlagent.time.ManualScheduler;

/**
 * Many small namespaces instead of one big one: creates N namespaces (unique prefix, one veth
 * pair inside each, all in one {@code ip -batch}), then times the data plane's start (until the
 * own namespace answers), the opening + first snapshot of every namespace, a refresh sweep over all
 * of them, and the close (which must
 * release every namespace). Prints the /proc/sys lookups made: 3 per namespace at start, 0 after.
 * Not a test; run as root (see {@link RefreshBenchmark} for the class path):
 * {@code java ... nlagent.bench.NamespaceSweepBenchmark [N...]} (default 200).
 */
public final class NamespaceSweepBenchmark {
    private static final int SWEEPS = 10;

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {200} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println(RefreshBenchmark.machine());
        System.out.printf(Locale.ROOT, "%6s %10s %10s %12s %12s %10s %14s %14s%n", "netns", "start", "all_open", "sweep_p50", "per_netns",
                "close", "lookups@start", "lookups/sweep");
        for (int n : sizes) {
            String prefix = "nlks" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
            Thread cleanup = new Thread(() -> batch(prefix, n, false));
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                batch(prefix, n, true);
                run(prefix, n);
            } finally {
                batch(prefix, n, false);
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        }
    }

    private static void run(String prefix, int n) throws Exception {
        KernelConfig config = new KernelConfig();
        config.accept(new ConfigLine("bench", 1, "netnsDir", List.of("/run/netns")));
        config.accept(new ConfigLine("bench", 2, "netnsNamePattern", List.of(prefix + "-*")));
        ManualScheduler clock = new ManualScheduler();
        long t0 = System.nanoTime();
        KernelDataPlane plane = KernelDataPlane.start(config, clock, clock);
        long firstAnswer = System.nanoTime() - t0; // start returns once the own namespace is read
        clock.runDue(); // the background opening of the others, run here to time it
        long started = System.nanoTime() - t0;
        DataPlaneStats atStart = plane.stats();
        if (atStart.namespaces() != n + 1) {
            throw new IllegalStateException("expected " + (n + 1) + " namespaces, serving " + atStart.namespaces());
        }
        long[] sweep = new long[SWEEPS];
        for (int i = 0; i < SWEEPS; i++) {
            long s = System.nanoTime();
            plane.refreshAll();
            sweep[i] = System.nanoTime() - s;
        }
        DataPlaneStats after = plane.stats();
        long c0 = System.nanoTime();
        plane.close();
        long closed = System.nanoTime() - c0;
        Arrays.sort(sweep);
        System.out.printf(Locale.ROOT, "%6d %10s %10s %12s %12s %10s %14d %14d%n", n, ms(firstAnswer), ms(started), ms(sweep[SWEEPS / 2]),
                String.format(Locale.ROOT, "%.1fus", sweep[SWEEPS / 2] / 1e3 / (n + 1)), ms(closed),
                atStart.procSysLookups(), (after.procSysLookups() - atStart.procSysLookups()) / SWEEPS);
    }

    /** Creates (or deletes) namespaces prefix-0..n-1, each with a veth pair inside, in one ip -batch. */
    private static void batch(String prefix, int n, boolean create) {
        try {
            Path f = Files.createTempFile("nlks", ".batch");
            try {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    String ns = prefix + "-" + i;
                    if (create) {
                        sb.append("netns add ").append(ns).append('\n');
                        sb.append("link add v0 netns ").append(ns).append(" type veth peer name v1 netns ").append(ns).append('\n');
                    } else if (Files.exists(Path.of("/run/netns", ns))) {
                        sb.append("netns del ").append(ns).append('\n');
                    }
                }
                Files.writeString(f, sb.toString());
                Process p = new ProcessBuilder("ip", "-force", "-batch", f.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (p.waitFor() != 0 && create) {
                    throw new IllegalStateException("ip -batch failed: " + out);
                }
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }
}
