package nlagent.time;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Scheduler} on a small pool of daemon platform threads. Task exceptions are logged, never
 * silently lost; an Error ends the process ({@link FatalErrors}).
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExecutorScheduler.class.getName());
    private final ScheduledThreadPoolExecutor executor;

    public ExecutorScheduler(String threadName, int threads) {
        this.executor = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        // every thread now, by the caller: a pool thread made on demand inherits the CPUs of the thread that
        // submitted, which may be the AgentX I/O thread bound to the master's CPU (IoThreadPlacement)
        executor.prestartAllCoreThreads();
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
