package nlagent.time;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test scheduler and ticker in one: time moves only when the test calls {@link #advance}, and tasks
 * due by then run on the test's thread, in order of due time.
 */
public final class ManualScheduler implements Scheduler, Ticker {
    private long nowNanos;
    private long seq;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Cancellable {
        final Runnable body;
        final long periodNanos;
        final long order = seq++;
        long dueNanos;
        boolean cancelled;

        Task(Runnable body, long dueNanos, long periodNanos) {
            this.body = body;
            this.dueNanos = dueNanos;
            this.periodNanos = periodNanos;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public long nanos() {
        return nowNanos;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Task t = new Task(task, nowNanos + unit.toNanos(delay), 0);
        tasks.add(t);
        return t;
    }

    @Override
    public synchronized Cancellable scheduleWithFixedDelay(Runnable task, long initialDelay, long period, TimeUnit unit) {
        Task t = new Task(task, nowNanos + unit.toNanos(initialDelay), unit.toNanos(period));
        tasks.add(t);
        return t;
    }

    /** Moves time forward, running every task that falls due on the way. */
    public void advance(long amount, TimeUnit unit) {
        long target = nowNanos + unit.toNanos(amount);
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(t -> t.cancelled);
                next = tasks.stream().filter(t -> t.dueNanos <= target)
                        .min(Comparator.<Task>comparingLong(t -> t.dueNanos).thenComparingLong(t -> t.order))
                        .orElse(null);
                if (next == null) {
                    nowNanos = target;
                    return;
                }
                nowNanos = Math.max(nowNanos, next.dueNanos);
                if (next.periodNanos > 0) {
                    next.dueNanos = nowNanos + next.periodNanos;
                } else {
                    tasks.remove(next);
                }
            }
            next.body.run();
        }
    }

    /** Runs tasks that are due now without moving time. */
    public void runDue() {
        advance(0, TimeUnit.NANOSECONDS);
    }

    public synchronized int pendingTasks() {
        tasks.removeIf(t -> t.cancelled);
        return tasks.size();
    }
}
