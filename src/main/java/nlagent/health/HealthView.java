package nlagent.health;

import static nlagent.health.HealthOids.*;

import java.util.OptionalLong;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.model.DataPlaneStats;

/**
 * Renders a {@link HealthStatus} as the DCACHE-HEALTH-MIB view. Every scalar and column is declared
 * as an object, so a value whose source is unreadable answers noSuchInstance (absent), never zero.
 * TimeStamp values are hundredths of a second since {@code upTimeOriginNanos}, the agent's
 * sysUpTime origin.
 */
final class HealthView {
    private HealthView() {
    }

    static SortedMibView build(HealthStatus s, HealthConfig c, long upTimeOriginNanos) {
        B b = new B();
        KernelCounters k = s.counters();
        b.gauge(DENTRIES, k.dentries());
        b.gauge(DENTRIES_UNUSED, k.dentriesUnused());
        b.gauge(DENTRY_AGE_LIMIT, k.ageLimitSeconds());
        b.gauge(DENTRY_WANT_PAGES, k.wantPages());
        b.gauge(DENTRIES_NEGATIVE, k.dentriesNegative());
        b.gauge(SLAB_DENTRY_OBJECTS, k.slabDentryObjects());
        b.gauge(SLAB_PROC_INODE_OBJECTS, k.slabProcInodeObjects());
        b.gauge(SLAB_NET_NAMESPACE_OBJECTS, k.slabNetNamespaceObjects());

        b.scalar(PROBE_INTERVAL, MibValue.gauge32(c.probeIntervalSeconds()));
        b.scalar(PROBE_EFFECTIVE_INTERVAL, MibValue.gauge32(s.effectiveIntervalSeconds()));
        b.scalar(PROBE_BACKOFFS, MibValue.counter32(s.probeBackoffs()));
        b.scalar(PROBE_BUDGET, MibValue.gauge32(c.probeBudgetUs()));
        b.scalar(PROBE_BURST, MibValue.gauge32(c.probeBurst()));
        b.scalar(PROBE_PER_ENTRY_COST, MibValue.gauge32(c.probePerEntryNs()));
        b.scalar(PROBE_RUNS, MibValue.counter32(s.probeRuns()));
        b.scalar(PROBE_LOOKUPS, MibValue.counter32(s.monitorProcSysLookups()));
        b.gauge(PROBE_LAST_DURATION, micros(s.lastProbeDurationNanos()));
        b.scalar(PROBE_CONTROL_PATH, MibValue.string(c.probeControlPath().toString()));
        b.gauge(PROBE_CONTROL_LATENCY, micros(s.controlLatencyNanos()));
        for (Oid col : new Oid[] {PROBE_PATH, PROBE_STATUS, PROBE_LATENCY, PROBE_EXCESS, PROBE_RATIO,
                PROBE_CHAIN_ESTIMATE, PROBE_LAST_RUN, PROBE_ALARMED}) {
            b.view.object(col);
        }
        for (ProbeStatus p : s.probes()) {
            int i = p.index();
            b.view.add(probeCell(PROBE_PATH, i), MibValue.string(p.path().toString()));
            b.view.add(probeCell(PROBE_STATUS, i), MibValue.integer(p.kind().mibValue));
            p.latencyNanos().ifPresent(v -> b.view.add(probeCell(PROBE_LATENCY, i), MibValue.gauge32(v / 1000)));
            p.excessNanos().ifPresent(v -> b.view.add(probeCell(PROBE_EXCESS, i), MibValue.gauge32(v / 1000)));
            p.ratioPercent().ifPresent(v -> b.view.add(probeCell(PROBE_RATIO, i), MibValue.gauge32(v)));
            p.chainEstimate().ifPresent(v -> b.view.add(probeCell(PROBE_CHAIN_ESTIMATE, i), MibValue.gauge32(v)));
            p.lastRunNanos().ifPresent(v -> b.view.add(probeCell(PROBE_LAST_RUN, i),
                    timeStamp(v, upTimeOriginNanos)));
            b.view.add(probeCell(PROBE_ALARMED, i), truthValue(p.alarmed()));
        }

        b.gauge(NETNS_ALLOCATED, k.slabNetNamespaceObjects());
        DataPlaneStats d = s.dataPlane();
        b.gauge(NETNS_SERVED, d == null ? OptionalLong.empty() : OptionalLong.of(d.namespaces()));
        b.view.object(NETNS_CHANGE_RATE);
        s.netnsChangePerMinute().ifPresent(v -> b.view.add(scalar(NETNS_CHANGE_RATE), MibValue.integer((int) v)));

        for (Oid o : new Oid[] {AGENT_HELD_FDS, AGENT_FD_REOPENS, AGENT_STALE_FDS, AGENT_PROC_SYS_LOOKUPS,
                AGENT_NETLINK_DUMPS, AGENT_NETLINK_RESYNCS, AGENT_NETLINK_ERRORS, AGENT_REFRESH_DURATION,
                AGENT_SNAPSHOT_AGE}) {
            b.view.object(o);
        }
        if (d != null) {
            b.scalar(AGENT_HELD_FDS, MibValue.gauge32(d.heldFds()));
            b.scalar(AGENT_FD_REOPENS, MibValue.counter32(d.fdReopens()));
            b.scalar(AGENT_STALE_FDS, MibValue.gauge32(d.staleFds()));
            b.scalar(AGENT_PROC_SYS_LOOKUPS, MibValue.counter32(d.procSysLookups()));
            b.scalar(AGENT_NETLINK_DUMPS, MibValue.counter32(d.netlinkDumps()));
            b.scalar(AGENT_NETLINK_RESYNCS, MibValue.counter32(d.netlinkResyncs()));
            b.scalar(AGENT_NETLINK_ERRORS, MibValue.counter32(d.netlinkErrors()));
            b.scalar(AGENT_REFRESH_DURATION, MibValue.gauge32(d.lastRefreshDurationNanos() / 1000));
            b.scalar(AGENT_SNAPSHOT_AGE, MibValue.gauge32(d.oldestSnapshotAgeNanos() / 1_000_000));
        }
        b.scalar(MONITOR_HELD_FDS, MibValue.gauge32(s.monitorHeldFds()));
        b.scalar(MONITOR_READS, MibValue.counter32(s.monitorReads()));

        b.scalar(HEALTH_STATE, MibValue.integer(s.state().mibValue));
        b.scalar(HEALTH_LAST_CHANGE, timeStamp(s.stateChangedNanos(), upTimeOriginNanos));
        b.scalar(HEALTH_MESSAGE, MibValue.string(displayString(s.message())));

        b.scalar(EXCESS_RISING_THRESHOLD, MibValue.gauge32(c.chainExcessUs().rising()));
        b.scalar(EXCESS_FALLING_THRESHOLD, MibValue.gauge32(c.chainExcessUs().falling()));
        b.scalar(EXCESS_CRITICAL_RISING_THRESHOLD, MibValue.gauge32(c.chainExcessCriticalUs().rising()));
        b.scalar(EXCESS_CRITICAL_FALLING_THRESHOLD, MibValue.gauge32(c.chainExcessCriticalUs().falling()));
        b.scalar(UNUSED_RISING_THRESHOLD, MibValue.gauge32(c.dentriesUnused().rising()));
        b.scalar(UNUSED_FALLING_THRESHOLD, MibValue.gauge32(c.dentriesUnused().falling()));
        b.scalar(NEGATIVE_RISING_THRESHOLD, MibValue.gauge32(c.dentriesNegative().rising()));
        b.scalar(NEGATIVE_FALLING_THRESHOLD, MibValue.gauge32(c.dentriesNegative().falling()));
        b.view.subtree(ROOT);
        return b.view.build();
    }

    /** TimeStamp: sysUpTime (centiseconds) at {@code nanos}; 0 for times before the origin. */
    static MibValue timeStamp(long nanos, long originNanos) {
        return MibValue.timeTicks(nlagent.mib.netns.Uptime.centisBetween(originNanos, nanos));
    }

    static MibValue truthValue(boolean b) {
        return MibValue.integer(b ? 1 : 2);
    }

    /** DisplayString is at most 255 octets. */
    static String displayString(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length <= 255) {
            return s;
        }
        String t = s;
        while (t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 252) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }

    private static OptionalLong micros(OptionalLong nanos) {
        return nanos.isPresent() ? OptionalLong.of(nanos.getAsLong() / 1000) : OptionalLong.empty();
    }

    /** Builder shorthand: scalars are declared as objects, so an absent value reads noSuchInstance. */
    private static final class B {
        final SortedMibView.Builder view = SortedMibView.builder();

        void scalar(Oid object, MibValue v) {
            view.object(object);
            view.add(HealthOids.scalar(object), v);
        }

        void gauge(Oid object, OptionalLong v) {
            view.object(object);
            v.ifPresent(x -> view.add(HealthOids.scalar(object), MibValue.gauge32(x)));
        }
    }
}
