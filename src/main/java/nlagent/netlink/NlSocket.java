package nlagent.netlink;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

import nlagent.sys.LibC;
import nlagent.sys.Native;

/**
 * A bound NETLINK_ROUTE socket: either a dump socket (blocking with a receive timeout, strict
 * request checking and extended ACKs) or a notification listener (non-blocking, subscribed to
 * groups). The socket belongs to the network namespace of the thread that opened it, for life,
 * and pins that namespace until {@link #close()}.
 *
 * <p>Buffer discipline: a socket owns no buffer. Every read goes into the direct native-order
 * receive buffer of an {@link NlBuffers} owned by the reading thread (≥ 64 KiB, twice the
 * kernel's largest dump datagram), reused for every datagram; messages are handed out as
 * {@link NlMessage} views into it, never copied. {@code recv} is called with MSG_TRUNC so a
 * datagram larger than the buffer is detected (the buffer grows and the dump is restarted)
 * instead of being silently cut. With thousands of namespaces (two sockets each) this keeps
 * direct memory O(threads) instead of O(namespaces).
 */
public final class NlSocket implements AutoCloseable {
    public static final int RECV_BUFFER_BYTES = 64 * 1024;
    /**
     * Attempts per dump while the kernel reports NLM_F_DUMP_INTR. On a host whose link list never
     * stops changing (thousands of containers starting) every attempt may be interrupted; the last
     * attempt is then accepted as it is, like {@code ip link} does: every row in it is real, only
     * links that came or went during the dump may be missing or doubled (the caller de-duplicates).
     * Serving a snapshot that never updates would be worse.
     */
    static final int MAX_DUMP_ATTEMPTS = 3;
    private static final int DUMP_TIMEOUT_SECONDS = 5;
    /** Datagrams read per {@link #receiveAvailable} call, so one busy namespace cannot starve the others. */
    private static final int MAX_DATAGRAMS_PER_DRAIN = 256;

    private final LibC libc = Native.libc();
    private final NetlinkCounters counters;
    private int fd;
    private int seq = (int) (System.nanoTime() & 0xFFFF);
    /** The port id the kernel gave this socket at bind (its address; dump replies carry it). */
    private int portId;

    private NlSocket(int fd, NetlinkCounters counters) {
        this.fd = fd;
        this.counters = counters;
    }

    /** A dump socket in the calling thread's network namespace. */
    public static NlSocket openDump(NetlinkCounters counters) throws NetlinkException {
        NlSocket s = create(Native.SOCK_RAW | Native.SOCK_CLOEXEC, counters);
        try {
            s.setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_GET_STRICT_CHK, 1, "NETLINK_GET_STRICT_CHK");
            s.setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
            // the echoed request in error replies is useless to us; extended ACK text is what we keep
            s.setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
            ByteBuffer tv = direct(16);
            tv.putLong(0, DUMP_TIMEOUT_SECONDS).putLong(8, 0);
            s.check(s.libc.setsockopt(s.fd, Native.SOL_SOCKET, Native.SO_RCVTIMEO, tv, 16), "SO_RCVTIMEO");
            s.bind(0);
            return s;
        } catch (NetlinkException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A non-blocking notification socket in the calling thread's namespace, joined to {@code groups}
     * (those up to 32 through bind's mask, larger ones with NETLINK_ADD_MEMBERSHIP; a group the protocol
     * refuses to this process fails the bind, and with it every group of the mask).
     * It must be bound: the kernel skips listeners whose port id equals the sender's (0 for
     * sysctl-triggered notifications), which an unbound socket has.
     */
    public static NlSocket openListener(NetlinkCounters counters, int receiveBufferBytes, int... groups) throws NetlinkException {
        NlSocket s = create(Native.SOCK_RAW | Native.SOCK_CLOEXEC | Native.SOCK_NONBLOCK, counters);
        try {
            // multicast is not flow-controlled: a larger queue means fewer ENOBUFS re-dumps.
            // SO_RCVBUFFORCE ignores rmem_max but needs CAP_NET_ADMIN; fall back to SO_RCVBUF.
            if (s.trySetInt(Native.SOL_SOCKET, Native.SO_RCVBUFFORCE, receiveBufferBytes) != 0) {
                s.trySetInt(Native.SOL_SOCKET, Native.SO_RCVBUF, receiveBufferBytes);
            }
            // groups 1..32 through bind's mask: the kernel recomputes its listener masks by walking every
            // NETLINK_ROUTE socket on the host that joined a group (netlink_update_listeners) once per bind and
            // once per NETLINK_ADD_MEMBERSHIP, and with one listener per namespace that walk is K long: one
            // walk per namespace opened instead of one per group
            s.bind(legacyGroupMask(groups));
            for (int g : groups) {
                if (g > LEGACY_GROUPS) {
                    s.setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, g, "NETLINK_ADD_MEMBERSHIP " + g);
                }
            }
            return s;
        } catch (NetlinkException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Groups bind's {@code nl_groups} mask can join (bit g - 1 for group g). */
    static final int LEGACY_GROUPS = 32;

    /** The bind mask of {@code groups} 1..{@link #LEGACY_GROUPS}; larger ones are joined with NETLINK_ADD_MEMBERSHIP. */
    static int legacyGroupMask(int... groups) {
        int mask = 0;
        for (int g : groups) {
            if (g < 1) {
                throw new IllegalArgumentException("netlink multicast group " + g);
            }
            if (g <= LEGACY_GROUPS) {
                mask |= 1 << (g - 1);
            }
        }
        return mask;
    }

    private static NlSocket create(int type, NetlinkCounters counters) throws NetlinkException {
        int fd = Native.libc().socket(Native.AF_NETLINK, type, Netlink.NETLINK_ROUTE);
        if (fd < 0) {
            throw NetlinkException.fromErrno("socket(AF_NETLINK, NETLINK_ROUTE)");
        }
        return new NlSocket(fd, counters);
    }

    private void bind(int groupsMask) throws NetlinkException {
        ByteBuffer addr = direct(Netlink.SOCKADDR_NL_LEN);
        addr.putShort(0, (short) Native.AF_NETLINK).putInt(4, 0).putInt(8, groupsMask); // nl_pid 0: kernel picks
        check(libc.bind(fd, addr, Netlink.SOCKADDR_NL_LEN), "bind(AF_NETLINK)");
        ByteBuffer len = direct(4);
        len.putInt(0, Netlink.SOCKADDR_NL_LEN);
        check(libc.getsockname(fd, addr, len), "getsockname(AF_NETLINK)");
        portId = addr.getInt(4);
    }

    private void setInt(int level, int option, int value, String what) throws NetlinkException {
        check(trySetInt(level, option, value), "setsockopt " + what);
    }

    private int trySetInt(int level, int option, int value) {
        ByteBuffer v = direct(4);
        v.putInt(0, value);
        return libc.setsockopt(fd, level, option, v, 4);
    }

    private void check(int rc, String what) throws NetlinkException {
        if (rc < 0) {
            throw NetlinkException.fromErrno(what);
        }
    }

    private static ByteBuffer direct(int bytes) {
        return NlBuffers.direct(bytes);
    }

    /** The port id the kernel assigned at bind (what other sockets address this one by). */
    public int portId() {
        return portId;
    }

    /** Sequence number of the last dump request sent (the next one uses this plus one; for diagnostics and tests). */
    public synchronized int lastSequence() {
        return seq;
    }

    /** The raw fd (for poll(2) and socket ioctls); -1 once closed. */
    public synchronized int fd() {
        return fd;
    }

    /** SO_NETNS_COOKIE (kernel ≥ 5.14): the namespace's never-reused 64-bit id, or 0 if unsupported. */
    public synchronized long netnsCookie() {
        ByteBuffer v = direct(8);
        ByteBuffer len = direct(4);
        len.putInt(0, 8);
        return libc.getsockopt(fd, Native.SOL_SOCKET, Native.SO_NETNS_COOKIE, v, len) == 0 ? v.getLong(0) : 0;
    }

    /** Collects the messages of one dump attempt; a fresh one is used for every retry. */
    public interface DumpCollector<R> {
        void accept(NlMessage message);

        R result();

        /** Decodes every message into a list, skipping those the decoder maps to null. */
        static <T> DumpCollector<java.util.List<T>> toList(java.util.function.Function<NlMessage, T> decoder) {
            java.util.List<T> out = new java.util.ArrayList<>();
            return new DumpCollector<>() {
                @Override
                public void accept(NlMessage m) {
                    T t = decoder.apply(m);
                    if (t != null) {
                        out.add(t);
                    }
                }

                @Override
                public java.util.List<T> result() {
                    return out;
                }
            };
        }
    }

    /**
     * Runs a dump to completion and returns what the collector made of it. Retries the whole dump
     * when the kernel flags it inconsistent (NLM_F_DUMP_INTR) or a datagram did not fit, up to
     * {@link #MAX_DUMP_ATTEMPTS} times, then accepts the last attempt. Messages with another
     * sequence number (late replies to an abandoned request) are dropped.
     *
     * @throws NetlinkException on NLMSG_ERROR, a negative errno in NLMSG_DONE (with the kernel's
     *                          extended-ACK text), an I/O error, a timeout or a malformed reply
     */
    public <R> R dump(DumpRequest request, Supplier<? extends DumpCollector<R>> collectors) throws NetlinkException {
        return dump(request, collectors, NlBuffers.ofCurrentThread());
    }

    /** {@link #dump(DumpRequest, Supplier)} into {@code buffers}, which the caller owns for the call. */
    public synchronized <R> R dump(DumpRequest request, Supplier<? extends DumpCollector<R>> collectors, NlBuffers buffers)
            throws NetlinkException {
        ensureOpen();
        try {
            for (int attempt = 1; attempt <= MAX_DUMP_ATTEMPTS; attempt++) {
                DumpState<R> run = new DumpState<>(request.type(), ++seq, portId, collectors.get());
                send(request, run.seq, buffers);
                while (!run.done) {
                    int n = receive(0, buffers);
                    if (fromUserSpace(n, buffers)) {
                        continue;
                    }
                    if (n > buffers.rxCapacity()) {
                        // MSG_TRUNC returned the real size: this datagram is lost. Grow, drain, retry.
                        buffers.growFor(n);
                        run.damaged = true;
                        continue;
                    }
                    counters.dumpBytes.add(n);
                    NlMessage.forEach(buffers.rx(), n, buffers.view, run);
                    counters.rejected.add(run.takeRejected());
                }
                if (run.failure != null) {
                    throw run.failure;
                }
                if (!run.damaged || attempt == MAX_DUMP_ATTEMPTS) {
                    counters.dumps.increment();
                    return run.collector.result();
                }
                counters.resyncs.increment();
            }
            throw new IllegalStateException("unreachable: the last attempt always returns");
        } catch (NetlinkException | RuntimeException e) {
            counters.errors.increment();
            throw e;
        }
    }

    private void send(DumpRequest request, int seq, NlBuffers buffers) throws NetlinkException {
        ByteBuffer tx = buffers.tx;
        tx.clear();
        request.encode(tx, seq);
        int len = tx.position();
        tx.position(0);
        long rc;
        do {
            rc = libc.sendto(fd, tx, len, 0, buffers.kernelAddr, Netlink.SOCKADDR_NL_LEN);
        } while (rc < 0 && Native.errno() == Native.EINTR);
        if (rc < 0) {
            throw NetlinkException.fromErrno("sendto(netlink) request type " + request.type());
        }
    }

    /**
     * Whether the datagram just received came from a user-space socket (sender nl_pid not 0): any
     * process in the namespace can send to our port id, only the kernel sends as 0. Such a datagram
     * is dropped whole and its messages counted as rejected.
     */
    private boolean fromUserSpace(int n, NlBuffers buffers) {
        if (buffers.sourceAddr.getInt(4) == 0) {
            return false;
        }
        int messages = 0;
        int end = Math.min(n, buffers.rxCapacity());
        for (int off = 0; off + Netlink.NLMSG_HDRLEN <= end; messages++) {
            int len = buffers.rx().getInt(off);
            if (len < Netlink.NLMSG_HDRLEN) {
                messages++;
                break;
            }
            off += Netlink.align4(len);
        }
        counters.rejected.add(Math.max(1, messages));
        return true;
    }

    /** One datagram into the receive buffer of {@code buffers}; returns its real length (may exceed the buffer). */
    private int receive(int flags, NlBuffers buffers) throws NetlinkException {
        int n = receiveOrErrno(flags, buffers);
        if (n >= 0) {
            return n;
        }
        if (-n == Native.EAGAIN && (flags & Native.MSG_DONTWAIT) == 0) {
            throw new NetlinkException("no dump reply within " + DUMP_TIMEOUT_SECONDS + " s", -n, null);
        }
        throw new NetlinkException("recv(netlink)", -n, null);
    }

    /**
     * {@link #receive}, with a failure returned as its negated errno (EINTR retried) instead of thrown: a drain of a
     * notification socket ends in EAGAIN every time, and an exception there (a stack trace and a formatted message)
     * was built on every drain of every namespace's socket.
     */
    private int receiveOrErrno(int flags, NlBuffers buffers) {
        while (true) {
            ByteBuffer rx = buffers.rx();
            rx.clear();
            buffers.sourceAddrLen.putInt(0, Netlink.SOCKADDR_NL_LEN);
            buffers.sourceAddr.putInt(4, -1); // overwritten by recvfrom: never mistaken for the kernel
            long n = libc.recvfrom(fd, rx, rx.capacity(), flags | Native.MSG_TRUNC, buffers.sourceAddr, buffers.sourceAddrLen);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Native.errno();
            if (errno != Native.EINTR) {
                return errno > 0 ? -errno : -Native.EIO; // a failure never reads as an empty datagram
            }
        }
    }

    /** What a notification listener is told. */
    public interface NotificationHandler {
        /** One notification; the view is valid only during the call. */
        void message(NlMessage message);

        /** The kernel dropped notifications (ENOBUFS): whatever they described must be re-read in full. */
        void overrun();

        /** The socket will not be read at all: nothing announces changes any more. */
        default void unwatched() {
            overrun();
        }
    }

    /**
     * Reads the notifications queued now, without blocking. Returns the number of messages read;
     * a malformed datagram is dropped and reported as an overrun (its content is unknown).
     */
    public synchronized int receiveAvailable(NotificationHandler handler, NlBuffers buffers) throws NetlinkException {
        ensureOpen();
        int messages = 0;
        for (int i = 0; i < MAX_DATAGRAMS_PER_DRAIN; i++) {
            int n = receiveOrErrno(Native.MSG_DONTWAIT, buffers);
            if (n == -Native.EAGAIN) {
                return messages; // drained
            }
            if (n == -Native.ENOBUFS) {
                counters.resyncs.increment();
                handler.overrun();
                continue; // queued data is still readable after the error
            }
            if (n < 0) {
                throw new NetlinkException("recv(netlink)", -n, null);
            }
            if (fromUserSpace(n, buffers)) {
                continue;
            }
            if (n > buffers.rxCapacity()) {
                buffers.growFor(n);
                handler.overrun();
                continue;
            }
            int[] count = {0};
            try {
                NlMessage.forEach(buffers.rx(), n, buffers.view, m -> {
                    count[0]++;
                    handler.message(m);
                });
            } catch (MalformedMessageException e) {
                handler.overrun();
            } catch (RuntimeException e) {
                handler.overrun(); // the rest of the datagram is not handled: as if it were dropped
                throw e;
            }
            messages += count[0];
            counters.notifications.add(count[0]);
        }
        return messages;
    }

    private void ensureOpen() throws NetlinkException {
        if (fd < 0) {
            throw new NetlinkException("netlink socket is closed");
        }
    }

    /** Closes the fd (idempotent); the namespace is no longer pinned by this socket. */
    @Override
    public synchronized void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }
}
