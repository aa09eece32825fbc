package nlagent.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import nlagent.netlink.LibC;
import nlagent.netlink.Native;
import nlagent.netlink.NetlinkException;

/**
 * One of a namespace's /proc/net statistics files (snmp, snmp6, netstat), opened once through
 * {@code /proc/thread-self/net/} by a thread inside the namespace ({@code /proc/self/net} would name
 * the main thread's namespace) and re-read whole with {@code pread(fd, buf, n, 0)}: the open fd keeps
 * the namespace it was opened in, so a refresh makes no path lookup. These are seq files, not
 * /proc/sys files: opening them adds no entry to any /proc/sys dentry chain.
 */
final class HeldProcNetFile implements AutoCloseable {
    static final String PROC_THREAD_NET = "/proc/thread-self/net/";
    private static final int INITIAL_BYTES = 16 * 1024;
    private static final int MAX_BYTES = 1 << 20;
    /** One read buffer per reading thread, not per file: direct memory stays O(threads), not O(namespaces). */
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(INITIAL_BYTES));

    private final LibC libc = Native.libc();
    private final String name;
    private int fd;

    private HeldProcNetFile(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /** Opens {@code /proc/thread-self/net/<name>}; must run on a thread inside the wanted namespace. */
    static HeldProcNetFile open(String name) throws NetlinkException {
        int fd = Native.libc().open(PROC_THREAD_NET + name, Native.O_RDONLY | Native.O_CLOEXEC);
        if (fd < 0) {
            throw new NetlinkException("open " + PROC_THREAD_NET + name, Native.errno(), null);
        }
        return new HeldProcNetFile(name, fd);
    }

    String name() {
        return name;
    }

    boolean isOpen() {
        return fd >= 0;
    }

    /** The whole file now (seq files render fresh on every read from offset 0). */
    synchronized String read() throws NetlinkException {
        if (fd < 0) {
            throw new NetlinkException(PROC_THREAD_NET + name + " is not open", Native.ENOENT, null);
        }
        ByteBuffer buf = BUFFERS.get();
        while (true) {
            buf.clear();
            long n = libc.pread(fd, buf, buf.capacity(), 0);
            if (n < 0) {
                throw new NetlinkException("pread " + PROC_THREAD_NET + name, Native.errno(), null);
            }
            if (n < buf.capacity() || buf.capacity() >= MAX_BYTES) {
                byte[] b = new byte[(int) n];
                buf.get(0, b);
                return new String(b, StandardCharsets.US_ASCII);
            }
            buf = ByteBuffer.allocateDirect(buf.capacity() * 2); // a short read means the whole file fitted
            BUFFERS.set(buf);
        }
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }
}
