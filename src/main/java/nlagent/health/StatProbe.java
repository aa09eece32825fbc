package nlagent.health;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import nlagent.time.Ticker;

/**
 * The timed lookup probe: {@code stat()} of each probe path and of the control path, interleaved
 * round by round so that all of them see the same noise (frequency scaling, steal, other CPUs
 * holding sysctl_lock), median per path. These lookups are the one deliberate exception to "no path
 * lookups under /proc/sys": each walks the same-name chain once, under the global sysctl_lock, so the
 * burst is small, a sample over budget ends the run, and every lookup is counted in
 * {@link IoCounters#procSysLookups()}.
 *
 * <p>Each existing probe path is also held open (a directory fd): that pins the prober's own dentry,
 * so it cannot be evicted and re-created at the head of the chain, where the probe would under-read.
 */
public final class StatProbe implements ProbeRunner, AutoCloseable {
    private final Path control;
    private final List<Path> paths;
    private final int burst;
    private final long budgetNanos;
    private final Ticker clock;
    private final IoCounters io;
    private final FileChannel[] pins;
    private final boolean[] pinTried;

    /**
     * @param clock the real monotonic clock (latency is measured, not simulated, even when a test
     *              drives the schedule by hand)
     */
    public StatProbe(Path control, List<Path> paths, int burst, long budgetNanos, Ticker clock, IoCounters io) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1");
        }
        this.control = control;
        this.paths = List.copyOf(paths);
        this.burst = burst;
        this.budgetNanos = budgetNanos;
        this.clock = clock;
        this.io = io;
        this.pins = new FileChannel[this.paths.size()];
        this.pinTried = new boolean[this.paths.size()];
    }

    public static StatProbe fromConfig(HealthConfig c, IoCounters io) {
        return new StatProbe(c.probeControlPath(), c.probePaths(), c.probeBurst(), c.probeBudgetUs() * 1000L,
                Ticker.system(), io);
    }

    @Override
    public synchronized ProbeRun run() {
        long start = clock.nanos();
        int n = paths.size() + 1; // slot 0: control
        Path[] targets = new Path[n];
        targets[0] = control;
        for (int i = 1; i < n; i++) {
            targets[i] = paths.get(i - 1);
        }
        long[][] samples = new long[n][burst];
        int[] counts = new int[n];
        boolean[] missing = new boolean[n];
        long lookups = 0;
        boolean overBudget = false;

        // a warm-up round: class loading / JIT and first-lookup effects stay out of the medians. It is
        // timed all the same: when one of its samples is over budget, its samples are the run's figures
        // and no further round runs, so an over-budget run costs exactly one lookup per path.
        for (int t = 0; t < n; t++) {
            lookups++;
            long t0 = clock.nanos();
            missing[t] = !statQuietly(targets[t]);
            long dt = clock.nanos() - t0;
            if (!missing[t]) {
                samples[t][0] = dt;
                overBudget |= dt > budgetNanos;
            }
        }
        if (overBudget) {
            for (int t = 0; t < n; t++) {
                counts[t] = missing[t] ? 0 : 1;
            }
        }
        pinExisting(missing);
        rounds:
        for (int r = 0; r < (overBudget ? 0 : burst); r++) {
            for (int t = 0; t < n; t++) {
                if (missing[t]) {
                    continue;
                }
                lookups++;
                long t0 = clock.nanos();
                boolean ok = statQuietly(targets[t]);
                long dt = clock.nanos() - t0;
                if (!ok) {
                    missing[t] = true; // vanished mid-run: no partial figures for it
                    continue;
                }
                samples[t][counts[t]++] = dt;
                if (dt > budgetNanos) {
                    overBudget = true; // the chain is long enough already; stop adding to the load
                    break rounds;
                }
            }
        }
        io.lookups(lookups);
        List<OptionalLong> medians = new ArrayList<>(n - 1);
        for (int t = 1; t < n; t++) {
            medians.add(median(samples[t], counts[t], missing[t]));
        }
        return new ProbeRun(median(samples[0], counts[0], missing[0]), medians, lookups, clock.nanos() - start,
                overBudget);
    }

    private static OptionalLong median(long[] s, int count, boolean missing) {
        if (missing || count == 0) {
            return OptionalLong.empty();
        }
        long[] c = Arrays.copyOf(s, count);
        Arrays.sort(c);
        return OptionalLong.of(count % 2 == 1 ? c[count / 2] : (c[count / 2 - 1] + c[count / 2]) / 2);
    }

    private static boolean statQuietly(Path p) {
        try {
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return false; // EACCES and the like: as unusable as a missing path
        }
    }

    private void pinExisting(boolean[] missing) {
        for (int i = 0; i < pins.length; i++) {
            if (!pinTried[i] && !missing[i + 1]) {
                pinTried[i] = true; // once: a path we may not open stays unpinned, no lookup per run
                try {
                    io.opened(paths.get(i));
                    pins[i] = FileChannel.open(paths.get(i), StandardOpenOption.READ);
                    io.heldDelta(1);
                } catch (IOException e) {
                    // not pinnable (not a directory we may open): the probe still works
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < pins.length; i++) {
            if (pins[i] != null) {
                try {
                    pins[i].close();
                } catch (IOException e) {
                    // gone either way
                }
                pins[i] = null;
                io.heldDelta(-1);
            }
        }
    }
}
