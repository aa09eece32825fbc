package nlagent.health;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;

/**
 * {@code nlagent check --calibrate[=N]}: measures this host's cost of one same-name chain entry,
 * which {@code probePerEntryNs} turns excess into entries with. It measures the probe paths' excess
 * over the control, then has N threads each enter a fresh private network namespace
 * ({@code unshare(CLONE_NEWNET)}: the namespace lives exactly as long as its thread) and look up each
 * probe path through the host's /proc, which puts N more same-named entries at the head of every
 * probe path's chain, measures again, and lets the threads end, which removes the namespaces and
 * their entries. Cost = (excess after - excess before) / N, the median of three such rounds.
 *
 * <p>That is the marginal cost at the host's current chain length, the figure that matters: the
 * cost per entry grows once the chain falls out of the caches (about 110 ns up to 1,000 entries, over
 * 200 ns at 2,000 on a 2-vCPU EPYC VM), so calibrate on a loaded host, not a fresh one. Needs
 * CAP_SYS_ADMIN; the load is N namespaces for about a second.
 */
public final class Calibration {
    /** Default and bounds of N. */
    public static final int DEFAULT_NAMESPACES = 100;
    public static final int MIN_NAMESPACES = 20;
    public static final int MAX_NAMESPACES = 1000;
    private static final int CLONE_NEWNET = 0x40000000;
    /** Interleaved stat() rounds per measurement, and the percentile taken of each path's samples. */
    private static final int SAMPLES = 301;
    private static final int PERCENTILE = 20;
    private static final long SETTLE_MS = 200;
    /** Create-measure-remove rounds; the median round counts (one noisy round does not decide). */
    private static final int ROUNDS = 3;
    private static final long TEARDOWN_MS = 1000;

    @SaveError
    public interface Unshare {
        int unshare(int flags);
    }

    /** The outcome per probe path: excess before and after (ns), cost per entry (ns), empty when not measurable. */
    public record PathResult(Path path, OptionalLong excessBeforeNanos, OptionalLong excessAfterNanos,
                             OptionalLong perEntryNs) {
    }

    /** All paths; {@code recommendedNs} is the median of the measurable paths' costs, empty when none grew. */
    public record Result(int namespaces, List<PathResult> paths, OptionalLong recommendedNs) {
    }

    private Calibration() {
    }

    /** Runs the calibration and prints it; returns a Nagios-style code (0 done, 3 could not measure). */
    public static int run(HealthConfig config, int namespaces, PrintStream out) {
        Result r;
        try {
            r = measure(config, namespaces);
        } catch (IllegalStateException e) {
            out.println("DCACHE UNKNOWN - calibration failed: " + e.getMessage());
            return 3;
        }
        out.print(format(r));
        out.flush();
        return r.recommendedNs().isPresent() ? 0 : 3;
    }

    /** Measures; throws IllegalStateException (one line) when namespaces cannot be made. */
    public static Result measure(HealthConfig config, int namespaces) {
        try {
            return measureOrInterrupt(config, namespaces);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static Result measureOrInterrupt(HealthConfig config, int namespaces) throws InterruptedException {
        if (namespaces < MIN_NAMESPACES || namespaces > MAX_NAMESPACES) {
            throw new IllegalStateException("N must be " + MIN_NAMESPACES + ".." + MAX_NAMESPACES + ", not " + namespaces);
        }
        int paths = config.probePaths().size();
        long[][] before = new long[paths][ROUNDS];
        long[][] after = new long[paths][ROUNDS];
        boolean[] measurable = new boolean[paths];
        java.util.Arrays.fill(measurable, true);
        for (int r = 0; r < ROUNDS; r++) {
            if (r > 0) {
                Thread.sleep(TEARDOWN_MS); // the last round's namespaces are dismantled in the background
            }
            List<List<OptionalLong>> ba = oneRound(config, namespaces);
            for (int i = 0; i < paths; i++) {
                OptionalLong b = ba.get(0).get(i);
                OptionalLong a = ba.get(1).get(i);
                measurable[i] &= b.isPresent() && a.isPresent();
                before[i][r] = b.orElse(0);
                after[i][r] = a.orElse(0);
            }
        }
        List<PathResult> results = new ArrayList<>();
        List<Long> costs = new ArrayList<>();
        OptionalLong none = OptionalLong.empty();
        for (int i = 0; i < paths; i++) {
            if (!measurable[i]) {
                results.add(new PathResult(config.probePaths().get(i), none, none, none));
                continue;
            }
            long[] perRound = new long[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                perRound[r] = (after[i][r] - before[i][r]) / namespaces;
            }
            long c = median(perRound);
            OptionalLong cost = c > 0 ? OptionalLong.of(c) : none;
            if (c > 0) {
                costs.add(c);
            }
            results.add(new PathResult(config.probePaths().get(i), OptionalLong.of(median(before[i])),
                    OptionalLong.of(median(after[i])), cost));
        }
        Collections.sort(costs);
        OptionalLong rec = costs.isEmpty() ? OptionalLong.empty() : OptionalLong.of(costs.get(costs.size() / 2));
        return new Result(namespaces, results, rec);
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** One round: the excess before, and with N more entries (the namespaces end when it returns). */
    private static List<List<OptionalLong>> oneRound(HealthConfig config, int namespaces) throws InterruptedException {
        List<OptionalLong> before = steadiest(config);
        List<OptionalLong> after;
        Unshare libc = LibraryLoader.create(Unshare.class).load("c");
        jnr.ffi.Runtime rt = jnr.ffi.Runtime.getRuntime(libc);
        CountDownLatch ready = new CountDownLatch(namespaces);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>(namespaces);
        try {
            for (int i = 0; i < namespaces; i++) {
                Thread t = new Thread(() -> {
                    try {
                        if (libc.unshare(CLONE_NEWNET) != 0) {
                            int errno = rt.getLastError();
                            failure.compareAndSet(null, "unshare(CLONE_NEWNET): " + nlagent.sys.Native.describe(errno)
                                    + (errno == 1 ? " (needs CAP_SYS_ADMIN)" : ""));
                            return;
                        }
                        for (Path p : config.probePaths()) {
                            lookUp(p); // this namespace's entry for p, at the head of p's chain
                        }
                    } finally {
                        ready.countDown();
                    }
                    try {
                        release.await(); // the namespace (and its entries) live until the thread ends
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "nlagent-calibrate-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            if (!ready.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the " + namespaces + " namespaces were not ready within 120 s");
            }
            if (failure.get() != null) {
                throw new IllegalStateException(failure.get());
            }
            Thread.sleep(SETTLE_MS); // let the creating threads' last work finish before timing
            after = steadiest(config);
        } finally {
            release.countDown();
            for (Thread t : threads) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return List.of(before, after);
    }

    /**
     * Each path's excess over the control in ns (empty when a path is missing): {@link #SAMPLES}
     * interleaved stat() rounds, the {@link #PERCENTILE}th percentile of each. Noise on a busy host
     * (preemption, steal, other CPUs holding sysctl_lock) only adds time, so a low percentile is a
     * steadier figure of the lookup's own cost than the median the agent's small burst uses.
     */
    public static List<OptionalLong> excess(Path control, List<Path> paths) {
        int n = paths.size() + 1;
        long[][] t = new long[n][SAMPLES];
        boolean[] missing = new boolean[n];
        for (int r = 0; r < SAMPLES; r++) {
            for (int i = 0; i < n; i++) {
                if (missing[i]) {
                    continue;
                }
                long t0 = System.nanoTime();
                boolean ok = lookUp(i == 0 ? control : paths.get(i - 1));
                t[i][r] = System.nanoTime() - t0;
                missing[i] = !ok;
            }
        }
        List<OptionalLong> out = new ArrayList<>(paths.size());
        for (int i = 1; i < n; i++) {
            if (missing[0] || missing[i]) {
                out.add(OptionalLong.empty());
            } else {
                out.add(OptionalLong.of(Math.max(0, percentile(t[i]) - percentile(t[0]))));
            }
        }
        return out;
    }

    /** The lower of two measurements {@link #SETTLE_MS} apart, per path: a burst of noise hits one of them. */
    private static List<OptionalLong> steadiest(HealthConfig config) throws InterruptedException {
        List<OptionalLong> a = excess(config.probeControlPath(), config.probePaths());
        Thread.sleep(SETTLE_MS);
        List<OptionalLong> b = excess(config.probeControlPath(), config.probePaths());
        List<OptionalLong> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i).isPresent() && b.get(i).isPresent()
                    ? OptionalLong.of(Math.min(a.get(i).getAsLong(), b.get(i).getAsLong())) : OptionalLong.empty());
        }
        return out;
    }

    private static long percentile(long[] samples) {
        long[] s = samples.clone();
        Arrays.sort(s);
        return s[s.length * PERCENTILE / 100];
    }

    private static boolean lookUp(Path p) {
        try {
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (IOException e) {
            return false; // a path this namespace lacks adds no entry; its figures say so
        }
    }

    static String format(Result r) {
        StringBuilder sb = new StringBuilder();
        if (r.recommendedNs().isPresent()) {
            sb.append("DCACHE CALIBRATION - ").append(r.recommendedNs().getAsLong())
                    .append(" ns per chain entry (marginal cost at the current chain length, measured with ")
                    .append(r.namespaces()).append(" private namespaces)\n");
        } else {
            sb.append("DCACHE UNKNOWN - no probe path's excess grew with ").append(r.namespaces())
                    .append(" more entries (paths missing, or the host too noisy: try a larger N)\n");
        }
        for (PathResult p : r.paths()) {
            sb.append(p.path()).append(": ");
            if (p.excessBeforeNanos().isEmpty() || p.excessAfterNanos().isEmpty()) {
                sb.append("not measurable\n");
                continue;
            }
            sb.append("excess ").append(us(p.excessBeforeNanos().getAsLong())).append(" us -> ")
                    .append(us(p.excessAfterNanos().getAsLong())).append(" us with ").append(r.namespaces())
                    .append(" more entries");
            if (p.perEntryNs().isPresent()) {
                long c = p.perEntryNs().getAsLong();
                sb.append(": ").append(c).append(" ns per entry; chain before: ~")
                        .append(p.excessBeforeNanos().getAsLong() / c).append(" entries\n");
            } else {
                sb.append(": no growth\n");
            }
        }
        r.recommendedNs().ifPresent(ns -> sb.append("set in nlagent.conf: probePerEntryNs ").append(ns).append('\n'));
        return sb.toString();
    }

    private static String us(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000.0);
    }
}
