package nlagent.health;

import java.util.List;
import java.util.OptionalLong;

/**
 * One probe run: the median stat() latency of the control and of each probe path (in configuration
 * order; empty when the path did not exist), how many lookups the run made, how long it took, and
 * whether one sample exceeded the budget (the run was then cut short).
 */
public record ProbeRun(OptionalLong controlMedianNanos, List<OptionalLong> pathMedianNanos, long lookups,
                       long durationNanos, boolean overBudget) {
    public ProbeRun {
        pathMedianNanos = List.copyOf(pathMedianNanos);
    }
}
