package nlagent.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test started (masters, subagents, processes), closed in the reverse order of {@link #add}. Every
 * one is closed even when an earlier one fails; the first failure is thrown, the later ones suppressed in it.
 */
public final class Cleanup implements AutoCloseable {
    private final List<AutoCloseable> items = new ArrayList<>();

    /** Closes {@code item} at {@link #close}, before everything added earlier; returns it. */
    public <T extends AutoCloseable> T add(T item) {
        items.add(item);
        return item;
    }

    @Override
    public void close() throws Exception {
        Throwable failure = null;
        for (int i = items.size() - 1; i >= 0; i--) {
            try {
                items.get(i).close();
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                } else {
                    failure.addSuppressed(t);
                }
            }
        }
        items.clear();
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw (Exception) failure;
        }
    }
}
