package nlagent.metrics;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The AgentX session as the subagent reports it (read at scrape time).
 *
 * @param state          "connecting", "active" or "closed"
 * @param sessionsOpened sessions opened since start (each one after the first is a reconnect)
 */
public record AgentxStats(Supplier<String> state, LongSupplier sessionsOpened) {
    /** Every value of {@link #state}, so each is exported (0 or 1) and a rule can match "not active". */
    public static final String[] STATES = {"connecting", "active", "closed"};
}
