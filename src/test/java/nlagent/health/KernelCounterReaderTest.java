package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.testing.Preconditions;

/** The held-fd sources: real kernel files and doctored copies (missing, unreadable, old kernel). */
class KernelCounterReaderTest {
    @TempDir
    Path tmp;

    private Path write(String rel, String text) throws Exception {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsEveryFieldAndHoldsTheFdsOpen() throws Exception {
        Path ds = write("dentry-state", "100\t50\t45\t0\t7\t0\n");
        write("slab/dentry/aliases", "0\n");
        write("slab/dentry/objects", "123 N0=123\n");
        write("slab/proc_inode_cache/aliases", "0\n");
        write("slab/proc_inode_cache/objects", "77 N0=70 N1=7\n");
        write("slab/net_namespace/aliases", "0\n");
        write("slab/net_namespace/objects", "9 N0=9\n");
        IoCounters io = new IoCounters();
        try (KernelCounterReader r = new KernelCounterReader(ds, tmp.resolve("slab"), tmp.resolve("nope"), true, io)) {
            KernelCounters k = r.read();
            assertEquals(new KernelCounters(OptionalLong.of(100), OptionalLong.of(50), OptionalLong.of(45),
                    OptionalLong.of(0), OptionalLong.of(7), OptionalLong.of(123), OptionalLong.of(77),
                    OptionalLong.of(9)), k);
            assertEquals(4, io.heldFds(), "dentry-state + 3 objects files held; aliases read once and closed");
            long opens = io.opens();
            long reads = io.reads();
            Files.writeString(ds, "101\t51\t45\t0\t8\t0\n"); // same inode: the held fd sees the new content
            assertEquals(OptionalLong.of(101), r.read().dentries());
            assertEquals(opens, io.opens(), "no re-open per sample");
            assertEquals(reads + 4, io.reads(), "one pread per held file per sample");
        }
        assertEquals(0, io.heldFds());
    }

    @Test
    void oldKernelWithoutNrNegativeIsAbsent() throws Exception {
        Path ds = write("dentry-state", "100\t50\t45\t0\t0\t0\n");
        try (KernelCounterReader r = new KernelCounterReader(ds, tmp, tmp.resolve("nope"), false, new IoCounters())) {
            KernelCounters k = r.read();
            assertEquals(OptionalLong.of(100), k.dentries());
            assertEquals(OptionalLong.empty(), k.dentriesNegative(), "the 'dummy' zero of a pre-5.0 kernel is not served");
        }
        Path four = write("ds4", "100 50 45 0\n");
        try (KernelCounterReader r = new KernelCounterReader(four, tmp, tmp.resolve("nope"), true, new IoCounters())) {
            assertEquals(OptionalLong.empty(), r.read().dentriesNegative());
        }
        assertTrue(KernelCounterReader.kernelAtLeast("6.18.44-amd64", 5, 0));
        assertTrue(KernelCounterReader.kernelAtLeast("5.0.0", 5, 0));
        assertFalse(KernelCounterReader.kernelAtLeast("4.19.0-27-amd64", 5, 0));
        assertFalse(KernelCounterReader.kernelAtLeast("garbage", 5, 0));
    }

    @Test
    void unreadableSlabFilesFallBackToSlabinfoOrAreAbsent() throws Exception {
        Path ds = write("dentry-state", "100 50 45 0 7 0\n");
        write("slab/dentry/aliases", "0\n");
        Files.createDirectories(tmp.resolve("slab/dentry/objects")); // a directory: read fails (EISDIR)
        write("slab/proc_inode_cache/aliases", "3\n"); // merged cache: its count would be wrong
        write("slab/proc_inode_cache/objects", "999999 N0=999999\n");
        // net_namespace: no sysfs directory at all, and not listed in slabinfo
        StringBuilder slabinfo = new StringBuilder("slabinfo - version: 2.1\n# name <active_objs> <num_objs> ...\n");
        for (int i = 0; i < 200; i++) { // several 4 KiB chunks: the reader must page through
            slabinfo.append(String.format("filler_cache_%03d   10 20 64 64 1 : tunables 0 0 0 : slabdata 1 1 0%n", i));
        }
        slabinfo.append("proc_inode_cache     725    805    696   23    4 : tunables 0 0 0 : slabdata 35 35 0\n");
        slabinfo.append("dentry             34671  34671    192   21    1 : tunables 0 0 0 : slabdata 1651 1651 0\n");
        Path si = write("slabinfo", slabinfo.toString());
        assertTrue(Files.size(si) > 3 * HeldFile.MAX_READ);
        try (KernelCounterReader r = new KernelCounterReader(ds, tmp.resolve("slab"), si, true, new IoCounters())) {
            for (int round = 0; round < 2; round++) { // the second round takes the remembered fallbacks
                KernelCounters k = r.read();
                assertEquals(OptionalLong.of(34671), k.slabDentryObjects());
                assertEquals(OptionalLong.of(725), k.slabProcInodeObjects());
                assertEquals(OptionalLong.empty(), k.slabNetNamespaceObjects());
                assertEquals(OptionalLong.of(7), k.dentriesNegative());
            }
        }
        try (KernelCounterReader r = new KernelCounterReader(tmp.resolve("missing"), tmp.resolve("slab"),
                tmp.resolve("missing-slabinfo"), true, new IoCounters())) {
            KernelCounters k = r.read();
            assertEquals(OptionalLong.empty(), k.dentries());
            assertEquals(OptionalLong.empty(), k.slabDentryObjects());
            assertEquals(OptionalLong.empty(), k.slabProcInodeObjects());
        }
    }

    /** The real files: each value read by the reader matches the test's own read of the same file. */
    @Test
    void realKernelValuesMatchTheFiles() throws Exception {
        HealthConfig c = new HealthConfig();
        IoCounters io = new IoCounters();
        try (KernelCounterReader r = KernelCounterReader.forRunningKernel(c, io)) {
            String[] before = KernelFiles.read(c.dentryStatePath()).trim().split("\\s+");
            KernelCounters k = r.read();
            String[] after = KernelFiles.read(c.dentryStatePath()).trim().split("\\s+");
            assertBetween(before[0], after[0], k.dentries(), "nr_dentry");
            assertBetween(before[1], after[1], k.dentriesUnused(), "nr_unused");
            assertEquals(OptionalLong.of(Long.parseLong(after[2])), k.ageLimitSeconds());
            assertEquals(OptionalLong.of(Long.parseLong(after[3])), k.wantPages());
            assertBetween(before[4], after[4], k.dentriesNegative(), "nr_negative");
            assertEquals(1, io.procSysLookups(), "one open of dentry-state, then preads only");
            r.read();
            assertEquals(1, io.procSysLookups());
            if (Preconditions.isRoot()) {
                assertSlab("dentry", k.slabDentryObjects());
                assertSlab("proc_inode_cache", k.slabProcInodeObjects());
                assertSlab("net_namespace", k.slabNetNamespaceObjects());
            } else {
                System.out.println("SKIPPED part: slab counts need root");
            }
        }
    }

    private static void assertSlab(String cache, OptionalLong served) throws Exception {
        Path objects = Path.of("/sys/kernel/slab", cache, "objects");
        long expected = Files.isReadable(objects)
                ? Long.parseLong(KernelFiles.read(objects).trim().split("\\s+")[0])
                : KernelCounterReader.parseSlabinfo(Files.readString(Path.of("/proc/slabinfo")), cache).orElse(-1);
        assertTrue(served.isPresent(), cache);
        // live counters move between the two reads; a few hundred is churn, a wrong source is far off
        assertEquals(expected, served.getAsLong(), Math.max(500, expected / 50), cache);
    }

    private static void assertBetween(String before, String after, OptionalLong served, String what) {
        long a = Long.parseLong(before);
        long b = Long.parseLong(after);
        assertTrue(served.isPresent(), what);
        long v = served.getAsLong();
        long slack = Math.max(200, Math.max(a, b) / 100); // other processes create/free dentries meanwhile
        assertTrue(v >= Math.min(a, b) - slack && v <= Math.max(a, b) + slack,
                what + ": served " + v + ", file read " + a + " then " + b);
    }
}
