package nlagent.time;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's one policy for an {@link Error} (OutOfMemoryError, StackOverflowError, a broken
 * class file, ...) that reaches a worker thread: the JVM may be in any state afterwards, and an
 * agent that limps on answers stale data or nothing. So log once and exit with {@link #EXIT_STATUS},
 * for systemd ({@code Restart=on-failure}) or Kubernetes to start a fresh one. Exceptions stay with
 * the code that catches them; only Errors come here.
 */
public final class FatalErrors {
    /** EX_SOFTWARE (sysexits.h): internal software error, distinct from config errors (2). */
    public static final int EXIT_STATUS = 70;
    /** How long the shutdown hooks may take before the process is halted regardless. */
    private static final long HALT_AFTER_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(FatalErrors.class.getName());
    private static final AtomicBoolean FIRED = new AtomicBoolean();
    private static volatile IntConsumer exit = FatalErrors::exitProcess;

    private FatalErrors() {
    }

    /**
     * Reports {@code error} caught in {@code where} (a thread or task name) and ends the process;
     * returns at once so the calling thread can end (it may be one that shutdown waits for).
     */
    public static void fatal(String where, Throwable error) {
        if (!FIRED.compareAndSet(false, true)) {
            return; // one line per process: the first Error is the one that matters
        }
        String msg = "fatal: " + error + " in " + where + "; exiting with status " + EXIT_STATUS
                + " so that the service manager restarts the agent";
        try {
            LOG.log(Level.SEVERE, msg, error);
        } catch (Throwable t) {
            System.err.println("nlagent: " + msg); // logging may need memory that is not there
        }
        exit.accept(EXIT_STATUS);
    }

    /** For threads the agent creates: Errors are fatal, other uncaught throwables are logged. */
    public static Thread.UncaughtExceptionHandler handler(Logger log) {
        return (thread, e) -> {
            if (e instanceof Error) {
                fatal(thread.getName(), e);
            } else {
                log.log(Level.SEVERE, thread.getName() + " ended: " + e, e);
            }
        };
    }

    /** Exit on a fresh thread (the caller may be one the shutdown hooks join), halt if the hooks hang. */
    private static void exitProcess(int status) {
        Thread exiter = new Thread(() -> System.exit(status), "nlagent-fatal-exit");
        Thread halter = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(HALT_AFTER_SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(status);
        }, "nlagent-fatal-halt");
        halter.setDaemon(true);
        halter.start();
        exiter.start();
    }

    /** Tests: where the exit status goes instead of ending the JVM; re-arms the once-only latch. */
    static void exitForTesting(IntConsumer testExit) {
        exit = testExit == null ? FatalErrors::exitProcess : testExit;
        FIRED.set(false);
    }
}
