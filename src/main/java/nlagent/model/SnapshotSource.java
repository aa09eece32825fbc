package nlagent.model;

import java.util.Set;

/**
 * The current snapshot of every served namespace. Implemented by the kernel layer; read by the
 * MIB layer. Only {@link #awaitFresh} may wait (bounded) for kernel I/O; everything else returns at once.
 */
public interface SnapshotSource {

    /** The current snapshot of {@code context}, or null when there is no such namespace (or none yet). */
    NetnsSnapshot snapshot(String context);

    /** The contexts known now ("" is always there once the first snapshot is taken). */
    Set<String> contexts();

    /** Told when a namespace's snapshot is replaced, or a namespace appears or disappears. */
    interface Listener {
        void snapshotChanged(String context, NetnsSnapshot snapshot);

        void contextRemoved(String context);
    }

    /**
     * A frontend served {@code context} (or is about to): the source may keep that namespace
     * fresher than unread ones. Must be cheap and never block (called on every request); the
     * default ignores it.
     */
    default void accessed(String context) {
    }

    /**
     * A frontend is about to answer a request for {@code context}: the source may first bring that
     * namespace's snapshot up to date (when it is older than its refresh interval) and waits for
     * that at most a bound the implementation documents; then the request is answered from
     * whatever snapshot is current. Marks the context read like {@link #accessed}. The default
     * only does that.
     */
    default void awaitFresh(String context) {
        accessed(context);
    }

    void addListener(Listener listener);

    void removeListener(Listener listener);
}
