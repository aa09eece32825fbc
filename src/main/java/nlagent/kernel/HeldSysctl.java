package nlagent.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import nlagent.sys.ErrnoException;

/**
 * One /proc/sys file held open and re-read with {@code pread(fd, buf, 64, 0)}: no path lookup per
 * read, and the value stays that of the namespace the opening thread was in. The read size is
 * small on purpose: the kernel allocates and zeroes count+1 bytes on every /proc/sys read.
 * {@link #open} is the only place the agent opens a /proc/sys path, so the lookup counter there is
 * complete by construction.
 */
final class HeldSysctl implements AutoCloseable {
    static final String PROC_SYS = "/proc/sys/";
    private static final int READ_BYTES = 64;

    private final String relPath;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(READ_BYTES).order(ByteOrder.nativeOrder());
    private final HeldFd file;

    private HeldSysctl(String relPath, HeldFd file) {
        this.relPath = relPath;
        this.file = file;
    }

    /**
     * Opens {@code /proc/sys/<relPath>} in the calling thread's network namespace, counting the
     * path lookup. Must run on a thread that is in the wanted namespace.
     */
    static HeldSysctl open(String relPath, KernelCounters counters) throws ErrnoException {
        counters.procSysLookups.increment();
        return new HeldSysctl(relPath, HeldFd.open(PROC_SYS + relPath));
    }

    /**
     * Opens {@code sys/<relPath>} under the procfs instance whose root is {@code procRootFd} (see
     * {@link PrivateProc}), in the calling thread's network namespace. Not a host /proc/sys lookup,
     * so not counted as one.
     */
    static HeldSysctl openAt(int procRootFd, String relPath) throws ErrnoException {
        return new HeldSysctl(relPath,
                HeldFd.openAt(procRootFd, "sys/" + relPath, "the private procfs instance", PROC_SYS + relPath));
    }

    String relPath() {
        return relPath;
    }

    boolean isOpen() {
        return file.isOpen();
    }

    /**
     * The first integer in the file. ENOENT (errno in the exception) means the table behind the fd
     * was unregistered: the namespace (or device) is gone and the fd will never read again.
     */
    synchronized long readLong() throws ErrnoException {
        int n = file.pread(buf, READ_BYTES);
        byte[] b = new byte[n];
        buf.get(0, b);
        String s = new String(b, StandardCharsets.US_ASCII).trim();
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || (end == 0 && s.charAt(0) == '-'))) {
            end++;
        }
        try {
            return Long.parseLong(s.substring(0, end));
        } catch (NumberFormatException e) {
            throw new ErrnoException(PROC_SYS + relPath + " holds '" + s + "', not a number");
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
