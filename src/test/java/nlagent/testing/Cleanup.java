package nlagent.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test started (masters, subagents, processes), closed in the reverse order of {@link #add}. Every
 * one is closed even when an earlier one fails; the first failure is thrown, the later ones suppressed in it.
 * Closed by try-with-resources, or after each test as a {@code @RegisterExtension} field.
 */
public final class Cleanup implements AutoCloseable, AfterEachCallback {
    private final List<AutoCloseable> items = new ArrayList<>();

    /** Closes {@code item} at {@link #close}, before everything added earlier; returns it. */
    public <T extends AutoCloseable> T add(T item) {
        items.add(item);
        return item;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
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
