package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nlagent.config.ConfigException;
import nlagent.config.ConfigFile;
import nlagent.mib.MibValue;
import nlagent.mib.Notification;
import nlagent.mib.Oid;
import nlagent.mib.VarBind;
import nlagent.model.DataPlaneStats;
import nlagent.time.ManualScheduler;

/**
 * The monitor's logic, driven deterministically: a ManualScheduler moves time, fake sources
 * supply the samples, a capturing sink collects notifications.
 */
class HealthMonitorTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final List<Notification> sent = new ArrayList<>();
    private KernelCounters counters = counters(30_000, 20_000, 1_000, 500);
    private long controlNs = 2_000;
    private long[] pathNs = {3_000, 2_500, 2_400};
    private boolean overBudget;
    private int probeRuns;
    private DataPlaneStats dataPlane = new DataPlaneStats(3, 3, 0, 10, 5000, 2, 1, 0, 12, 4, 1, 7, 250_000,
            1_500_000_000L);
    private HealthMonitor monitor;

    private static KernelCounters counters(long dentries, long unused, long negative, long netns) {
        return new KernelCounters(OptionalLong.of(dentries), OptionalLong.of(unused), OptionalLong.of(45),
                OptionalLong.of(0), OptionalLong.of(negative), OptionalLong.of(dentries + 100),
                OptionalLong.of(700), OptionalLong.of(netns));
    }

    private HealthMonitor start(String configText) throws ConfigException {
        HealthConfig c = new HealthConfig();
        ConfigFile.apply("test.conf", configText, List.of(c));
        ProbeRunner probe = () -> {
            probeRuns++;
            List<OptionalLong> medians = new ArrayList<>();
            for (long ns : pathNs) {
                medians.add(ns < 0 ? OptionalLong.empty() : OptionalLong.of(ns));
            }
            return new ProbeRun(controlNs < 0 ? OptionalLong.empty() : OptionalLong.of(controlNs), medians, 40,
                    123_000, overBudget);
        };
        clock.advance(5, TimeUnit.SECONDS); // sysUpTime origin 0, monitor starts at 5 s
        monitor = HealthMonitor.start(c, () -> counters, probe, new IoCounters(), () -> dataPlane, sent::add,
                clock, clock, 0, List.of());
        return monitor;
    }

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private MibValue get(Oid object) {
        return monitor.current().get(HealthOids.scalar(object));
    }

    private MibValue cell(Oid column, int row) {
        return monitor.current().get(HealthOids.probeCell(column, row));
    }

    @Test
    void servesStateUnknownUntilTheFirstRunThenOk() throws Exception {
        start("chainExcessUs 20 10\n");
        assertEquals(MibValue.integer(4), get(HealthOids.HEALTH_STATE));
        clock.runDue();
        assertEquals(1, probeRuns);
        assertEquals(MibValue.integer(1), get(HealthOids.HEALTH_STATE));
        assertEquals(MibValue.timeTicks(500), get(HealthOids.HEALTH_LAST_CHANGE));
        assertEquals(MibValue.gauge32(30_000), get(HealthOids.DENTRIES));
        assertEquals(MibValue.gauge32(1_000), get(HealthOids.DENTRIES_NEGATIVE));
        assertEquals(MibValue.gauge32(500), get(HealthOids.NETNS_ALLOCATED));
        assertEquals(MibValue.gauge32(3), get(HealthOids.NETNS_SERVED));
        assertEquals(MibValue.string("/proc/sys/net/ipv6"), cell(HealthOids.PROBE_PATH, 1));
        assertEquals(MibValue.string("/proc/sys/net/ipv4"), cell(HealthOids.PROBE_PATH, 3));
        assertEquals(MibValue.gauge32(3), cell(HealthOids.PROBE_LATENCY, 1));
        assertEquals(MibValue.gauge32(1), cell(HealthOids.PROBE_EXCESS, 1));
        assertEquals(MibValue.gauge32(150), cell(HealthOids.PROBE_RATIO, 1));
        assertEquals(MibValue.gauge32(1000 / 120), cell(HealthOids.PROBE_CHAIN_ESTIMATE, 1));
        assertEquals(MibValue.timeTicks(500), cell(HealthOids.PROBE_LAST_RUN, 1));
        assertEquals(MibValue.integer(2), cell(HealthOids.PROBE_ALARMED, 1));
        assertEquals(MibValue.gauge32(2), get(HealthOids.PROBE_CONTROL_LATENCY));
        assertEquals(MibValue.string("/proc/sys/net"), get(HealthOids.PROBE_CONTROL_PATH));
        assertEquals(MibValue.counter32(7), get(HealthOids.AGENT_PROC_SYS_LOOKUPS));
        assertEquals(MibValue.gauge32(250), get(HealthOids.AGENT_REFRESH_DURATION));
        assertEquals(MibValue.gauge32(1500), get(HealthOids.AGENT_SNAPSHOT_AGE));
        assertEquals(MibValue.gauge32(123), get(HealthOids.PROBE_LAST_DURATION));
        assertEquals(MibValue.gauge32(20), get(HealthOids.EXCESS_RISING_THRESHOLD));
        assertEquals(MibValue.gauge32(10), get(HealthOids.EXCESS_FALLING_THRESHOLD));
        assertTrue(sent.isEmpty(), "no crossing, no notification: " + sent);
    }

    /**
     * Without the slab count, the chain estimate is capped by the namespaces served, and their change rate
     * is theirs, only when the agent opens every namespace: an AgentX-only subagent opens its own alone,
     * and its count of 1 would cap every estimate at one entry.
     */
    @Test
    void servedNamespacesBoundTheChainOnlyWhenAllAreOpened() throws Exception {
        counters = new KernelCounters(OptionalLong.of(30_000), OptionalLong.of(20_000), OptionalLong.of(45),
                OptionalLong.of(0), OptionalLong.of(1_000), OptionalLong.of(30_100), OptionalLong.of(700),
                OptionalLong.empty()); // no slab count: no CAP_DAC_READ_SEARCH
        pathNs = new long[] {27_000, 2_500, 2_400}; // excess 25 us: 208 entries at 120 ns
        start("chainExcessUs 20 10\nsampleIntervalSeconds 10\n");
        clock.runDue();
        clock.advance(10, TimeUnit.SECONDS); // a second sample: a rate needs two
        assertEquals(MibValue.gauge32(3), cell(HealthOids.PROBE_CHAIN_ESTIMATE, 1), "bounded by the 3 served");
        assertEquals(MibValue.integer(0), get(HealthOids.NETNS_CHANGE_RATE));
        monitor.close();

        dataPlane = new DataPlaneStats(1, 0, 0, 10, 5000, 2, 1, 0, 1, 0, 0, 7, 250_000, 1_500_000_000L, 0, false);
        start("chainExcessUs 20 10\nsampleIntervalSeconds 10\n");
        clock.runDue();
        clock.advance(10, TimeUnit.SECONDS);
        assertEquals(MibValue.gauge32(1), get(HealthOids.NETNS_SERVED));
        assertEquals(MibValue.gauge32(25_000 / 120), cell(HealthOids.PROBE_CHAIN_ESTIMATE, 1), "by cost, not capped at 1");
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(HealthOids.NETNS_CHANGE_RATE), "no rate from the own namespace alone");
    }

    @Test
    void chainAlarmNotifiesOnCrossingsOnlyWithHysteresis() throws Exception {
        start("chainExcessUs 20 10\nchainExcessCriticalUs 200 100\nprobeIntervalSeconds 60\n");
        clock.runDue();
        pathNs = new long[] {27_000, 2_500, 2_400}; // excess 25 us
        clock.advance(60, TimeUnit.SECONDS);
        assertEquals(2, probeRuns);
        assertEquals(1, sent.size());
        Notification n = sent.get(0);
        assertEquals(HealthOids.CHAIN_RISING, n.trapOid());
        assertEquals(List.of(
                new VarBind(HealthOids.probeCell(HealthOids.PROBE_PATH, 1), MibValue.string("/proc/sys/net/ipv6")),
                new VarBind(HealthOids.probeCell(HealthOids.PROBE_LATENCY, 1), MibValue.gauge32(27)),
                new VarBind(HealthOids.probeCell(HealthOids.PROBE_EXCESS, 1), MibValue.gauge32(25)),
                new VarBind(HealthOids.probeCell(HealthOids.PROBE_CHAIN_ESTIMATE, 1), MibValue.gauge32(25_000 / 120)),
                new VarBind(HealthOids.scalar(HealthOids.EXCESS_RISING_THRESHOLD), MibValue.gauge32(20)),
                new VarBind(HealthOids.scalar(HealthOids.HEALTH_STATE), MibValue.integer(2))),
                n.payload().subList(0, 6));
        assertEquals(HealthOids.scalar(HealthOids.HEALTH_MESSAGE), n.payload().get(6).oid());
        assertTrue(n.payload().get(6).value().toString().contains("/proc/sys/net/ipv6 lookup excess 25 us"),
                n.payload().get(6).value().toString());
        assertEquals(MibValue.integer(2), get(HealthOids.HEALTH_STATE));
        assertEquals(MibValue.timeTicks(6500), get(HealthOids.HEALTH_LAST_CHANGE));
        assertEquals(MibValue.integer(1), cell(HealthOids.PROBE_ALARMED, 1));

        clock.advance(60, TimeUnit.SECONDS); // still high: no second rising
        pathNs = new long[] {15_000, 2_500, 2_400}; // 13 us: between the thresholds
        clock.advance(60, TimeUnit.SECONDS);
        assertEquals(1, sent.size());
        assertEquals(MibValue.integer(2), get(HealthOids.HEALTH_STATE));

        pathNs = new long[] {250_000, 2_500, 2_400}; // critical
        clock.advance(60, TimeUnit.SECONDS);
        assertEquals(1, sent.size(), "still raised: the critical level changes the state, not the notifications");
        assertEquals(MibValue.integer(3), get(HealthOids.HEALTH_STATE));

        pathNs = new long[] {11_000, 2_500, 2_400}; // 9 us: falls through both
        clock.advance(60, TimeUnit.SECONDS);
        assertEquals(2, sent.size());
        assertEquals(HealthOids.CHAIN_FALLING, sent.get(1).trapOid());
        assertEquals(new VarBind(HealthOids.scalar(HealthOids.EXCESS_FALLING_THRESHOLD), MibValue.gauge32(10)),
                sent.get(1).payload().get(4));
        assertEquals(new VarBind(HealthOids.scalar(HealthOids.HEALTH_STATE), MibValue.integer(1)),
                sent.get(1).payload().get(5));
        assertEquals(MibValue.integer(1), get(HealthOids.HEALTH_STATE));
        assertEquals(MibValue.integer(2), cell(HealthOids.PROBE_ALARMED, 1));
    }

    @Test
    void unusedAndNegativeDentryAlarms() throws Exception {
        start("dentriesUnused 100000 90000\ndentriesNegative 50000 40000\nsampleIntervalSeconds 10\n");
        clock.runDue();
        counters = counters(200_000, 120_000, 1_000, 5);
        clock.advance(10, TimeUnit.SECONDS);
        assertEquals(List.of(HealthOids.UNUSED_RISING), trapOids());
        assertEquals(new VarBind(HealthOids.scalar(HealthOids.DENTRIES_UNUSED), MibValue.gauge32(120_000)),
                sent.get(0).payload().get(0));
        assertEquals(MibValue.integer(2), get(HealthOids.HEALTH_STATE));
        counters = counters(200_000, 95_000, 60_000, 5);
        clock.advance(10, TimeUnit.SECONDS);
        assertEquals(List.of(HealthOids.UNUSED_RISING, HealthOids.NEGATIVE_RISING), trapOids());
        counters = counters(200_000, 80_000, 30_000, 5);
        clock.advance(10, TimeUnit.SECONDS);
        assertEquals(List.of(HealthOids.UNUSED_RISING, HealthOids.NEGATIVE_RISING, HealthOids.UNUSED_FALLING,
                HealthOids.NEGATIVE_FALLING), trapOids());
        assertEquals(MibValue.integer(1), get(HealthOids.HEALTH_STATE));
    }

    @Test
    void backsOffWhenASampleExceedsTheBudgetAndRecovers() throws Exception {
        start("probeIntervalSeconds 30\nprobeMaxIntervalSeconds 100\n");
        clock.runDue();
        overBudget = true;
        clock.advance(30, TimeUnit.SECONDS);
        assertEquals(2, probeRuns);
        assertEquals(MibValue.gauge32(60), get(HealthOids.PROBE_EFFECTIVE_INTERVAL));
        assertEquals(MibValue.counter32(1), get(HealthOids.PROBE_BACKOFFS));
        clock.advance(59, TimeUnit.SECONDS);
        assertEquals(2, probeRuns, "backed off: no run before 60 s");
        clock.advance(1, TimeUnit.SECONDS);
        assertEquals(3, probeRuns);
        assertEquals(MibValue.gauge32(100), get(HealthOids.PROBE_EFFECTIVE_INTERVAL), "capped at the maximum");
        overBudget = false;
        clock.advance(100, TimeUnit.SECONDS);
        assertEquals(4, probeRuns);
        assertEquals(MibValue.gauge32(50), get(HealthOids.PROBE_EFFECTIVE_INTERVAL));
        clock.advance(50, TimeUnit.SECONDS);
        assertEquals(MibValue.gauge32(30), get(HealthOids.PROBE_EFFECTIVE_INTERVAL));
        assertEquals(MibValue.counter32(2), get(HealthOids.PROBE_BACKOFFS));
    }

    @Test
    void absentSourcesAreNoSuchInstanceNotZero() throws Exception {
        counters = new KernelCounters(OptionalLong.of(1), OptionalLong.of(1), OptionalLong.of(45), OptionalLong.of(0),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
        dataPlane = null;
        pathNs = new long[] {-1, 2_500, 2_400}; // ipv6 missing
        start("");
        clock.runDue();
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(HealthOids.DENTRIES_NEGATIVE));
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(HealthOids.SLAB_DENTRY_OBJECTS));
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(HealthOids.NETNS_ALLOCATED));
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(HealthOids.NETNS_SERVED));
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(HealthOids.NETNS_CHANGE_RATE));
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(HealthOids.AGENT_HELD_FDS));
        assertEquals(MibValue.integer(2), cell(HealthOids.PROBE_STATUS, 1));
        assertEquals(MibValue.NO_SUCH_INSTANCE, cell(HealthOids.PROBE_LATENCY, 1));
        assertEquals(MibValue.NO_SUCH_INSTANCE, cell(HealthOids.PROBE_EXCESS, 1));
        assertEquals(MibValue.integer(1), cell(HealthOids.PROBE_STATUS, 2));
        assertEquals(MibValue.integer(1), get(HealthOids.HEALTH_STATE), "the other probes still measure");
        // GETNEXT walks past the absent values without stopping
        VarBind next = monitor.current().next(HealthOids.scalar(HealthOids.DENTRY_WANT_PAGES), false, null);
        assertEquals(HealthOids.scalar(HealthOids.PROBE_INTERVAL), next.oid());
    }

    @Test
    void unknownWhenTheControlIsMissing() throws Exception {
        controlNs = -1;
        start("");
        clock.runDue();
        assertEquals(MibValue.integer(4), get(HealthOids.HEALTH_STATE));
        assertTrue(get(HealthOids.HEALTH_MESSAGE).toString().contains("control path /proc/sys/net"));
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(HealthOids.PROBE_CONTROL_LATENCY));
        assertEquals(MibValue.gauge32(3), cell(HealthOids.PROBE_LATENCY, 1));
        assertEquals(MibValue.NO_SUCH_INSTANCE, cell(HealthOids.PROBE_EXCESS, 1));
    }

    @Test
    void namespaceChangeRatePerMinute() throws Exception {
        counters = counters(30_000, 20_000, 1_000, 5);
        start("sampleIntervalSeconds 10\n");
        clock.runDue();
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(HealthOids.NETNS_CHANGE_RATE), "needs two samples");
        counters = counters(30_000, 20_000, 1_000, 25); // +20 in 10 s
        clock.advance(10, TimeUnit.SECONDS);
        assertEquals(MibValue.integer(120), get(HealthOids.NETNS_CHANGE_RATE));
        counters = counters(30_000, 20_000, 1_000, 15);
        clock.advance(10, TimeUnit.SECONDS);
        assertEquals(MibValue.integer(-60), get(HealthOids.NETNS_CHANGE_RATE));
    }

    @Test
    void viewListenersSeeEveryRebuild() throws Exception {
        start("sampleIntervalSeconds 10\nprobeIntervalSeconds 60\n");
        List<nlagent.mib.MibView> seen = new ArrayList<>();
        monitor.onReplaced(() -> seen.add(monitor.current()));
        clock.runDue(); // first sample + first probe
        assertEquals(2, seen.size());
        assertTrue(seen.get(1) == monitor.current());
        clock.advance(10, TimeUnit.SECONDS);
        assertEquals(3, seen.size());
        assertEquals(List.of(HealthOids.ROOT), monitor.current().subtrees());
    }

    @Test
    void notificationsWaitForASinkSetLater() throws Exception {
        HealthConfig c = new HealthConfig();
        ConfigFile.apply("t.conf", "chainExcessUs 20 10\n", List.of(c));
        monitor = HealthMonitor.start(c, () -> counters, () -> new ProbeRun(OptionalLong.of(2_000),
                List.of(OptionalLong.of(pathNs[0]), OptionalLong.of(2_000), OptionalLong.of(2_000)), 1, 1, false),
                new IoCounters(), () -> null, null, clock, clock, 0, List.of());
        clock.runDue();
        pathNs[0] = 40_000;
        clock.advance(60, TimeUnit.SECONDS); // rising with no sink: state only
        assertEquals(MibValue.integer(2), get(HealthOids.HEALTH_STATE));
        monitor.setNotificationSink(sent::add);
        pathNs[0] = 2_000;
        clock.advance(60, TimeUnit.SECONDS);
        assertEquals(List.of(HealthOids.CHAIN_FALLING), trapOids());
    }

    @Test
    void closeStopsTheSchedule() throws Exception {
        start("");
        clock.runDue();
        monitor.close();
        assertEquals(0, clock.pendingTasks());
        int runs = probeRuns;
        clock.advance(600, TimeUnit.SECONDS);
        assertEquals(runs, probeRuns);
    }

    @Test
    void badThresholdNamesFileLineAndKey() {
        HealthConfig c = new HealthConfig();
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigFile.apply("x.conf", "\nchainExcessUs 10 20\n", List.of(c)));
        assertTrue(e.getMessage().startsWith("x.conf:2: chainExcessUs: falling threshold 20 must be below"),
                e.getMessage());
        ConfigException e2 = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigFile.apply("x.conf", "probeIntervalSeconds 5\n", List.of(new HealthConfig())));
        assertTrue(e2.getMessage().startsWith("x.conf:1: probeIntervalSeconds: 5 is out of range 10.."),
                e2.getMessage());
    }

    private List<Oid> trapOids() {
        return sent.stream().map(Notification::trapOid).toList();
    }
}
