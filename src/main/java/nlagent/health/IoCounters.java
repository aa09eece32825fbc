package nlagent.health;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The health monitor's own I/O accounting: fds it holds, preads it made, and the path lookups under
 * /proc/sys it made itself (probe stat()s and opens of held files). Kept apart from the data
 * plane's {@code DataPlaneStats.procSysLookups}, which must stay flat in steady state while the
 * probe's count grows by design.
 */
public final class IoCounters {
    private static final Path PROC_SYS = Path.of("/proc/sys");
    private final AtomicInteger heldFds = new AtomicInteger();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong opens = new AtomicLong();
    private final AtomicLong procSysLookups = new AtomicLong();

    void opened(Path path) {
        opens.incrementAndGet();
        if (path.startsWith(PROC_SYS)) {
            procSysLookups.incrementAndGet();
        }
    }

    void heldDelta(int delta) {
        heldFds.addAndGet(delta);
    }

    void read() {
        reads.incrementAndGet();
    }

    void lookups(long n) {
        procSysLookups.addAndGet(n);
    }

    public int heldFds() {
        return heldFds.get();
    }

    public long reads() {
        return reads.get();
    }

    public long opens() {
        return opens.get();
    }

    /** Path lookups under /proc/sys made by the monitor (probe stat()s plus opens). */
    public long procSysLookups() {
        return procSysLookups.get();
    }
}
