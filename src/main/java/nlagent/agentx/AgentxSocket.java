package nlagent.agentx;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;
import nlagent.sys.LibC;
import nlagent.sys.Native;

/**
 * The stream socket to the master as a plain fd, through libc: {@link #read} blocks in recv(2), and
 * {@link #write} never blocks (send(2) with MSG_DONTWAIT), on the same fd. A Java SocketChannel
 * offers only one mode for both directions, so it needs a selector to wait for reads while writes
 * stay non-blocking: one epoll_wait and the selector's bookkeeping per request, a fifth of the CPU
 * of a GetNext round trip (bench/README.md, AgentX subagent cost). Here a request costs one recv
 * and one send.
 *
 * <p>Threads: one reader (the connection's I/O thread); writers serialised by the caller. Closing
 * is two steps so that no thread ever uses a closed (and perhaps reused) fd number: {@link
 * #shutdown} from any thread wakes the reader (its recv returns end of stream), and {@link
 * #release} closes the fd once the reader is out.
 */
final class AgentxSocket {
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_NODELAY = 1;
    private static final int SO_SNDTIMEO = 21;
    private static final int SO_PEERCRED = 17;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SHUT_RDWR = 2;
    private static final int ECONNREFUSED = 111;
    private static final int EINPROGRESS = 115;
    /** What a write copies a heap buffer through (writes are serialised by the caller). */
    private static final int STAGING_BYTES = 16 * 1024;

    /**
     * recv(2) and send(2) with the buffer as a raw address: jnr-ffi then takes its primitive fast
     * path, while a ByteBuffer argument costs JNI type checks and an address look-up on every call.
     */
    @SaveError
    public interface StreamCalls {
        long recv(int fd, long buf, long len, int flags);

        long send(int fd, long buf, long len, int flags);
    }

    private static final StreamCalls CALLS = LibraryLoader.create(StreamCalls.class).load("c");

    private final LibC libc = Native.libc();
    private final int fd;
    private final String peer;
    private final boolean unix;
    private ByteBuffer staging;
    private volatile boolean released;
    // the native address of the last buffer read into / written from: the I/O thread reuses one of
    // each, and looking an address up costs a JNI call
    private ByteBuffer readBuffer;
    private long readAddress;
    private ByteBuffer writeBuffer;
    private long writeAddress;

    private AgentxSocket(int fd, String peer, boolean unix) {
        this.fd = fd;
        this.peer = peer;
        this.unix = unix;
    }

    /** Connects to {@code master}: a Unix socket, or TCP (Nagle off) waiting at most {@code timeoutMs}. */
    static AgentxSocket connect(MasterAddress master, int timeoutMs) throws IOException {
        if (master.isUnix()) {
            byte[] path = master.unixPath().toString().getBytes(StandardCharsets.UTF_8);
            if (path.length > MasterAddress.MAX_UNIX_PATH_BYTES) {
                // checked here so the message names the limit
                throw new IOException("Unix domain path too long (" + path.length + " bytes)");
            }
            ByteBuffer addr = ByteBuffer.allocateDirect(2 + path.length + 1).order(ByteOrder.nativeOrder());
            addr.putShort((short) AF_UNIX).put(path).put((byte) 0).flip();
            return connect(AF_UNIX, addr, master, 0);
        }
        InetAddress ip = InetAddress.getByName(master.host()); // the first address, as InetSocketAddress takes
        ByteBuffer addr;
        int family;
        if (ip instanceof Inet4Address) {
            family = Native.AF_INET;
            addr = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
            addr.putShort((short) family).order(ByteOrder.BIG_ENDIAN).putShort((short) master.port()).put(ip.getAddress());
        } else {
            family = Native.AF_INET6;
            addr = ByteBuffer.allocateDirect(28).order(ByteOrder.nativeOrder());
            addr.putShort((short) family).order(ByteOrder.BIG_ENDIAN).putShort((short) master.port()).putInt(0)
                    .put(ip.getAddress()).order(ByteOrder.nativeOrder()).putInt(((Inet6Address) ip).getScopeId());
        }
        return connect(family, addr.clear(), master, timeoutMs);
    }

    private static AgentxSocket connect(int family, ByteBuffer addr, MasterAddress master, int timeoutMs) throws IOException {
        LibC libc = Native.libc();
        int fd = libc.socket(family, SOCK_STREAM | Native.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("socket(): " + Native.describe(Native.errno()));
        }
        AgentxSocket s = new AgentxSocket(fd, master.toString(), family == AF_UNIX);
        try {
            if (timeoutMs > 0) {
                s.setTimeval(SO_SNDTIMEO, timeoutMs); // bounds a blocking connect(2) on Linux
            }
            if (libc.connect(fd, addr, addr.remaining()) != 0) {
                int errno = Native.errno();
                if (errno == ECONNREFUSED) {
                    throw new ConnectException("Connection refused");
                }
                if (errno == EINPROGRESS && timeoutMs > 0) {
                    throw new SocketTimeoutException("connect timed out after " + timeoutMs + " ms");
                }
                throw new IOException("connect(" + master + "): " + Native.describe(errno));
            }
            if (family != AF_UNIX) {
                s.setTimeval(SO_SNDTIMEO, 0);
                ByteBuffer one = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, 1);
                libc.setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, one, 4); // one small PDU per round trip: no Nagle delay
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.release();
            throw e;
        }
    }

    private void setTimeval(int option, long ms) throws IOException {
        ByteBuffer tv = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        tv.putLong(0, ms / 1000).putLong(8, (ms % 1000) * 1000);
        if (libc.setsockopt(fd, Native.SOL_SOCKET, option, tv, 16) != 0) {
            throw new IOException("setsockopt(" + option + "): " + Native.describe(Native.errno()));
        }
    }

    /**
     * The PID of the process that made the listening socket we connected to, as of its listen(2)
     * (SO_PEERCRED), in our PID namespace: a master that forks after listening (snmpd without -f)
     * shows its exited parent. 0 over TCP, when the peer's PID namespace is not ours or below it,
     * or when the call fails.
     */
    int peerPid() {
        if (!unix) {
            return 0;
        }
        ByteBuffer cred = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder()); // struct ucred: pid, uid, gid
        ByteBuffer len = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, 12);
        if (libc.getsockopt(fd, Native.SOL_SOCKET, SO_PEERCRED, cred, len) != 0 || len.getInt(0) < 4) {
            return 0;
        }
        return Math.max(0, cred.getInt(0));
    }

    /**
     * Blocks until the master sends something; reads it into {@code into} from its position (a
     * direct buffer) and advances the position. Returns the byte count; end of stream (the master
     * closed, or {@link #shutdown}) throws {@link EOFException}.
     */
    int read(ByteBuffer into) throws IOException {
        if (into != readBuffer) {
            readAddress = address(into);
            readBuffer = into;
        }
        long at = readAddress + into.position();
        while (true) {
            long n = CALLS.recv(fd, at, into.remaining(), 0);
            if (n > 0) {
                into.position(into.position() + (int) n);
                return (int) n;
            }
            if (n == 0) {
                throw new EOFException("the master closed the connection");
            }
            int errno = Native.errno();
            if (errno != Native.EINTR) {
                throw new IOException("recv from " + peer + ": " + Native.describe(errno));
            }
        }
    }

    /**
     * Sends what the socket takes now from {@code b}'s position (advanced by the count), never
     * blocking; 0 when the socket's buffer is full. Callers serialise writes.
     */
    int write(ByteBuffer b) throws IOException {
        if (b.isDirect()) {
            return send(b);
        }
        if (staging == null) {
            staging = ByteBuffer.allocateDirect(STAGING_BYTES);
        }
        int total = 0;
        while (b.hasRemaining()) { // a heap buffer goes out through the staging buffer, a part at a time
            staging.clear().put(b.duplicate().limit(b.position() + Math.min(b.remaining(), STAGING_BYTES))).flip();
            int n = send(staging);
            b.position(b.position() + n);
            total += n;
            if (staging.hasRemaining()) {
                break; // the socket is full
            }
        }
        return total;
    }

    private int send(ByteBuffer src) throws IOException {
        if (src != writeBuffer) {
            writeAddress = address(src);
            writeBuffer = src;
        }
        long at = writeAddress + src.position();
        while (true) {
            long n = CALLS.send(fd, at, src.remaining(), Native.MSG_DONTWAIT | MSG_NOSIGNAL);
            if (n >= 0) {
                src.position(src.position() + (int) n);
                return (int) n;
            }
            int errno = Native.errno();
            if (errno == Native.EAGAIN) {
                return 0;
            }
            if (errno != Native.EINTR) {
                throw new IOException("send to " + peer + ": " + Native.describe(errno));
            }
        }
    }

    /** The native address of a direct buffer's first byte. */
    private static long address(ByteBuffer direct) {
        return Pointer.wrap(Native.runtime(), direct).address();
    }

    /** Ends both directions: a blocked {@link #read} returns end of stream at once. Any thread; idempotent. */
    void shutdown() {
        if (!released) {
            libc.shutdown(fd, SHUT_RDWR);
        }
    }

    /** Closes the fd; once no thread reads or writes any more (see the class comment). Idempotent. */
    void release() {
        if (!released) {
            released = true;
            libc.close(fd);
        }
    }
}
