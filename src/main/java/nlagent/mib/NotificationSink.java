package nlagent.mib;

/** Where notifications go: SNMP trap/inform targets in standalone mode, AgentX Notify in subagent mode. */
@FunctionalInterface
public interface NotificationSink {
    void send(Notification notification);

    /** A sink that hands each notification to every one of {@code sinks} (none: dropped). */
    static NotificationSink fanOut(java.util.List<? extends NotificationSink> sinks) {
        java.util.List<NotificationSink> copy = java.util.List.copyOf(sinks);
        return n -> copy.forEach(s -> s.send(n));
    }
}
