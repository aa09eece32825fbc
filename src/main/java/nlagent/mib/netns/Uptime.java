package nlagent.mib.netns;

import nlagent.time.Ticker;

/**
 * The agent's notion of sysUpTime: TimeTicks (hundredths of a second) since the agent started,
 * on the injected {@link Ticker}. TimeStamp objects (ifLastChange, ...) are the sysUpTime of an
 * event, or 0 when it happened before the agent started (RFC 2579 TimeStamp).
 */
public final class Uptime {
    private static final long NANOS_PER_CENTI = 10_000_000L;
    private final Ticker ticker;
    private final long startNanos;

    public Uptime(Ticker ticker, long startNanos) {
        this.ticker = ticker;
        this.startNanos = startNanos;
    }

    /** Starts counting now. */
    public static Uptime startingNow(Ticker ticker) {
        return new Uptime(ticker, ticker.nanos());
    }

    public Ticker ticker() {
        return ticker;
    }

    /** The ticker time sysUpTime counts from (for parts that hold only the origin, e.g. the health monitor). */
    public long originNanos() {
        return startNanos;
    }

    /**
     * The one nanoseconds-to-TimeTicks conversion of the agent: hundredths of a second from
     * {@code originNanos} to {@code nanos}, 0 when {@code nanos} is not after the origin.
     */
    public static long centisBetween(long originNanos, long nanos) {
        return nanos <= originNanos ? 0 : (nanos - originNanos) / NANOS_PER_CENTI;
    }

    /** sysUpTime now, in centiseconds. */
    public long centisNow() {
        return centisAt(ticker.nanos());
    }

    /** sysUpTime at ticker time {@code nanos} (0 if before the start). */
    public long centisAt(long nanos) {
        return centisBetween(startNanos, nanos);
    }

    /** A TimeStamp value: 0 for "never / before start" (an event time of 0 means none seen). */
    public long timeStamp(long eventNanos) {
        return eventNanos == 0 ? 0 : centisAt(eventNanos);
    }
}
