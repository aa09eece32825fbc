package nlagent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nlagent.time.ManualScheduler;

class RateLimitedLogTest {
    private final Logger logger = Logger.getLogger("nlagent.log.RateLimitedLogTest");
    private final List<LogRecord> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
    }

    private List<String> messages() {
        return lines.stream().map(LogRecord::getMessage).toList();
    }

    @Test
    void aThousandOfOneKindGiveOneLineAndOneSummary() {
        ManualScheduler time = new ManualScheduler();
        RateLimitedLog log = new RateLimitedLog(logger, time, time);
        for (int i = 0; i < 1000; i++) {
            int n = i;
            log.log(Level.WARNING, "malformed", () -> "bad PDU " + n);
            time.advance(1, TimeUnit.MILLISECONDS);
        }
        assertEquals(List.of("bad PDU 0"), messages());
        assertEquals(999, log.suppressed("malformed"));
        time.advance(59, TimeUnit.SECONDS); // the window (1 minute from the first line) ends
        assertEquals(List.of("bad PDU 0", "bad PDU 999 (999 more in the last minute)"), messages());
        assertEquals(Level.WARNING, lines.get(1).getLevel());
        assertEquals("malformed", lines.get(1).getSourceMethodName());
        // the window is over and summarised: the next one goes out at once, without a count
        log.log(Level.WARNING, "malformed", "bad PDU again");
        assertEquals("bad PDU again", messages().get(2));
    }

    @Test
    void kindsAreIndependent() {
        ManualScheduler time = new ManualScheduler();
        RateLimitedLog log = new RateLimitedLog(logger, time, time);
        assertTrue(log.log(Level.WARNING, "a", "first a"));
        assertTrue(log.log(Level.WARNING, "b", "first b"));
        assertFalse(log.log(Level.WARNING, "a", "second a"));
        assertEquals(List.of("first a", "first b"), messages());
    }

    @Test
    void withoutSchedulerTheCountComesWithTheNextLine() {
        ManualScheduler time = new ManualScheduler();
        RateLimitedLog log = new RateLimitedLog(logger, time, null, TimeUnit.SECONDS.toNanos(10));
        log.log(Level.WARNING, "k", "one");
        log.log(Level.WARNING, "k", "two");
        log.log(Level.WARNING, "k", "three");
        time.advance(9_999, TimeUnit.MILLISECONDS);
        assertFalse(log.log(Level.WARNING, "k", "four"), "still inside the window");
        time.advance(1, TimeUnit.MILLISECONDS);
        assertTrue(log.log(Level.WARNING, "k", "five"));
        assertEquals(List.of("one", "five (3 more like it in the last 10 s before)"), messages());
        assertEquals(0, time.pendingTasks(), "nothing scheduled without a scheduler");
    }

    @Test
    void flushWritesEndedWindowsOnly() {
        ManualScheduler time = new ManualScheduler();
        RateLimitedLog log = new RateLimitedLog(logger, time, null, TimeUnit.SECONDS.toNanos(1));
        log.log(Level.INFO, "k", "x");
        log.log(Level.INFO, "k", "y");
        log.flush();
        assertEquals(List.of("x"), messages(), "window still open");
        time.advance(1, TimeUnit.SECONDS);
        log.flush();
        assertEquals(List.of("x", "y (1 more in the last 1 s)"), messages());
        log.flush();
        assertEquals(2, lines.size(), "summarised once");
    }

    @Test
    void messagesAreBuiltOnlyForLinesWritten() {
        ManualScheduler time = new ManualScheduler();
        RateLimitedLog log = new RateLimitedLog(logger, time, time);
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            log.log(Level.WARNING, "k", () -> "m" + built.incrementAndGet());
        }
        assertEquals(1, built.get());
        time.advance(1, TimeUnit.MINUTES);
        assertEquals(2, built.get(), "the summary builds the last message once");
        logger.setLevel(Level.SEVERE);
        try {
            assertFalse(log.log(Level.WARNING, "other", () -> "m" + built.incrementAndGet()));
            assertEquals(2, built.get(), "nothing built below the logger's level");
        } finally {
            logger.setLevel(null);
        }
    }
}
