package nlagent.standalone;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.snmp4j.TransportStateReference;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.UdpTransportMapping;

import nlagent.log.RateLimitedLog;
import nlagent.time.Ticker;

/**
 * The standalone agent's UDP transport: one blocking {@link DatagramChannel} and one listen thread
 * per listen address. Each datagram goes to the {@link LeanV2cPath} first; what that path does not
 * answer goes to the snmp4j listeners (the message dispatcher) as an snmp4j transport hands it over.
 *
 * <p>Why not snmp4j's {@code DefaultUdpTransportMapping}: its listen loop is one long method that is
 * entered once, so the JIT can compile it only on stack, after tens of thousands of datagrams; until
 * then the loop, and the calls it makes, ran from the interpreter for every request of the served agent
 * (7% of the listen thread's samples were the interpreter's in the first polls, with perf; 0.9% once the
 * loop was compiled: bench/README.md, "The listen loop"). Here the loop calls
 * {@link #serveOne()} once per datagram, an ordinary method that the warm-up's private transport
 * (this class, {@link Warmup}) gets compiled before the first NMS request. And an answer of the lean
 * path goes out without snmp4j's per-datagram objects (a {@code DatagramPacket}, a {@code UdpAddress},
 * a {@code TransportStateReference}); those are made only for datagrams handed to the dispatcher.
 *
 * <p>Buffers: one direct buffer each way and one byte array, owned by the listen thread; the
 * listeners get the array wrapped and must be done with it when their {@code processMessage}
 * returns. snmp4j's {@code MessageDispatcherImpl} and the agent's responder are: they decode and
 * answer on the calling thread (this transport offers no asynchronous processing, so
 * {@link #setAsyncMsgProcessingSupported} refuses it). {@link #sendMessage} may be called from any
 * thread; it sends before it returns and does not keep the array.
 *
 * <p>Interrupts: an interrupt closes a {@code DatagramChannel} (a {@code DatagramSocket} is built on
 * an uninterruptible one). The listen thread clears its interrupt status before each receive and
 * send, {@link #sendMessage} around its send, and should the channel still be closed by an
 * interrupt that lands inside a receive, the listen thread opens and binds a new one (logged), so
 * the agent never goes deaf while it runs.
 */
final class UdpChannelTransport extends UdpTransportMapping {
    private static final Logger LOG = Logger.getLogger(UdpChannelTransport.class.getName());
    /**
     * The receive buffer: a UDP payload is at most 65,507 bytes over IPv4 and 65,527 over IPv6 (no
     * jumbograms); snmp4j's transports take 65,535 as well. A longer datagram would be cut short.
     */
    static final int MAX_DATAGRAM_BYTES = 65_535;
    /** Pause after a receive that failed for another reason than a close, so a persistent error cannot spin. */
    private static final long ERROR_PAUSE_MS = 10;
    private static final long CLOSE_JOIN_MS = 1_000;

    /** Replaced only by the listen thread, after an interrupt closed it ({@link #reopen}). */
    private volatile DatagramChannel channel;
    private final ProtocolFamily family;
    private final LeanV2cPath lean;
    private final String threadName;
    private final ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
    private final ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
    private final byte[] datagram = new byte[MAX_DATAGRAM_BYTES];
    private final RateLimitedLog failures = new RateLimitedLog(LOG, Ticker.system(), null);
    /** Datagrams received so far; written by the listen thread only. */
    private volatile long received;
    /** The listen thread ends once it has received this many datagrams ({@link #stopAfterNextDatagram}, {@link #close}). */
    private volatile long stopAfter = Long.MAX_VALUE;
    private volatile Thread thread;

    /**
     * Binds {@code address} (port 0: any free port, {@link #getListenAddress()} tells which). No
     * SO_REUSEADDR: for UDP it would let a second agent share the port and split the requests.
     *
     * @param family     the socket's: {@link #family} of the address, or (the warm-up's loopback transport) the
     *                   served transport's, so that the JIT compiles the socket code for the peer addresses the
     *                   served socket will receive (a mapped IPv6 address takes other branches than an IPv4 one)
     * @param lean       answers what it can; the rest goes to the listeners added with {@link #addTransportListener}
     * @param threadName the listen thread's name
     */
    UdpChannelTransport(InetSocketAddress address, ProtocolFamily family, LeanV2cPath lean, String threadName)
            throws IOException {
        super(new UdpAddress(address.getAddress(), address.getPort()));
        this.family = family;
        this.lean = lean;
        this.threadName = threadName;
        this.asyncMsgProcessingSupported = false;
        DatagramChannel ch = DatagramChannel.open(family);
        try {
            ch.bind(address);
            InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
            this.udpAddress = new UdpAddress(bound.getAddress(), bound.getPort());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        this.channel = ch;
    }

    /**
     * The socket family for a listen address: IPv4 for a specific IPv4 address. The JDK's default is
     * an IPv6 socket, which serves such an address as a mapped one (the same datagrams), but every
     * send and receive then takes the kernel's IPv6 UDP code first and every peer address the
     * mapping (perf: {@code udpv6_sendmsg}, {@code udpv6_recvmsg} on the listen thread;
     * bench/README.md, "Flat views"). The IPv4 wildcard keeps the IPv6 socket: the JDK binds it as
     * {@code ::}, so {@code udp:0.0.0.0:PORT} has always answered IPv6 managers too, and still does.
     */
    static ProtocolFamily family(InetAddress address) {
        return address instanceof Inet4Address && !address.isAnyLocalAddress()
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    /** The socket's family ({@link #family(InetAddress)} of the listen address, unless the caller chose). */
    ProtocolFamily family() {
        return family;
    }

    @Override
    public synchronized void listen() throws IOException {
        if (!channel.isOpen() || stopAfter == 0) {
            throw new SocketException("transport of " + udpAddress + " is closed");
        }
        if (isListening()) {
            throw new SocketException("already listening on " + udpAddress);
        }
        Thread t = new Thread(this::listenLoop, threadName);
        t.setDaemon(true); // as snmp4j's listen threads: the agent's main thread decides when the process ends
        thread = t;
        t.start();
    }

    private void listenLoop() {
        while (received < stopAfter) {
            try {
                serveOne();
            } catch (ClosedChannelException e) {
                if (!reopen(e)) {
                    return; // close()
                }
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
                failures.log(Level.WARNING, "receive " + e.getClass().getName(),
                        () -> "receive on " + udpAddress + " failed: " + e);
                pause();
            } catch (RuntimeException e) {
                // never the listen thread's end: one bad datagram must not stop the agent
                if (failures.log(Level.WARNING, "datagram " + e.getClass().getName(),
                        () -> "a datagram on " + udpAddress + " failed: " + e)) {
                    LOG.log(Level.FINE, "stack trace of the failure above", e);
                }
            }
        }
    }

    /**
     * Receives one datagram and answers it: from the lean path when it answers, otherwise through the
     * listeners. One call per datagram, so that the JIT compiles this (see the class comment).
     */
    void serveOne() throws IOException {
        Thread.interrupted(); // an interrupt status would close the channel in the receive (class comment)
        DatagramChannel ch = channel;
        in.clear();
        SocketAddress from = ch.receive(in);
        received++; // the listen thread's own counter: no other writer
        if (!(from instanceof InetSocketAddress peer)) {
            return; // a bound blocking UDP channel always names the sender
        }
        int length = in.flip().remaining();
        in.get(datagram, 0, length);
        if (lean.answer(datagram, 0, length, peer.getAddress(), getMaxOutboundMessageSize(), peer, out)) {
            Thread.interrupted(); // the lean path may have been interrupted while it waited for a refresh
            try {
                ch.send(out, peer);
            } catch (IOException e) {
                lean.unsent(peer, e);
                if (e instanceof ClosedChannelException) {
                    throw e;
                }
            }
            return;
        }
        // as snmp4j's transport hands a datagram over: the peer, and a state reference naming this
        // transport, its listen address and the socket (the session)
        fireProcessMessage(new UdpAddress(peer.getAddress(), peer.getPort()), ByteBuffer.wrap(datagram, 0, length),
                new TransportStateReference(this, udpAddress, null, org.snmp4j.security.SecurityLevel.undefined,
                        org.snmp4j.security.SecurityLevel.undefined, false, ch));
    }

    /**
     * After the channel was found closed: false when {@link #close} did it (the thread ends); otherwise an
     * interrupt did, and a new channel is bound to the same address (true; the thread goes on).
     */
    private synchronized boolean reopen(ClosedChannelException cause) {
        if (stopAfter == 0) {
            return false;
        }
        Thread.interrupted(); // or the new channel would be closed at its first receive
        LOG.log(Level.WARNING, "the socket of " + udpAddress + " was closed under its listen thread (" + cause
                + "); binding a new one", cause);
        try {
            DatagramChannel ch = DatagramChannel.open(family);
            try {
                ch.bind(new InetSocketAddress(udpAddress.getInetAddress(), udpAddress.getPort()));
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            channel = ch;
        } catch (IOException e) {
            failures.log(Level.SEVERE, "rebind", () -> "cannot bind " + udpAddress + " again: " + e);
            pause();
        }
        return true;
    }

    /** Refused: the listen thread's buffers are reused for the next datagram, so processing must be done on it. */
    @Override
    public void setAsyncMsgProcessingSupported(boolean asyncMsgProcessingSupported) {
        if (asyncMsgProcessingSupported) {
            throw new UnsupportedOperationException("UdpChannelTransport processes each datagram on its listen thread");
        }
    }

    /** An interrupt only cuts the pause short (and is not kept: it would close the channel). */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(ERROR_PAUSE_MS);
        } catch (InterruptedException e) {
            // cleared on purpose, see the class comment
        }
    }

    /** Sends one message (the dispatcher's answers, Reports); thread-safe. */
    @Override
    public void sendMessage(UdpAddress address, byte[] message, TransportStateReference ref, long timeoutMillis,
                            int maxRetries) throws IOException {
        boolean interrupted = Thread.interrupted(); // kept for the caller, but not allowed to close the channel
        try {
            channel.send(ByteBuffer.wrap(message), new InetSocketAddress(address.getInetAddress(), address.getPort()));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Lets the listen thread end once it has answered the next datagram it receives, without touching
     * the channel: a receive that fails under a close takes an exception path the JIT had not seen, and
     * the deoptimisation reaches the compiled receive path other listen threads share ({@link Warmup}).
     * Counted in datagrams, not a flag, so that a caller who got the answer to the last datagram
     * before the thread looked again still has the next one answered.
     */
    void stopAfterNextDatagram() {
        stopAfter = received + 1;
    }

    /** Waits up to {@code millis} for the listen thread to end; true when it has (or never started). */
    boolean awaitListenEnd(long millis) throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        t.join(millis);
        return !t.isAlive();
    }

    @Override
    public boolean isListening() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    @Override
    public void close() throws IOException {
        try {
            synchronized (this) { // not while the listen thread binds a new channel (reopen)
                stopAfter = 0;
                channel.close(); // a receive blocked in the listen thread fails with AsynchronousCloseException
            }
        } finally {
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                try {
                    t.join(CLOSE_JOIN_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            failures.flush();
        }
    }
}
