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
 */
public record ProbeStatus(int index, Path path, Kind kind, OptionalLong latencyNanos, OptionalLong excessNanos,
                          OptionalLong ratioPercent, OptionalLong chainEstimate, OptionalLong lastRunNanos,
                          boolean alarmed, boolean critical) {

    /** dcacheProbeStatus. */
    public enum Kind {
        OK(1), MISSING(2), NOT_RUN(3);

        public final int mibValue;

        Kind(int mibValue) {
            this.mibValue = mibValue;
        }
    }
}
