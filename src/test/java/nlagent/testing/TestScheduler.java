package nlagent.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import nlagent.time.ExecutorScheduler;

/**
 * One {@link ExecutorScheduler} for the tests of a class, as a static {@code @RegisterExtension} field: made at
 * its first {@link #get()} (not for a class whose preconditions skip it), closed after the class's last test.
 */
public final class TestScheduler implements AfterAllCallback {
    private final String name;
    private final int threads;
    private ExecutorScheduler scheduler;

    public TestScheduler(String name, int threads) {
        this.name = name;
        this.threads = threads;
    }

    public synchronized ExecutorScheduler get() {
        if (scheduler == null) {
            scheduler = new ExecutorScheduler(name, threads);
        }
        return scheduler;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
    }
}
