package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import nlagent.mib.TestMibProvider;
import nlagent.sys.CpuAffinity;
import nlagent.sys.CpuSet;
import nlagent.testing.AllowedCpus;
import nlagent.testing.Cleanup;
import nlagent.testing.LogCapture;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.TestScheduler;
import nlagent.time.Ticker;

/**
 * The AgentX I/O thread follows a real snmpd that its unit binds to one CPU (here: taskset, as
 * systemd's CPUAffinity= does), is left alone when snmpd is not bound or the key is off, and
 * decides again when the master restarts. The kernel's Cpus_allowed_list of the thread is the proof.
 */
class AgentxCpuPlacementTest {
    @RegisterExtension
    static final TestScheduler scheduler = new TestScheduler("agentx-cpu-test", 2);
    private static CpuSet processCpus;

    @TempDir
    Path tmp;

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();
    @RegisterExtension
    final LogCapture log = LogCapture.eachTest(Level.ALL, AgentxSubagent.class);

    @BeforeAll
    static void tools() throws Exception {
        Preconditions.assumeCommands("snmpd", "snmpbulkwalk", "taskset");
        processCpus = CpuAffinity.of(0);
        if (processCpus.size() < 2) { // the machine's shape, not a missing install: a skip under CI too
            String why = "needs two CPUs to tell a bound thread from an unbound one (this process may use " + processCpus + ")";
            System.out.println("SKIPPED: " + why);
            Assumptions.assumeTrue(false, why);
        }
    }

    /** The last CPU we may use: never the whole set, so a bound thread shows. */
    private static int lastCpu() {
        return processCpus.length() - 1;
    }

    private SnmpdMaster snmpd(Integer cpu) throws Exception {
        SnmpdMaster m = new SnmpdMaster(tmp.resolve("m"), false, "", List.of());
        if (cpu != null) {
            m.wrapper(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        cleanup.add(m);
        return m.start();
    }

    private AgentxSubagent subagent(SnmpdMaster m, boolean follow) {
        AgentxConfig c = new AgentxConfig();
        c.setMaster("unix:" + m.socket);
        c.setFollowMasterCpu(follow);
        c.setRetryMs(100, 500);
        AgentxSubagent s = AgentxSubagent.start(c, new TestMibProvider(TestViews.view(-5)), Ticker.system(), scheduler.get());
        cleanup.add(s);
        return s;
    }

    /** TIDs of this JVM's threads named agentx-io. */
    private static Set<String> ioThreads() throws Exception {
        Set<String> tids = new HashSet<>();
        AllowedCpus.threads().forEach((tid, name) -> {
            if (name.equals("agentx-io")) {
                tids.add(tid);
            }
        });
        return tids;
    }

    /** The CPUs the kernel lets the one agentx-io thread not in {@code before} run on, once it has bound itself. */
    private static CpuSet newIoThreadCpus(Set<String> before) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Set<String> now = ioThreads();
            now.removeAll(before);
            if (now.size() == 1) { // called once the session is active: the thread bound itself before its first read
                return AllowedCpus.ofThread(now.iterator().next());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no new agentx-io thread");
    }

    private static void walks(SnmpdMaster m) {
        Processes.Result r = m.v2c("snmpbulkwalk", "-Cr50", "." + TestViews.BIG_TABLE);
        assertEquals(0, r.exitCode(), r.stderr());
        long rows = TestViews.bindings(-5).stream().filter(v -> v.oid().startsWith(TestViews.BIG_TABLE)).count();
        assertEquals(rows, r.stdout().lines().filter(l -> !l.isBlank()).count(), "the walk through the master is whole");
    }

    /** Every thread of this JVM but the AgentX I/O threads may run where the process may. */
    private static void othersUnbound() throws Exception {
        for (var t : AllowedCpus.threads().entrySet()) {
            if (!t.getValue().equals("agentx-io")) {
                try {
                    assertEquals(processCpus, AllowedCpus.ofThread(t.getKey()), "thread " + t.getValue());
                } catch (java.nio.file.NoSuchFileException gone) {
                    // ended since it was listed
                }
            }
        }
    }

    /** The placement lines logged at INFO so far. */
    private List<String> placementInfo() {
        return log.records().stream().filter(r -> r.getLevel() == Level.INFO && r.getMessage().contains("AgentX I/O thread"))
                .map(LogRecord::getMessage).toList();
    }

    /** Stops {@code m}, starts another master on its socket (bound to {@code cpu} or not), waits for session {@code n}. */
    private SnmpdMaster restart(SnmpdMaster m, Integer cpu, AgentxSubagent s, long n) throws Exception {
        m.stop();
        SnmpdMaster next = snmpd(cpu);
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (s.sessionsOpened() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, s.sessionsOpened(), "reconnected to the restarted master");
        return next;
    }

    @Test
    void followsAMasterBoundToOneCpuAndDecidesAgainAtEachConnect() throws Exception {
        SnmpdMaster m = snmpd(lastCpu());
        Set<String> before = ioThreads();
        AgentxSubagent s = subagent(m, true);
        assertTrue(s.awaitActive(10_000), "session active");
        assertEquals(CpuSet.of(lastCpu()), newIoThreadCpus(before));
        long pid = m.pid();
        assertEquals(1, placementInfo().size(), placementInfo().toString());
        assertTrue(placementInfo().get(0).contains("pid " + pid) && placementInfo().get(0).contains("CPU " + lastCpu()),
                "one INFO line says why: " + placementInfo());
        walks(m);
        othersUnbound();

        // the master restarts bound the same way: bound again, and nothing new at INFO (the PID alone changed)
        before = ioThreads();
        m = restart(m, lastCpu(), s, 2);
        assertEquals(CpuSet.of(lastCpu()), newIoThreadCpus(before));
        assertEquals(1, placementInfo().size(), "once per change, not per reconnect: " + placementInfo());

        // the master restarts unbound: the new connection's I/O thread is not bound, and the log says so once
        before = ioThreads();
        m = restart(m, null, s, 3);
        assertEquals(processCpus, newIoThreadCpus(before));
        assertEquals(2, placementInfo().size(), placementInfo().toString());
        assertTrue(placementInfo().get(1).contains("not bound"), placementInfo().get(1));
        walks(m);
        othersUnbound();
        s.close(); // before the master stops: no reconnect attempts in the log
    }

    @Test
    void leavesTheThreadWithAnUnboundMasterOrTheKeyOff() throws Exception {
        SnmpdMaster m = snmpd(null);
        Set<String> before = ioThreads();
        AgentxSubagent s = subagent(m, true);
        assertTrue(s.awaitActive(10_000));
        assertEquals(processCpus, newIoThreadCpus(before), "snmpd may run anywhere: nothing to follow");
        s.close();
        m.stop();

        SnmpdMaster bound = snmpd(lastCpu());
        before = ioThreads();
        AgentxSubagent off = subagent(bound, false);
        assertTrue(off.awaitActive(10_000));
        assertEquals(processCpus, newIoThreadCpus(before), "agentxFollowMasterCpu no");
        walks(bound);
        off.close();
    }
}
