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

    /**
     * Every field, written out: the generated equals is a chain of method handles that the JIT left
     * as calls (~6% of a refresh's CPU on a host of 1,000 interfaces, where every row's counters are
     * compared with the previous reading's: bench/README.md). One branch, on the OR of the fields'
     * differences, not one per field: the warm-up's refreshes of idle interfaces see only some
     * fields move, and C2 turned the never-taken branches into traps that the first poll after a
     * quiet interval hit (bench/README.md, thirteenth round).
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof LinkStats s)) {
            return false;
        }
        long d = (rxPackets ^ s.rxPackets) | (txPackets ^ s.txPackets) | (rxBytes ^ s.rxBytes) | (txBytes ^ s.txBytes)
                | (rxErrors ^ s.rxErrors) | (txErrors ^ s.txErrors) | (rxDropped ^ s.rxDropped) | (txDropped ^ s.txDropped)
                | (multicast ^ s.multicast) | (collisions ^ s.collisions)
                | (rxLengthErrors ^ s.rxLengthErrors) | (rxOverErrors ^ s.rxOverErrors) | (rxCrcErrors ^ s.rxCrcErrors)
                | (rxFrameErrors ^ s.rxFrameErrors) | (rxFifoErrors ^ s.rxFifoErrors) | (rxMissedErrors ^ s.rxMissedErrors)
                | (txAbortedErrors ^ s.txAbortedErrors) | (txCarrierErrors ^ s.txCarrierErrors) | (txFifoErrors ^ s.txFifoErrors)
                | (txHeartbeatErrors ^ s.txHeartbeatErrors) | (txWindowErrors ^ s.txWindowErrors)
                | (rxCompressed ^ s.rxCompressed) | (txCompressed ^ s.txCompressed) | (rxNohandler ^ s.rxNohandler)
                | (rxOtherhostDropped ^ s.rxOtherhostDropped);
        return d == 0;
    }

    @Override
    public int hashCode() {
        long h = rxPackets;
        h = 31 * h + txPackets;
        h = 31 * h + rxBytes;
        h = 31 * h + txBytes;
        h = 31 * h + rxErrors;
        h = 31 * h + txErrors;
        h = 31 * h + rxDropped;
        h = 31 * h + txDropped;
        h = 31 * h + multicast;
        h = 31 * h + collisions;
        h = 31 * h + rxLengthErrors;
        h = 31 * h + rxOverErrors;
        h = 31 * h + rxCrcErrors;
        h = 31 * h + rxFrameErrors;
        h = 31 * h + rxFifoErrors;
        h = 31 * h + rxMissedErrors;
        h = 31 * h + txAbortedErrors;
        h = 31 * h + txCarrierErrors;
        h = 31 * h + txFifoErrors;
        h = 31 * h + txHeartbeatErrors;
        h = 31 * h + txWindowErrors;
        h = 31 * h + rxCompressed;
        h = 31 * h + txCompressed;
        h = 31 * h + rxNohandler;
        h = 31 * h + rxOtherhostDropped;
        return Long.hashCode(h);
    }
}
