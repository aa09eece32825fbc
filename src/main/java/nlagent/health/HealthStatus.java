package nlagent.health;

import java.util.List;
import java.util.OptionalLong;

import nlagent.model.DataPlaneStats;

/**
 * Everything the monitor knows at one moment, immutable: the MIB view, the notifications' varbinds
 * and {@code nlagent check} are all rendered from it.
 *
 * @param stateChangedNanos ticker time of the last state change (start time before any)
 * @param dataPlane         the data plane's own figures; null without a data plane (nlagent check)
 */
public record HealthStatus(KernelCounters counters, OptionalLong netnsChangePerMinute,
                           OptionalLong controlLatencyNanos, List<ProbeStatus> probes,
                           long probeRuns, long probeBackoffs, long effectiveIntervalSeconds,
                           OptionalLong lastProbeDurationNanos,
                           boolean unusedAlarmed, boolean negativeAlarmed,
                           HealthState state, long stateChangedNanos, String message,
                           int monitorHeldFds, long monitorReads, long monitorProcSysLookups,
                           DataPlaneStats dataPlane) {
    public HealthStatus {
        probes = List.copyOf(probes);
    }
}
