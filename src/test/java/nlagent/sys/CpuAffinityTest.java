package nlagent.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import nlagent.testing.AllowedCpus;
import nlagent.testing.Preconditions;

/** sched_getaffinity/sched_setaffinity against what the kernel shows in /proc/.../status. */
class CpuAffinityTest {

    @Test
    void readsWhatTheKernelShows() throws Exception {
        assertEquals(AllowedCpus.of(Path.of("/proc/thread-self/status")), CpuAffinity.of(0));
        int pid = (int) ProcessHandle.current().pid();
        assertEquals(AllowedCpus.of(Path.of("/proc/" + pid + "/status")), CpuAffinity.of(pid), "a PID names the main thread");
    }

    @Test
    void bindsTheCallingThreadOnly() throws Exception {
        CpuSet process = CpuAffinity.of(0);
        Preconditions.skipUnless(process.size() >= 2, "needs two CPUs to tell a bound thread from an unbound one");
        CpuSet last = CpuSet.of(process.length() - 1);
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                CpuAffinity.pinCallingThread(last);
                seen.set(AllowedCpus.of(Path.of("/proc/thread-self/status")));
            } catch (Exception e) {
                seen.set(e);
            }
        });
        t.start();
        t.join();
        assertEquals(last, seen.get());
        assertEquals(process, CpuAffinity.of(0), "the calling thread of the test is not bound");
    }

    @Test
    void failuresAreTyped() throws Exception {
        ErrnoException e = assertThrows(ErrnoException.class, () -> CpuAffinity.of(Integer.MAX_VALUE));
        assertEquals(3, e.errno(), "ESRCH for a task that does not exist: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CpuAffinity.pinCallingThread(CpuSet.parse("")));
        // a CPU the machine does not have (in a thread of its own, should the kernel ever take it)
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                CpuAffinity.pinCallingThread(CpuSet.of(CpuAffinity.MASK_BYTES * 8 - 1));
                seen.set("bound");
            } catch (ErrnoException x) {
                seen.set(x.errno());
            }
        });
        t.start();
        t.join();
        assertEquals(22, seen.get(), "EINVAL: no CPU of the mask is online");
    }
}
