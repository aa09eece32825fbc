package nlagent.mib;

/** Where notifications go: SNMP trap/inform targets in standalone mode, AgentX Notify in subagent mode. */
@FunctionalInterface
public interface NotificationSink {
    void send(Notification notification);
}
