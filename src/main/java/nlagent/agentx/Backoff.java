package nlagent.agentx;

/** Reconnect delays: {@code minMs}, doubling per failure, capped at {@code maxMs}; reset on success. */
final class Backoff {
    private final long minMs;
    private final long maxMs;
    private long nextMs;

    Backoff(long minMs, long maxMs) {
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.nextMs = minMs;
    }

    /** The delay before the next attempt; each call doubles the following one. */
    long next() {
        long d = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return d;
    }

    /** The delay {@link #next} will return, without consuming it. */
    long peek() {
        return nextMs;
    }

    void reset() {
        nextMs = minMs;
    }
}
