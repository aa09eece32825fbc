package nlagent.health;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One row of dcacheProbeTable as last measured. Latency, excess and ratio are empty while the path
 * (or, for excess and ratio, the control) is missing or not probed yet.
 *
 * @param index         1-based row index (configuration order)
 * @param lastRunNanos  ticker time of the last run that probed this path, empty before the first
 * @param alarmed       the chain alarm (chainExcessUs) is raised
 * @param critical      the critical alarm (chainExcessCriticalUs) is raised
 * @param chain         the chain estimate with its basis; null while there is no excess
 */
public record ProbeStatus(int index, Path path, Kind kind, OptionalLong latencyNanos, OptionalLong excessNanos,
                          OptionalLong ratioPercent, OptionalLong chainEstimate, OptionalLong lastRunNanos,
                          boolean alarmed, boolean critical, ChainEstimate chain) {

    /** Without a chain estimate (not measured). */
    public ProbeStatus(int index, Path path, Kind kind, OptionalLong latencyNanos, OptionalLong excessNanos,
                       OptionalLong ratioPercent, OptionalLong chainEstimate, OptionalLong lastRunNanos,
                       boolean alarmed, boolean critical) {
        this(index, path, kind, latencyNanos, excessNanos, ratioPercent, chainEstimate, lastRunNanos, alarmed, critical,
                chainEstimate.isPresent() ? new ChainEstimate(chainEstimate.getAsLong(), ChainEstimate.Basis.COST, 0) : null);
    }

    /** The state word of this path alone: critical, warning, ok (measured, no alarm), missing, not run. */
    public String stateWord() {
        if (kind != Kind.OK) {
            return kind == Kind.MISSING ? "missing" : "not run";
        }
        return critical ? "critical" : alarmed ? "warning" : "ok";
    }

    /** dcacheProbeStatus. */
    public enum Kind {
        OK(1), MISSING(2), NOT_RUN(3);

        public final int mibValue;

        Kind(int mibValue) {
            this.mibValue = mibValue;
        }
    }
}
