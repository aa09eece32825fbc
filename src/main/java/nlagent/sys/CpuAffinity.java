package nlagent.sys;

import java.nio.ByteBuffer;

/**
 * The CPUs a thread may run on: sched_getaffinity(2) of any task, sched_setaffinity(2) of the
 * calling thread. The masks are {@value #MASK_BYTES} bytes (8,192 CPUs): sched_getaffinity refuses a
 * mask shorter than the kernel's nr_cpu_ids, and both calls use only that much of a longer one.
 */
public final class CpuAffinity {
    static final int MASK_BYTES = CpuSet.MAX_CPUS / 8;

    private CpuAffinity() {
    }

    /** The CPUs task {@code tid} (a process's PID names its main thread) may run on; 0: the calling thread. */
    public static CpuSet of(int tid) throws ErrnoException {
        ByteBuffer mask = ByteBuffer.allocateDirect(MASK_BYTES);
        int rc = Native.libc().sched_getaffinity(tid, MASK_BYTES, mask);
        if (rc != 0) {
            throw ErrnoException.fromErrno("sched_getaffinity(" + tid + ")");
        }
        byte[] b = new byte[MASK_BYTES];
        mask.get(0, b);
        return CpuSet.fromMask(b, MASK_BYTES);
    }

    /**
     * Binds the calling thread to {@code cpus}; threads it starts afterwards inherit them. Fails
     * (EINVAL) when none of them is in the process's cpuset.
     */
    public static void pinCallingThread(CpuSet cpus) throws ErrnoException {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("no CPU to run on");
        }
        ByteBuffer mask = ByteBuffer.allocateDirect(MASK_BYTES).put(cpus.toMask(MASK_BYTES)).flip();
        if (Native.libc().sched_setaffinity(0, MASK_BYTES, mask) != 0) {
            throw ErrnoException.fromErrno("sched_setaffinity(" + cpus + ")");
        }
    }
}
