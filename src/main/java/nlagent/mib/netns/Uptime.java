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

    /** sysUpTime now, in centiseconds. */
    public long centisNow() {
        return centisAt(ticker.nanos());
    }

    /** sysUpTime at ticker time {@code nanos} (0 if before the start). */
    public long centisAt(long nanos) {
        return nanos <= startNanos ? 0 : (nanos - startNanos) / NANOS_PER_CENTI;
    }

    /** A TimeStamp value: 0 for "never / before start" (an event time of 0 means none seen). */
    public long timeStamp(long eventNanos) {
        return eventNanos == 0 ? 0 : centisAt(eventNanos);
    }
}
