package nlagent.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The namespaces served, by context, and what a directory listing changes: namespaces whose handle
 * file is gone (or now names another namespace) are closed, new ones opened a batch at a time up
 * to the configured maximum, ones not readable yet retried. Opening and closing are the caller's
 * ({@link Lifecycle}), so the bookkeeping is tested without root.
 *
 * @param <H> the per-namespace handle
 */
final class NamespaceRegistry<H extends NamespaceRegistry.Namespace> {
    private static final Logger LOG = Logger.getLogger(NamespaceRegistry.class.getName());

    /** What the registry reads of a handle. */
    interface Namespace {
        String context();

        /** The handle file it was opened from; null for the agent's own namespace (never rescanned away). */
        Path nsPath();

        /** Whether {@code handleFile} still names the namespace this handle holds. */
        boolean stillNamedBy(Path handleFile);
    }

    /** How namespaces are opened and closed. */
    interface Lifecycle<H> {
        /** Opens {@code context}'s namespace (null path: the agent's own) and starts watching it. */
        H open(String context, Path nsPath) throws IOException;

        /** Called once {@code h} is registered: takes its first snapshot. */
        void opened(H h);

        /** Stops serving {@code h} and closes it; it is no longer registered. */
        void closed(H h);
    }

    private final Map<String, H> handles = new ConcurrentHashMap<>();
    private final int maxNamespaces;
    private final int openBatch;
    private final Lifecycle<H> lifecycle;
    private final Runnable rescanSoon;
    private final Runnable rescanRetry;
    private boolean warnedFull;

    /**
     * @param rescanSoon  asks for another rescan after other due work (more namespaces than one batch)
     * @param rescanRetry asks for a rescan after a short delay (a namespace was not readable yet)
     */
    NamespaceRegistry(int maxNamespaces, int openBatch, Lifecycle<H> lifecycle, Runnable rescanSoon, Runnable rescanRetry) {
        this.maxNamespaces = maxNamespaces;
        this.openBatch = openBatch;
        this.lifecycle = lifecycle;
        this.rescanSoon = rescanSoon;
        this.rescanRetry = rescanRetry;
    }

    H get(String context) {
        return handles.get(context);
    }

    Collection<H> all() {
        return handles.values();
    }

    Set<String> contexts() {
        return Set.copyOf(handles.keySet());
    }

    int size() {
        return handles.size();
    }

    /** Opens and registers one namespace, then lets the lifecycle take its first snapshot. */
    H add(String context, Path nsPath) throws IOException {
        H h = lifecycle.open(context, nsPath);
        handles.put(context, h);
        lifecycle.opened(h);
        return h;
    }

    /** Unregisters and closes {@code context}'s namespace, if served. */
    void remove(String context) {
        H h = handles.remove(context);
        if (h != null) {
            lifecycle.closed(h);
        }
    }

    /**
     * Applies one listing of the directories ({@code found}: context to handle file). Stops before
     * the next open once {@code closing} says so. Not thread-safe: the caller serialises rescans.
     *
     * @return whether every namespace of the listing is now served or was tried (false: a batch
     *         or the maximum ended it, or closing)
     */
    boolean rescan(Map<String, Path> found, BooleanSupplier closing) {
        for (H h : handles.values()) {
            if (h.nsPath() == null) {
                continue;
            }
            Path p = found.get(h.context());
            if (p == null || !h.stillNamedBy(p)) {
                remove(h.context());
            }
        }
        boolean retry = false;
        int opened = 0;
        for (Map.Entry<String, Path> e : found.entrySet()) {
            if (KernelDataPlane.OWN_CONTEXT.equals(e.getKey()) || handles.containsKey(e.getKey())) {
                continue;
            }
            if (closing.getAsBoolean()) {
                return false;
            }
            if (opened == openBatch) {
                rescanSoon.run(); // the rest after whatever else is due
                return false;
            }
            if (handles.size() >= maxNamespaces) {
                if (!warnedFull) {
                    LOG.warning("serving the maximum of " + maxNamespaces + " namespaces (maxNamespaces); ignoring more");
                    warnedFull = true;
                }
                return false;
            }
            try {
                opened++;
                add(e.getKey(), e.getValue());
            } catch (IOException | RuntimeException ex) {
                retry = true;
                LOG.fine("namespace '" + e.getKey() + "' not readable yet: " + ex.getMessage());
            }
        }
        if (retry) {
            rescanRetry.run();
        }
        return true;
    }
}
