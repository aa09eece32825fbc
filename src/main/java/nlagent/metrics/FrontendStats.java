package nlagent.metrics;

import java.util.function.LongSupplier;

/**
 * One SNMP frontend's request counters as its own code keeps them (read at scrape time).
 *
 * @param name     label value: "standalone" or "agentx"
 * @param requests requests answered or refused since start
 * @param dropped  requests dropped without an answer (bad community, vanished context)
 */
public record FrontendStats(String name, LongSupplier requests, LongSupplier dropped) {
}
