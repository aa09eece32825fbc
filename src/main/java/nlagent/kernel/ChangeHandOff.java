package nlagent.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Hands changes (netconf notifications) from the notification thread to one namespace without
 * ever making that thread wait for the namespace. {@link #offer} queues the change and applies it
 * at once when nobody holds the namespace; when its refresh holds it ({@link #runExclusive}), the
 * change stays queued and the refresh applies it, with everything else that came meanwhile, as soon
 * as its own work is done. So one slow namespace (memory pressure, 10,000 neighbours) delays only
 * its own changes, never those of the others, which the same thread delivers.
 *
 * <p>No change is lost: whoever releases the namespace re-checks the queue, and a failed
 * {@code tryLock} by the offering thread happens before that release, so its change is seen.
 * Changes are applied in arrival order, each batch under the exclusion.
 */
final class ChangeHandOff<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock exclusive = new ReentrantLock();

    /** Work done holding the namespace. */
    @FunctionalInterface
    interface Work<R, E extends Exception> {
        R run() throws E;
    }

    /**
     * Runs {@code work} holding the namespace (waiting only for a short {@code apply} in progress),
     * then applies the changes queued meanwhile on this thread.
     */
    <R, E extends Exception> R runExclusive(Work<R, E> work, Consumer<List<T>> apply) throws E {
        exclusive.lock();
        try {
            return work.run();
        } finally {
            exclusive.unlock();
            drain(apply);
        }
    }

    /** Queues {@code change}; applies the queue now if nobody holds the namespace, else leaves it to the holder. Never blocks. */
    void offer(T change, Consumer<List<T>> apply) {
        queue.add(change);
        drain(apply);
    }

    /** Whether someone holds the namespace now (a refresh, or a short apply). */
    boolean busy() {
        return exclusive.isLocked();
    }

    /** Changes waiting for the namespace now. */
    int pending() {
        return queue.size();
    }

    private void drain(Consumer<List<T>> apply) {
        while (!queue.isEmpty() && exclusive.tryLock()) {
            try {
                List<T> batch = new ArrayList<>();
                T t;
                while ((t = queue.poll()) != null) {
                    batch.add(t);
                }
                if (!batch.isEmpty()) {
                    apply.accept(batch);
                }
            } finally {
                exclusive.unlock();
            }
        }
    }
}
