package nlagent.health;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import nlagent.model.DataPlaneStats;

/**
 * The monitor's logic without I/O or scheduling, shared by the agent and {@code nlagent check}:
 * folds counter samples and probe runs into alarms (with hysteresis), derived figures (excess,
 * ratio, chain estimate, namespace change rate), probe back-off and the overall state. Not
 * thread-safe; {@link HealthMonitor} serialises calls.
 */
final class HealthEvaluator {
    private final HealthConfig config;
    private final IoCounters io;

    private KernelCounters counters = KernelCounters.absent();
    private DataPlaneStats lastDataPlane;
    private final HysteresisAlarm unusedAlarm;
    private final HysteresisAlarm negativeAlarm;

    private OptionalLong controlLatencyNanos = OptionalLong.empty();
    private final ProbeStatus[] probes;
    private final HysteresisAlarm[] chainAlarms;
    private final HysteresisAlarm[] criticalAlarms;
    private long probeRuns;
    private long probeBackoffs;
    private long effectiveIntervalSeconds;
    private OptionalLong lastProbeDurationNanos = OptionalLong.empty();

    private long nsPrevCount = -1;
    private long nsPrevNanos;
    private boolean nsPrevFromSlab;
    private OptionalLong netnsChangePerMinute = OptionalLong.empty();

    private HealthState state = HealthState.UNKNOWN;
    private long stateChangedNanos;
    private String message = "no sample yet";

    HealthEvaluator(HealthConfig config, IoCounters io, long startNanos) {
        this.config = config;
        this.io = io;
        this.stateChangedNanos = startNanos;
        this.unusedAlarm = new HysteresisAlarm(config.dentriesUnused());
        this.negativeAlarm = new HysteresisAlarm(config.dentriesNegative());
        List<Path> paths = config.probePaths();
        this.probes = new ProbeStatus[paths.size()];
        this.chainAlarms = new HysteresisAlarm[paths.size()];
        this.criticalAlarms = new HysteresisAlarm[paths.size()];
        OptionalLong e = OptionalLong.empty();
        for (int i = 0; i < paths.size(); i++) {
            probes[i] = new ProbeStatus(i + 1, paths.get(i), ProbeStatus.Kind.NOT_RUN, e, e, e, e, e, false, false);
            chainAlarms[i] = new HysteresisAlarm(config.chainExcessUs());
            criticalAlarms[i] = new HysteresisAlarm(config.chainExcessCriticalUs());
        }
        this.effectiveIntervalSeconds = config.probeIntervalSeconds();
    }

    /** Folds in a counter sample; {@code dataPlane} may be null. Returns the crossings it caused. */
    List<AlarmEvent> onCounters(KernelCounters sample, DataPlaneStats dataPlane, long nowNanos) {
        counters = sample;
        if (dataPlane != null) {
            lastDataPlane = dataPlane;
        }
        updateNetnsRate(sample, dataPlane, nowNanos);
        List<AlarmEvent> events = new ArrayList<>();
        sample.dentriesUnused().ifPresent(v -> crossing(unusedAlarm.sample(v), AlarmEvent.Kind.UNUSED_RISING,
                AlarmEvent.Kind.UNUSED_FALLING, 0, events));
        sample.dentriesNegative().ifPresent(v -> crossing(negativeAlarm.sample(v), AlarmEvent.Kind.NEGATIVE_RISING,
                AlarmEvent.Kind.NEGATIVE_FALLING, 0, events));
        updateState(nowNanos);
        return events;
    }

    /** Folds in a probe run. Returns the crossings it caused. */
    List<AlarmEvent> onProbe(ProbeRun run, long nowNanos) {
        probeRuns++;
        lastProbeDurationNanos = OptionalLong.of(run.durationNanos());
        if (run.overBudget()) {
            probeBackoffs++;
            effectiveIntervalSeconds = Math.min(config.probeMaxIntervalSeconds(), effectiveIntervalSeconds * 2);
        } else {
            effectiveIntervalSeconds = Math.max(config.probeIntervalSeconds(), effectiveIntervalSeconds / 2);
        }
        controlLatencyNanos = run.controlMedianNanos();
        List<AlarmEvent> events = new ArrayList<>();
        for (int i = 0; i < probes.length; i++) {
            OptionalLong lat = i < run.pathMedianNanos().size() ? run.pathMedianNanos().get(i) : OptionalLong.empty();
            OptionalLong excess = OptionalLong.empty();
            OptionalLong ratio = OptionalLong.empty();
            OptionalLong estimate = OptionalLong.empty();
            ChainEstimate chain = null;
            if (lat.isPresent() && controlLatencyNanos.isPresent()) {
                long control = controlLatencyNanos.getAsLong();
                long ex = Math.max(0, lat.getAsLong() - control);
                excess = OptionalLong.of(ex);
                ratio = OptionalLong.of(control > 0 ? Math.round(lat.getAsLong() * 100.0 / control) : 0);
                chain = ChainEstimate.of(ex, config.probePerEntryNs(), liveNamespaces());
                estimate = OptionalLong.of(chain.entries());
                long excessUs = ex / 1000;
                crossing(chainAlarms[i].sample(excessUs), AlarmEvent.Kind.CHAIN_RISING, AlarmEvent.Kind.CHAIN_FALLING,
                        i + 1, events);
                criticalAlarms[i].sample(excessUs);
            }
            probes[i] = new ProbeStatus(i + 1, probes[i].path(),
                    lat.isPresent() ? ProbeStatus.Kind.OK : ProbeStatus.Kind.MISSING, lat, excess, ratio, estimate,
                    OptionalLong.of(nowNanos), chainAlarms[i].raised(), criticalAlarms[i].raised(), chain);
        }
        updateState(nowNanos);
        return events;
    }

    /**
     * Upper bound on any same-name chain: namespaces alive now (slab count, else those served when the agent
     * opens them all; an AgentX-only subagent opens its own alone, which bounds nothing).
     */
    private OptionalLong liveNamespaces() {
        if (counters.slabNetNamespaceObjects().isPresent()) {
            return counters.slabNetNamespaceObjects();
        }
        return lastDataPlane == null || !lastDataPlane.allNamespaces() ? OptionalLong.empty()
                : OptionalLong.of(lastDataPlane.namespaces());
    }

    /** Delay before the next probe run, after back-off. */
    long effectiveIntervalSeconds() {
        return effectiveIntervalSeconds;
    }

    private static void crossing(HysteresisAlarm.Crossing c, AlarmEvent.Kind up, AlarmEvent.Kind down, int index,
                                 List<AlarmEvent> out) {
        if (c == HysteresisAlarm.Crossing.ROSE) {
            out.add(new AlarmEvent(up, index));
        } else if (c == HysteresisAlarm.Crossing.FELL) {
            out.add(new AlarmEvent(down, index));
        }
    }

    private void updateNetnsRate(KernelCounters sample, DataPlaneStats dp, long nowNanos) {
        boolean fromSlab = sample.slabNetNamespaceObjects().isPresent();
        long count;
        if (fromSlab) {
            count = sample.slabNetNamespaceObjects().getAsLong();
        } else if (dp != null && dp.allNamespaces()) {
            count = dp.namespaces();
        } else {
            netnsChangePerMinute = OptionalLong.empty();
            nsPrevCount = -1;
            return;
        }
        if (nsPrevCount >= 0 && nsPrevFromSlab == fromSlab && nowNanos > nsPrevNanos) {
            double perMinute = (count - nsPrevCount) * 60e9 / (nowNanos - nsPrevNanos);
            netnsChangePerMinute = OptionalLong.of(Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                    Math.round(perMinute))));
        } else {
            netnsChangePerMinute = OptionalLong.empty(); // a rate needs two samples from the same source
        }
        nsPrevCount = count;
        nsPrevNanos = nowNanos;
        nsPrevFromSlab = fromSlab;
    }

    private void updateState(long nowNanos) {
        List<String> critical = new ArrayList<>();
        List<String> warning = new ArrayList<>();
        boolean anyMeasured = false;
        ProbeStatus worst = null;
        for (int i = 0; i < probes.length; i++) {
            ProbeStatus p = probes[i];
            if (p.excessNanos().isEmpty()) {
                continue;
            }
            anyMeasured = true;
            if (worst == null || p.excessNanos().getAsLong() > worst.excessNanos().getAsLong()) {
                worst = p;
            }
            if (p.critical()) {
                critical.add(describe(p, criticalAlarms[i]));
            } else if (p.alarmed()) {
                warning.add(describe(p, chainAlarms[i]));
            }
        }
        if (unusedAlarm.raised()) {
            warning.add(counters.dentriesUnused().orElse(-1) + " unused dentries (alarm at "
                    + unusedAlarm.rising() + ", clears at " + unusedAlarm.falling() + ")");
        }
        if (negativeAlarm.raised()) {
            warning.add(counters.dentriesNegative().orElse(-1) + " negative dentries (alarm at "
                    + negativeAlarm.rising() + ", clears at " + negativeAlarm.falling() + ")");
        }
        HealthState next;
        String msg;
        if (!critical.isEmpty()) {
            next = HealthState.CRITICAL;
            List<String> all = new ArrayList<>(critical);
            all.addAll(warning);
            msg = String.join("; ", all);
        } else if (!warning.isEmpty()) {
            next = HealthState.WARNING;
            msg = String.join("; ", warning);
        } else if (!config.probeEnabled()) {
            // the operator turned the probe off: the state rests on the dentry counters alone
            next = counters.dentries().isPresent() ? HealthState.OK : HealthState.UNKNOWN;
            msg = "lookup probe disabled" + suffix(counters.dentries(), " dentries")
                    + suffix(counters.dentriesNegative(), " negative");
        } else if (!anyMeasured) {
            next = HealthState.UNKNOWN;
            msg = unknownReason();
        } else {
            next = HealthState.OK;
            msg = "max lookup excess " + us(worst.excessNanos().getAsLong()) + " us (" + worst.path() + ")"
                    + suffix(counters.dentries(), " dentries") + suffix(counters.dentriesNegative(), " negative");
        }
        if (next != state) {
            state = next;
            stateChangedNanos = nowNanos;
        }
        message = msg;
    }

    private String unknownReason() {
        if (probeRuns == 0) {
            return "no probe run yet";
        }
        if (controlLatencyNanos.isEmpty()) {
            return "control path " + config.probeControlPath() + " not measurable";
        }
        return "no probe path exists (" + config.probePaths() + ")";
    }

    private static String describe(ProbeStatus p, HysteresisAlarm alarm) {
        return p.path() + " lookup excess " + us(p.excessNanos().getAsLong()) + " us (alarm at " + alarm.rising()
                + " us, clears at " + alarm.falling() + " us; "
                + (p.chain() == null ? "~0 chain entries" : p.chain().describe()) + ")";
    }

    private static String suffix(OptionalLong v, String what) {
        return v.isPresent() ? ", " + v.getAsLong() + what : "";
    }

    private static long us(long nanos) {
        return nanos / 1000;
    }

    HealthStatus status(DataPlaneStats dataPlane) {
        return new HealthStatus(counters, netnsChangePerMinute, controlLatencyNanos, List.of(probes), probeRuns,
                probeBackoffs, effectiveIntervalSeconds, lastProbeDurationNanos, unusedAlarm.raised(),
                negativeAlarm.raised(), state, stateChangedNanos, message, io.heldFds(), io.reads(),
                io.procSysLookups(), dataPlane);
    }
}
