package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JIT's work as its compiler threads' CPU time: only those threads, summed; grows while this JVM compiles. */
class JitActivityTest {
    private static void task(Path tasks, int tid, String comm, String schedstat) throws IOException {
        Path t = Files.createDirectories(tasks.resolve(Integer.toString(tid)));
        Files.writeString(t.resolve("comm"), comm + "\n");
        Files.writeString(t.resolve("schedstat"), schedstat + "\n");
    }

    @Test
    void sumsTheCompilerThreadsOnly(@TempDir Path tasks) throws IOException {
        task(tasks, 1, "java", "9000000000 1 1");
        task(tasks, 2, "C2 CompilerThre", "1500000000 20 30");
        task(tasks, 3, "C1 CompilerThre", "250000000 5 6");
        task(tasks, 4, "VM Thread", "7000000 1 1");
        task(tasks, 5, "C2 CompilerThre", "not a number");
        Files.createDirectories(tasks.resolve("6")); // a thread that ended while listed
        assertEquals(1_750_000_000L, new JitActivity(tasks).readNanos());
    }

    /** HotSpot stops idle extra compiler threads: what they did stays counted, and the reading never goes back. */
    @Test
    void aCompilerThreadThatEndsKeepsItsTimeCounted(@TempDir Path tasks) throws IOException {
        task(tasks, 2, "C2 CompilerThre", "1000000000 1 1");
        task(tasks, 7, "C2 CompilerThre", "300000000 1 1");
        JitActivity jit = new JitActivity(tasks);
        assertEquals(1_300_000_000L, jit.readNanos());
        Files.delete(tasks.resolve("7/comm"));
        Files.delete(tasks.resolve("7/schedstat"));
        Files.delete(tasks.resolve("7"));
        task(tasks, 2, "C2 CompilerThre", "1200000000 1 1");
        assertEquals(1_500_000_000L, jit.readNanos(), "thread 7's 0.3 s kept, thread 2's growth added");
        task(tasks, 8, "C1 CompilerThre", "5000000 1 1");
        assertEquals(1_505_000_000L, jit.readNanos(), "a new compiler thread counts from its start");
        task(tasks, 2, "C2 CompilerThre", "40000000 1 1"); // thread 2 ended, a new one got its id
        assertEquals(1_545_000_000L, jit.readNanos(), "a reused thread id: the new thread's time is added whole");
    }

    @Test
    void noProcfsReadsAsNothing(@TempDir Path dir) {
        assertEquals(0, new JitActivity(dir.resolve("missing")).readNanos());
    }

    /** On Linux the source is the compiler threads' CPU (in-flight compilations count), not the JVM's total. */
    @Test
    void onLinuxTheCompilerThreadsAreFound() {
        nlagent.testing.Preconditions.skipUnless(Files.isDirectory(Path.of("/proc/self/task")), "needs procfs");
        assertTrue(new JitActivity(Path.of("/proc/self/task")).readNanos() > 0, "this JVM's compiler threads have compiled");
    }

    @Test
    void thisJvmsCompilersAreSeenWorking() {
        LongSupplier ms = JitActivity.millis();
        long before = ms.getAsLong();
        long sink = 0;
        for (int round = 0; round < 200 && ms.getAsLong() == before; round++) {
            // new lambdas and hot loops: work for the compilers
            int r = round;
            for (int i = 0; i < 20_000; i++) {
                java.util.function.IntUnaryOperator f = x -> x * 31 + r;
                sink += f.applyAsInt(i) ^ Long.toString(i).hashCode();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertTrue(ms.getAsLong() > before, "the compilers' work grew while this JVM compiled (" + sink + ")");
    }
}
