package nlagent.time;

import java.util.concurrent.TimeUnit;

/**
 * Runs tasks later. Production code uses {@link ExecutorScheduler}; tests use a manual scheduler
 * that fires tasks when the test advances its ticker, so periodic work is tested deterministically.
 */
public interface Scheduler {

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code task} once after {@code delay}. */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);

    /** Runs {@code task} every {@code period}, first after {@code initialDelay} (fixed delay semantics). */
    Cancellable scheduleWithFixedDelay(Runnable task, long initialDelay, long period, TimeUnit unit);

    /** Runs {@code task} as soon as possible, off the caller's thread. */
    default void execute(Runnable task) {
        schedule(task, 0, TimeUnit.NANOSECONDS);
    }
}
