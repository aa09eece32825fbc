package nlagent.standalone;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * How much the JIT compilers have worked so far, in ms, for the start-up warm-up to tell when they
 * are done ({@link Warmup}). On Linux: the CPU time of the JVM's compiler threads ({@code
 * /proc/self/task/TID/schedstat} of the threads named "C1 CompilerThre..."/"C2 CompilerThre..."),
 * which grows while a compilation runs. The JVM's own total compilation time
 * ({@link CompilationMXBean}) moves only when a compilation ends: a C2 compilation of 100–200 ms
 * in flight looked like a quiet compiler, the warm-up ended, and the compilation landed in the first
 * poll (bench/README.md, "Encoding from the view's arrays"). Elsewhere: that total.
 */
final class JitActivity {
    private static final Path TASKS = Path.of("/proc/self/task");

    private final Path tasks;
    /** Each compiler thread's CPU ns when last read, by thread id. */
    private final Map<String, Long> lastNanos = new HashMap<>();
    /** What the compiler threads used up to the last read, the ones that ended since included. */
    private long totalNanos;

    JitActivity(Path tasks) {
        this.tasks = tasks;
    }

    private JitActivity() {
        this(TASKS);
    }

    /** The best source this JVM has; 0 for ever where it has none. */
    static LongSupplier millis() {
        JitActivity procfs = new JitActivity();
        if (procfs.readNanos() > 0) {
            return () -> procfs.readNanos() / 1_000_000;
        }
        CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        if (c == null || !c.isCompilationTimeMonitoringSupported()) {
            return () -> 0;
        }
        return c::getTotalCompilationTime;
    }

    /**
     * The compiler threads' CPU ns so far: never less than the last reading, as a thread's time is
     * added only as it grows (HotSpot stops idle extra compiler threads, and a thread's task
     * directory can be unreadable for a moment); 0 when none was ever read.
     */
    synchronized long readNanos() {
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) threads::iterator) {
                long ns = compilerCpuNanos(t);
                if (ns > 0) {
                    String tid = t.getFileName().toString();
                    long last = lastNanos.getOrDefault(tid, 0L);
                    // less than before: a new compiler thread that got an ended one's id; all of its time is new
                    totalNanos += ns >= last ? ns - last : ns;
                    lastNanos.put(tid, ns);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no procfs (or a new layout): the total stays what it was
        }
        return totalNanos;
    }

    /** A task's on-CPU ns if it is a compiler thread, else 0 (also when it ended meanwhile). */
    private static long compilerCpuNanos(Path task) {
        try {
            String name = Files.readString(task.resolve("comm"));
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            String stat = Files.readString(task.resolve("schedstat"));
            int end = stat.indexOf(' ');
            return Long.parseLong(end < 0 ? stat.trim() : stat.substring(0, end));
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
