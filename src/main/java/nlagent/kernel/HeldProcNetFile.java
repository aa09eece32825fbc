package nlagent.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import nlagent.sys.ErrnoException;

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

    private final String name;
    private final HeldFd file;

    private HeldProcNetFile(String name, HeldFd file) {
        this.name = name;
        this.file = file;
    }

    /** Opens {@code /proc/thread-self/net/<name>}; must run on a thread inside the wanted namespace. */
    static HeldProcNetFile open(String name) throws ErrnoException {
        return new HeldProcNetFile(name, HeldFd.open(PROC_THREAD_NET + name));
    }

    String name() {
        return name;
    }

    boolean isOpen() {
        return file.isOpen();
    }

    /** The whole file now (seq files render fresh on every read from offset 0). */
    String read() throws ErrnoException {
        ByteBuffer buf = BUFFERS.get();
        while (true) {
            int n = file.pread(buf, buf.capacity());
            if (n < buf.capacity() || buf.capacity() >= MAX_BYTES) {
                byte[] b = new byte[n];
                buf.get(0, b);
                return new String(b, StandardCharsets.US_ASCII);
            }
            buf = ByteBuffer.allocateDirect(buf.capacity() * 2); // a short read means the whole file fitted
            BUFFERS.set(buf);
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
