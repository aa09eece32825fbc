package nlagent.testing;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The records that the loggers of some classes publish at {@code min} or above, in order, from
 * {@link #attach} until {@link #close}, which detaches the capture again. What reaches it is what the
 * loggers let through (their level, INFO by default): a capture at {@link Level#ALL} sees that much.
 */
public final class LogCapture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    private final Level min;
    /** Held here: the LogManager holds loggers weakly, and a logger collected meanwhile would lose the handler. */
    private final List<Logger> loggers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= min.intValue()) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Level min, List<Logger> loggers) {
        this.min = min;
        this.loggers = loggers;
    }

    /** Attaches to the loggers named after {@code classes} (as {@code Logger.getLogger(C.class.getName())}). */
    public static LogCapture attach(Level min, Class<?>... classes) {
        LogCapture c = eachTest(min, classes);
        c.attachNow();
        return c;
    }

    /**
     * A capture for a {@code @RegisterExtension} field: attached before each test with no records, detached
     * after it.
     */
    public static LogCapture eachTest(Level min, Class<?>... classes) {
        return new LogCapture(min, java.util.Arrays.stream(classes).map(k -> Logger.getLogger(k.getName())).toList());
    }

    private void attachNow() {
        loggers.forEach(l -> l.addHandler(handler));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        attachNow();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** The records so far, a live read-only view. */
    public List<LogRecord> records() {
        return Collections.unmodifiableList(records);
    }

    /** The messages of the records so far. */
    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    /** Detaches from every logger; the records stay readable. */
    @Override
    public void close() {
        loggers.forEach(l -> l.removeHandler(handler));
    }
}
