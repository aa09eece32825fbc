package nlagent.time;

/**
 * A source of monotonic nanoseconds, injected wherever timing matters (refresh, probe, thresholds,
 * TimeStamp values) so that tests can drive time by hand instead of sleeping. Same shape as
 * Caffeine's {@code Ticker}.
 */
@FunctionalInterface
public interface Ticker {
    /** Monotonic nanoseconds; only differences are meaningful. */
    long nanos();

    /** The real monotonic clock. */
    static Ticker system() {
        return System::nanoTime;
    }
}
