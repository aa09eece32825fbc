package nlagent.model;

/**
 * The kernel's {@code struct rtnl_link_stats64} (IFLA_STATS64), in declaration order. Fields a
 * kernel does not send read 0. All counters are unsigned 64-bit.
 */
public record LinkStats(
        long rxPackets, long txPackets, long rxBytes, long txBytes,
        long rxErrors, long txErrors, long rxDropped, long txDropped,
        long multicast, long collisions,
        long rxLengthErrors, long rxOverErrors, long rxCrcErrors, long rxFrameErrors,
        long rxFifoErrors, long rxMissedErrors,
        long txAbortedErrors, long txCarrierErrors, long txFifoErrors, long txHeartbeatErrors, long txWindowErrors,
        long rxCompressed, long txCompressed, long rxNohandler, long rxOtherhostDropped) {

    public static final LinkStats ZERO = new LinkStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
