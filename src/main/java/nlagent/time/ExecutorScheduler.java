package nlagent.time;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Scheduler} on a small pool of daemon platform threads. Task exceptions are logged, never
 * silently lost; an Error ends the process ({@link FatalErrors}).
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExecutorScheduler.class.getName());
    private final ScheduledExecutorService executor;

    public ExecutorScheduler(String threadName, int threads) {
        this.executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        ScheduledFuture<?> f = executor.schedule(guarded(task), delay, unit);
        return () -> f.cancel(false);
    }

    @Override
    public Cancellable scheduleWithFixedDelay(Runnable task, long initialDelay, long period, TimeUnit unit) {
        // guarded: an exception would otherwise cancel every later run of a periodic task
        ScheduledFuture<?> f = executor.scheduleWithFixedDelay(guarded(task), initialDelay, period, unit);
        return () -> f.cancel(false);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "scheduled task failed: " + e, e);
            } catch (Error e) {
                FatalErrors.fatal(Thread.currentThread().getName(), e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
