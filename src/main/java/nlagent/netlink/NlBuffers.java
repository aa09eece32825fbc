package nlagent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import nlagent.sys.Native;

/**
 * The direct buffers one thread uses for netlink I/O: the receive buffer (≥ 64 KiB, grown when
 * MSG_TRUNC reports a larger datagram), the request buffer, the kernel's address and the message
 * view. Sockets own none of them, so direct memory stays O(threads), not O(namespaces): with two
 * sockets per namespace and thousands of namespaces a buffer per socket exceeded the JVM's
 * direct-memory cap. Not thread-safe: one owner at a time — the thread itself
 * ({@link #ofCurrentThread()}, used by dumps) or a single reader such as the notification poller.
 */
public final class NlBuffers {
    private static final int TX_BYTES = 256;
    private static final ThreadLocal<NlBuffers> PER_THREAD = ThreadLocal.withInitial(NlBuffers::new);

    private ByteBuffer rx;
    final ByteBuffer tx = direct(TX_BYTES);
    final ByteBuffer kernelAddr = direct(Netlink.SOCKADDR_NL_LEN);
    final NlMessage view = new NlMessage();
    /** recvfrom's source address (struct sockaddr_nl) and its length. */
    final ByteBuffer sourceAddr = direct(Netlink.SOCKADDR_NL_LEN);
    final ByteBuffer sourceAddrLen = direct(4);

    public NlBuffers() {
        this(NlSocket.RECV_BUFFER_BYTES);
    }

    /** With a receive buffer of {@code rxBytes} to start with (tests: a small one must grow). */
    NlBuffers(int rxBytes) {
        rx = direct(rxBytes);
        kernelAddr.putShort(0, (short) Native.AF_NETLINK); // nl_pid 0 = the kernel
    }

    /** The calling thread's buffers (created on first use, kept for the thread's life). */
    public static NlBuffers ofCurrentThread() {
        return PER_THREAD.get();
    }

    ByteBuffer rx() {
        return rx;
    }

    /** Receive-buffer capacity in bytes now. */
    public int rxCapacity() {
        return rx.capacity();
    }

    /** Replaces the receive buffer by one that holds a datagram of {@code datagramBytes} twice over. */
    void growFor(int datagramBytes) {
        rx = direct(Netlink.align4(datagramBytes) * 2);
    }

    static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
}
