package nlagent.kernel;

import java.nio.ByteBuffer;

import nlagent.sys.ErrnoException;
import nlagent.sys.LibC;
import nlagent.sys.Native;

/**
 * A kernel file opened read-only once and re-read from offset 0 with {@code pread}: no path lookup
 * per read, and the file stays that of the namespace the opening thread was in. The common part of
 * {@link HeldSysctl} and {@link HeldProcNetFile}, which decide how much to read and how to parse it.
 */
final class HeldFd implements AutoCloseable {
    private final LibC libc = Native.libc();
    /** The path as named in errors. */
    private final String name;
    private int fd;

    private HeldFd(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /** Opens {@code path} with O_RDONLY|O_CLOEXEC. */
    static HeldFd open(String path) throws ErrnoException {
        int fd = Native.libc().open(path, Native.O_RDONLY | Native.O_CLOEXEC);
        if (fd < 0) {
            throw new ErrnoException("open " + path, Native.errno());
        }
        return new HeldFd(path, fd);
    }

    /**
     * Opens {@code relPath} relative to the directory fd {@code dirFd} (described as {@code dir} in
     * the open error); {@code name} names the file in read errors.
     */
    static HeldFd openAt(int dirFd, String relPath, String dir, String name) throws ErrnoException {
        int fd = Native.libc().openat(dirFd, relPath, Native.O_RDONLY | Native.O_CLOEXEC);
        if (fd < 0) {
            throw new ErrnoException("open " + relPath + " of " + dir, Native.errno());
        }
        return new HeldFd(name, fd);
    }

    String name() {
        return name;
    }

    synchronized boolean isOpen() {
        return fd >= 0;
    }

    /**
     * Reads up to {@code count} bytes from offset 0 into {@code buf} (a direct buffer, from index 0;
     * position and limit untouched) and returns how many came. A closed file reads as ENOENT, like a
     * file whose table the kernel unregistered.
     */
    synchronized int pread(ByteBuffer buf, int count) throws ErrnoException {
        if (fd < 0) {
            throw new ErrnoException(name + " is not open", Native.ENOENT);
        }
        long n = libc.pread(fd, buf, count, 0);
        if (n < 0) {
            throw new ErrnoException("pread " + name, Native.errno());
        }
        return (int) n;
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }
}
