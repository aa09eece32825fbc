package nlagent.kernel;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import nlagent.event.ListenerList;
import nlagent.model.NetnsSnapshot;
import nlagent.model.SnapshotSource;

/**
 * The latest snapshot of every served namespace, by context: readers take them without touching
 * the kernel, listeners hear every new snapshot and every removed context, and a caller may wait
 * for a context's first snapshot. Bounded (Caffeine) so a runaway directory cannot grow it without
 * limit.
 */
final class SnapshotStore {
    private static final Logger LOG = Logger.getLogger(SnapshotStore.class.getName());

    private final Cache<String, NetnsSnapshot> snapshots;
    private final ListenerList<SnapshotSource.Listener> listeners = new ListenerList<>(LOG, "snapshot listener");
    /** Notified when a context gets its first snapshot (for {@link #await}). */
    private final Object firstSnapshots = new Object();

    /** {@code maxContexts}: the most namespaces served, the agent's own included. */
    SnapshotStore(long maxContexts) {
        // maintenance on the writing thread: no executor of its own
        this.snapshots = Caffeine.newBuilder().maximumSize(maxContexts).executor(Runnable::run).build();
    }

    /** The latest snapshot of {@code context}, or null. */
    NetnsSnapshot get(String context) {
        return snapshots.getIfPresent(context);
    }

    Set<String> contexts() {
        return Set.copyOf(snapshots.asMap().keySet());
    }

    /** Replaces {@code context}'s snapshot and tells the listeners. */
    void publish(String context, NetnsSnapshot s) {
        if (snapshots.asMap().put(context, s) == null) {
            synchronized (firstSnapshots) {
                firstSnapshots.notifyAll();
            }
        }
        listeners.fire(l -> l.snapshotChanged(context, s));
    }

    /** Drops {@code context} and tells the listeners. */
    void remove(String context) {
        snapshots.invalidate(context);
        listeners.fire(l -> l.contextRemoved(context));
    }

    /** Waits until {@code context} has a snapshot; whether it has one. */
    boolean await(String context, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (firstSnapshots) {
            while (get(context) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(firstSnapshots, left);
            }
        }
        return true;
    }

    void addListener(SnapshotSource.Listener listener) {
        listeners.add(listener);
    }

    void removeListener(SnapshotSource.Listener listener) {
        listeners.remove(listener);
    }
}
