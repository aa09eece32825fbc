package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import nlagent.cli.AgentConfig;
import nlagent.config.ConfigFile;
import nlagent.mib.MibValue;
import nlagent.mib.MibView;
import nlagent.mib.Oid;
import nlagent.model.DataPlaneStats;
import nlagent.testing.Preconditions;
import nlagent.time.ManualScheduler;

/** The monitor on the real kernel: every served value against its source, read by the test. */
class LiveViewTest {

    @Test
    void servedValuesMatchTheirSourceFiles() throws Exception {
        Preconditions.assumeRoot(); // slab files are root-only
        HealthConfig c = new HealthConfig();
        ConfigFile.apply("test.conf", "probePath /proc/sys/net/ipv6\nprobePath /proc/sys/net/no-such-dir\n",
                List.of(c));
        ManualScheduler clock = new ManualScheduler();
        DataPlaneStats dp = new DataPlaneStats(4, 5, 1, 20, 9000, 3, 0, 0, 33, 2, 0, 66, 410_000, 2_000_000_000L);
        try (HealthMonitor m = HealthMonitor.start(c, () -> dp, n -> { }, clock, clock)) {
            clock.runDue();
            MibView v = m.current();
            String[] ds = KernelFiles.read(Path.of("/proc/sys/fs/dentry-state")).trim()
                    .split("\\s+");
            assertNear(Long.parseLong(ds[0]), v, HealthOids.DENTRIES);
            assertNear(Long.parseLong(ds[1]), v, HealthOids.DENTRIES_UNUSED);
            assertEquals(MibValue.gauge32(Long.parseLong(ds[2])), scalar(v, HealthOids.DENTRY_AGE_LIMIT));
            assertEquals(MibValue.gauge32(Long.parseLong(ds[3])), scalar(v, HealthOids.DENTRY_WANT_PAGES));
            assertNear(Long.parseLong(ds[4]), v, HealthOids.DENTRIES_NEGATIVE);
            assertNear(slab("dentry"), v, HealthOids.SLAB_DENTRY_OBJECTS);
            assertNear(slab("proc_inode_cache"), v, HealthOids.SLAB_PROC_INODE_OBJECTS);
            assertNear(slab("net_namespace"), v, HealthOids.SLAB_NET_NAMESPACE_OBJECTS);
            assertEquals(scalar(v, HealthOids.SLAB_NET_NAMESPACE_OBJECTS), scalar(v, HealthOids.NETNS_ALLOCATED));

            // probe rows: configured paths; the missing one is reported missing with no figures
            assertEquals(MibValue.string("/proc/sys/net/ipv6"), cell(v, HealthOids.PROBE_PATH, 1));
            assertEquals(MibValue.integer(1), cell(v, HealthOids.PROBE_STATUS, 1));
            assertTrue(cell(v, HealthOids.PROBE_LATENCY, 1).number() >= 0);
            assertEquals(MibValue.string("/proc/sys/net/no-such-dir"), cell(v, HealthOids.PROBE_PATH, 2));
            assertEquals(MibValue.integer(2), cell(v, HealthOids.PROBE_STATUS, 2));
            assertEquals(MibValue.NO_SUCH_INSTANCE, cell(v, HealthOids.PROBE_LATENCY, 2));
            assertEquals(MibValue.NO_SUCH_INSTANCE, cell(v, HealthOids.PROBE_EXCESS, 2));
            assertEquals(MibValue.NO_SUCH_INSTANCE, v.get(HealthOids.probeCell(HealthOids.PROBE_PATH, 3)));
            assertEquals(MibValue.string("/proc/sys/net"), scalar(v, HealthOids.PROBE_CONTROL_PATH));
            assertEquals(MibValue.gauge32(9), scalar(v, HealthOids.PROBE_BURST));
            assertEquals(MibValue.counter32(1), scalar(v, HealthOids.PROBE_RUNS));

            // the agent's own figures, from DataPlaneStats
            assertEquals(MibValue.gauge32(33), scalar(v, HealthOids.AGENT_HELD_FDS));
            assertEquals(MibValue.counter32(2), scalar(v, HealthOids.AGENT_FD_REOPENS));
            assertEquals(MibValue.counter32(66), scalar(v, HealthOids.AGENT_PROC_SYS_LOOKUPS));
            assertEquals(MibValue.counter32(20), scalar(v, HealthOids.AGENT_NETLINK_DUMPS));
            assertEquals(MibValue.gauge32(410), scalar(v, HealthOids.AGENT_REFRESH_DURATION));
            assertEquals(MibValue.gauge32(2000), scalar(v, HealthOids.AGENT_SNAPSHOT_AGE));
            assertEquals(MibValue.gauge32(4), scalar(v, HealthOids.NETNS_SERVED));

            // the monitor's own fds, counted by the kernel: dentry-state, 3 slab objects files, 1 pinned probe path
            List<String> held = heldByThisProcess();
            long dentryState = held.stream().filter(t -> t.equals("/proc/sys/fs/dentry-state")).count();
            long slabs = held.stream().filter(t -> t.startsWith("/sys/kernel/slab/") && t.endsWith("/objects")).count();
            long pinned = held.stream().filter(t -> t.equals("/proc/sys/net/ipv6")).count();
            assertEquals(1, dentryState, held.toString());
            assertEquals(3, slabs, held.toString());
            assertEquals(1, pinned, held.toString());
            assertEquals(MibValue.gauge32(5), scalar(v, HealthOids.MONITOR_HELD_FDS));

            // the probe's lookups: 1 open of dentry-state + 1 pin + (1 + burst) per existing path + 1 for the missing one
            long lookups = 1 + 1 + 2 * (1 + 9) + 1;
            assertEquals(MibValue.counter32(lookups), scalar(v, HealthOids.PROBE_LOOKUPS));
            long reads = m.status().monitorReads();
            clock.advance(10, java.util.concurrent.TimeUnit.SECONDS); // one counter sample, no probe
            assertEquals(MibValue.counter32(lookups), m.current().get(HealthOids.scalar(HealthOids.PROBE_LOOKUPS)),
                    "a counter sample makes no /proc/sys lookup");
            assertEquals(reads + 4, m.status().monitorReads(), "one pread per held file");
        }
        assertTrue(heldByThisProcess().stream().noneMatch(t -> t.equals("/proc/sys/fs/dentry-state")),
                "close() releases the fds");
    }

    /** The production entry point: its own thread runs the first sample and probe at once; close() stops it. */
    @Test
    void startOnOwnThreadRunsAndCloses() throws Exception {
        HealthMonitor m = HealthMonitor.startOnOwnThread(new HealthConfig(), () -> null, null, System.nanoTime());
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (m.status().probeRuns() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, m.status().probeRuns());
            assertTrue(m.status().state() != HealthState.UNKNOWN, m.status().message());
        } finally {
            m.close();
        }
        Thread.sleep(100);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("nlagent-health")
                && t.isAlive()), "the monitor's thread ended");
        assertTrue(heldByThisProcess().stream().noneMatch(t -> t.equals("/proc/sys/fs/dentry-state")));
    }

    /** probeEnabled no: not one /proc/sys lookup beyond the single open of dentry-state. */
    @Test
    void disabledProbeMakesNoLookups() throws Exception {
        HealthConfig c = new HealthConfig();
        ConfigFile.apply("t.conf", "probeEnabled no\n", List.of(c));
        ManualScheduler clock = new ManualScheduler();
        try (HealthMonitor m = HealthMonitor.start(c, () -> null, n -> { }, clock, clock)) {
            clock.runDue();
            clock.advance(600, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, m.status().probeRuns());
            assertEquals(1, m.status().monitorProcSysLookups());
            assertEquals(HealthState.OK, m.status().state());
            assertTrue(m.status().message().startsWith("lookup probe disabled"), m.status().message());
            assertEquals(MibValue.integer(3), m.current().get(HealthOids.probeCell(HealthOids.PROBE_STATUS, 1)));
        }
    }

    /** The shipped config/nlagent.conf and the code agree on every health default. */
    @Test
    void shippedConfigMatchesTheCodeDefaults() throws Exception {
        HealthConfig shipped = AgentConfig.load(Path.of("config/nlagent.conf")).health;
        HealthConfig code = new HealthConfig();
        assertEquals(code.probeEnabled(), shipped.probeEnabled());
        assertEquals(code.probePaths(), shipped.probePaths());
        assertEquals(code.probeControlPath(), shipped.probeControlPath());
        assertEquals(code.probeIntervalSeconds(), shipped.probeIntervalSeconds());
        assertEquals(code.probeMaxIntervalSeconds(), shipped.probeMaxIntervalSeconds());
        assertEquals(code.probeBurst(), shipped.probeBurst());
        assertEquals(code.probeBudgetUs(), shipped.probeBudgetUs());
        assertEquals(code.probePerEntryNs(), shipped.probePerEntryNs());
        assertEquals(code.sampleIntervalSeconds(), shipped.sampleIntervalSeconds());
        assertEquals(code.chainExcessUs(), shipped.chainExcessUs());
        assertEquals(code.chainExcessCriticalUs(), shipped.chainExcessCriticalUs());
        assertEquals(code.dentriesUnused(), shipped.dentriesUnused());
        assertEquals(code.dentriesNegative(), shipped.dentriesNegative());
        assertEquals(code.dentryStatePath(), shipped.dentryStatePath());
        assertEquals(code.slabDir(), shipped.slabDir());
        assertEquals(code.slabinfoPath(), shipped.slabinfoPath());
    }

    private static long slab(String cache) throws Exception {
        return Long.parseLong(KernelFiles.read(Path.of("/sys/kernel/slab", cache, "objects"))
                .trim().split("\\s+")[0]);
    }

    private static void assertNear(long fromFile, MibView v, Oid object) {
        MibValue served = scalar(v, object);
        assertEquals(MibValue.Type.GAUGE32, served.type(), object.toString());
        // live counters move between the monitor's read and the test's: allow churn, not a wrong source
        assertEquals(fromFile, served.number(), Math.max(300, fromFile / 50), object.toString());
    }

    private static MibValue scalar(MibView v, Oid object) {
        return v.get(HealthOids.scalar(object));
    }

    private static MibValue cell(MibView v, Oid column, int row) {
        return v.get(HealthOids.probeCell(column, row));
    }

    private static List<String> heldByThisProcess() throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (Exception e) {
                    // closed meanwhile
                }
            }
        }
        return out;
    }
}
