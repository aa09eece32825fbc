package nlagent.log;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.time.Scheduler;
import nlagent.time.Ticker;

/**
 * Logs a recurring problem once per window and kind, then how often it recurred: a peer that sends
 * 1,000 malformed PDUs in a second gives one line for the first and, when the window ends, one
 * "… 999 more in the last minute" line, not 1,000 lines. Kinds are independent (a new kind of
 * problem is always logged at once). Thread-safe; messages are built only for lines that are
 * written.
 *
 * <p>The summary of a window goes out when the window ends if a {@link Scheduler} was given,
 * otherwise with the next line of that kind or at {@link #flush()}. Time comes from the injected
 * {@link Ticker}, so tests drive it by hand.
 */
public final class RateLimitedLog {
    /** The window most callers want: one line per kind per minute. */
    public static final long DEFAULT_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger logger;
    private final Ticker ticker;
    private final Scheduler scheduler; // may be null
    private final long windowNanos;
    private final Map<String, Window> windows = new HashMap<>();

    /** One open window of one kind: when it began, how many lines it held back, the last of them. */
    private static final class Window {
        final long startNanos;
        long suppressed;
        Level level;
        Supplier<String> last;
        boolean summaryScheduled;

        Window(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    public RateLimitedLog(Logger logger, Ticker ticker, Scheduler scheduler, long windowNanos) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.logger = logger;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.windowNanos = windowNanos;
    }

    /** One line per kind per minute; summaries at the window's end through {@code scheduler}. */
    public RateLimitedLog(Logger logger, Ticker ticker, Scheduler scheduler) {
        this(logger, ticker, scheduler, DEFAULT_WINDOW_NANOS);
    }

    /**
     * Logs {@code message} unless a line of {@code kind} went out less than a window ago, in which
     * case it is only counted. Returns whether it was logged.
     */
    public boolean log(Level level, String kind, Supplier<String> message) {
        if (!logger.isLoggable(level)) {
            return false;
        }
        long now = ticker.nanos();
        long heldBack;
        long summaryDelay = -1;
        synchronized (windows) {
            Window w = windows.get(kind);
            if (w != null && now - w.startNanos < windowNanos) {
                w.suppressed++;
                w.level = level;
                w.last = message;
                if (scheduler != null && !w.summaryScheduled) {
                    w.summaryScheduled = true;
                    summaryDelay = windowNanos - (now - w.startNanos);
                }
                heldBack = -1;
            } else {
                heldBack = w == null ? 0 : w.suppressed;
                windows.put(kind, new Window(now));
            }
        }
        if (summaryDelay >= 0) {
            scheduler.schedule(this::flush, summaryDelay, TimeUnit.NANOSECONDS);
        }
        if (heldBack < 0) {
            return false;
        }
        String text = message.get();
        // source = the logger's name and the kind, not this class
        logger.logp(level, logger.getName(), kind, heldBack > 0 ? text + " (" + heldBack + " more like it in the " + windowText() + " before)" : text);
        return true;
    }

    /** Convenience for a fixed message. */
    public boolean log(Level level, String kind, String message) {
        return log(level, kind, () -> message);
    }

    /**
     * Writes the summary of every window that has ended with lines held back ("… 997 more in the
     * last minute"), and forgets it, so that the next line of its kind goes out at once.
     */
    public void flush() {
        long now = ticker.nanos();
        Map<String, Window> ended = new HashMap<>();
        synchronized (windows) {
            windows.entrySet().removeIf(e -> {
                Window w = e.getValue();
                if (now - w.startNanos < windowNanos) {
                    return false;
                }
                if (w.suppressed > 0) {
                    ended.put(e.getKey(), w);
                }
                return true;
            });
        }
        for (Map.Entry<String, Window> e : ended.entrySet()) {
            Window w = e.getValue();
            logger.logp(w.level, logger.getName(), e.getKey(), w.last.get() + " (" + w.suppressed + " more in the " + windowText() + ")");
        }
    }

    /** Lines held back so far in the current window of {@code kind}. */
    public long suppressed(String kind) {
        synchronized (windows) {
            Window w = windows.get(kind);
            return w == null ? 0 : w.suppressed;
        }
    }

    private String windowText() {
        if (windowNanos == TimeUnit.MINUTES.toNanos(1)) {
            return "last minute";
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(windowNanos);
        return ms % 1000 == 0 ? "last " + ms / 1000 + " s" : "last " + ms + " ms";
    }
}
