package nlagent.health;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link CounterSource} over held fds: /proc/sys/fs/dentry-state, and per slab cache
 * /sys/kernel/slab/NAME/objects (SLUB, root-only) with /proc/slabinfo as fallback (also root-only,
 * and 26 µs per 4 KiB against 1 µs, hence only a fallback). A cache whose sysfs directory is
 * shared with other caches (aliases &gt; 0) would count them too, so it is read from slabinfo or
 * reported absent rather than wrong.
 */
public final class KernelCounterReader implements CounterSource, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KernelCounterReader.class.getName());
    static final String[] CACHES = {"dentry", "proc_inode_cache", "net_namespace"};

    private final IoCounters io;
    private final HeldFile dentryState;
    private final boolean kernelHasNrNegative;
    private final Path slabDir;
    private final HeldFile slabinfo;
    /** Per cache: the held sysfs objects file, or null once it proved unusable (then slabinfo). */
    private final HeldFile[] slabObjects = new HeldFile[CACHES.length];
    private final boolean[] sysfsUnusable = new boolean[CACHES.length];
    private boolean slabinfoUnusable;
    private final List<String> warned = new ArrayList<>();

    /**
     * @param kernelHasNrNegative whether field 5 of dentry-state is nr_negative (Linux 5.0+); on older
     *                            kernels it is an always-zero "dummy" that must not be served
     */
    public KernelCounterReader(Path dentryStatePath, Path slabDir, Path slabinfoPath, boolean kernelHasNrNegative,
                               IoCounters io) {
        this.io = io;
        this.dentryState = new HeldFile(dentryStatePath, io);
        this.kernelHasNrNegative = kernelHasNrNegative;
        this.slabDir = slabDir;
        this.slabinfo = new HeldFile(slabinfoPath, io);
    }

    /** Reader for the running kernel, with the configured paths. */
    public static KernelCounterReader forRunningKernel(HealthConfig config, IoCounters io) {
        return new KernelCounterReader(config.dentryStatePath(), config.slabDir(), config.slabinfoPath(),
                kernelAtLeast(System.getProperty("os.version", ""), 5, 0), io);
    }

    /** True when a {@code uname -r} style release is at least major.minor. */
    static boolean kernelAtLeast(String release, int major, int minor) {
        String[] p = release.split("[^0-9]+");
        try {
            int ma = Integer.parseInt(p[0]);
            int mi = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    @Override
    public synchronized KernelCounters read() {
        long[] ds = readDentryState();
        OptionalLong[] slab = readSlabs();
        return new KernelCounters(field(ds, 0), field(ds, 1), field(ds, 2), field(ds, 3),
                kernelHasNrNegative ? field(ds, 4) : OptionalLong.empty(), slab[0], slab[1], slab[2]);
    }

    private static OptionalLong field(long[] values, int i) {
        return values != null && i < values.length ? OptionalLong.of(values[i]) : OptionalLong.empty();
    }

    private long[] readDentryState() {
        try {
            String[] f = nlagent.sys.Fields.of(dentryState.readFirstChunk());
            long[] v = new long[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = Long.parseLong(f[i]);
            }
            return v;
        } catch (IOException | NumberFormatException e) {
            warnOnce(dentryState.path().toString(), e);
            return null;
        }
    }

    private OptionalLong[] readSlabs() {
        OptionalLong[] out = new OptionalLong[CACHES.length];
        String slabinfoText = null;
        boolean slabinfoTried = false;
        for (int i = 0; i < CACHES.length; i++) {
            OptionalLong v = sysfsObjects(i);
            if (v.isEmpty()) {
                if (!slabinfoTried && !slabinfoUnusable) {
                    slabinfoTried = true;
                    try {
                        slabinfoText = slabinfo.readAll();
                    } catch (IOException e) {
                        warnOnce(slabinfo.path().toString(), e);
                        slabinfoUnusable = true;
                    }
                }
                v = slabinfoText == null ? OptionalLong.empty() : parseSlabinfo(slabinfoText, CACHES[i]);
            }
            out[i] = v;
        }
        return out;
    }

    private OptionalLong sysfsObjects(int i) {
        if (sysfsUnusable[i]) {
            return OptionalLong.empty();
        }
        Path dir = slabDir.resolve(CACHES[i]);
        try {
            if (slabObjects[i] == null) {
                // aliases is read once: a merged cache's counts include its other members
                try (HeldFile aliases = new HeldFile(dir.resolve("aliases"), io)) {
                    if (Long.parseLong(firstToken(aliases.readFirstChunk())) != 0) {
                        sysfsUnusable[i] = true;
                        return OptionalLong.empty();
                    }
                }
                slabObjects[i] = new HeldFile(dir.resolve("objects"), io);
            }
            // "34650 N0=34650": the total comes first, per-node counts follow
            return OptionalLong.of(Long.parseLong(firstToken(slabObjects[i].readFirstChunk())));
        } catch (IOException | NumberFormatException e) {
            // permission (non-root) or no SLUB: these do not heal, so stop paying for the open
            warnOnce(dir.toString(), e);
            sysfsUnusable[i] = true;
            if (slabObjects[i] != null) {
                slabObjects[i].close();
                slabObjects[i] = null;
            }
            return OptionalLong.empty();
        }
    }

    /** active_objs of cache {@code name} from /proc/slabinfo text, empty when not listed. */
    static OptionalLong parseSlabinfo(String text, String name) {
        for (String line : text.split("\n")) {
            String[] f = nlagent.sys.Fields.of(line);
            if (f.length >= 2 && f[0].equals(name)) {
                try {
                    return OptionalLong.of(Long.parseLong(f[1]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static String firstToken(String s) {
        String t = s.trim();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }

    private void warnOnce(String what, Exception e) {
        if (!warned.contains(what)) {
            warned.add(what);
            LOG.log(Level.INFO, "dcache health: " + what + " unreadable, its values are absent: " + e);
        }
    }

    @Override
    public synchronized void close() {
        dentryState.close();
        slabinfo.close();
        for (HeldFile f : slabObjects) {
            if (f != null) {
                f.close();
            }
        }
    }
}
