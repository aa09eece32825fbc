package nlagent.agentx;

import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.log.RateLimitedLog;
import nlagent.sys.CpuAffinity;
import nlagent.sys.CpuSet;
import nlagent.sys.ErrnoException;
import nlagent.time.Scheduler;

/**
 * One connection to the master, served by one I/O thread: it frames and dispatches PDUs, answers the
 * master's requests straight from the in-memory view and writes the answers, blocking only in its
 * read of the socket (one recv and one send per request: {@link AgentxSocket}). Our own outstanding
 * requests are keyed by packetID; Responses are matched only against packetIDs we sent, and only
 * when the PDU is a Response.
 *
 * <p>Writes never block, whoever sends (the I/O thread, the timer's ping, the supervisor's
 * registrations): what the socket does not take now waits in a queue, which the scheduler retries
 * every {@link #FLUSH_RETRY_MS} (and the I/O thread whenever the master sends something). A master
 * that stops reading therefore cannot freeze the thread that would notice it. It is treated like a
 * master that does not answer: when nothing of the queue went out for {@code requestTimeoutMs}, or
 * the queue exceeds {@link #MAX_UNSENT_BYTES}, the connection is closed with a
 * {@link MasterNotReadingException} (the supervisor logs it once, backs off and reconnects).
 *
 * <p>Any framing error, EOF or I/O error closes the connection on purpose, fails every pending
 * request and reports the cause once to {@code onClosed}.
 */
final class AgentxConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentxConnection.class.getName());
    /**
     * Unsent bytes after which the master counts as not reading, whatever the time. A master pipelines
     * at most one request per pending manager request, each answer under 64 KiB: a megabyte of
     * answers it has not read means it is not going to.
     */
    static final int MAX_UNSENT_BYTES = 1 << 20;
    /**
     * How often queued bytes are offered to the socket again. Only a master that has let its socket
     * buffer fill (hundreds of KiB unread) waits on this; answers normally go out whole at once.
     */
    static final long FLUSH_RETRY_MS = 10;

    private final AgentxSocket socket;
    private final RequestHandler handler;
    private final Scheduler scheduler;
    private final long requestTimeoutMs;
    private final RateLimitedLog problems;
    private final Consumer<Throwable> onClosed;
    private final Consumer<Payload.Response> onMasterResponse;
    private final Map<Integer, CompletableFuture<Pdu>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextPacketId = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread io;
    /** The I/O thread's encoding buffer for its answers (one PDU at a time; net-snmp takes at most 64 KiB). */
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(AgentxCodec.NET_SNMP_MAX_PDU_BYTES);
    private volatile int sessionId;
    private volatile Throwable closeCause;

    // outbound state, guarded by writeLock (held only around non-blocking writes). A lock object rather
    // than a monitor: once contended (registrations at start), a monitor stays inflated, and then every
    // enter of C1-compiled code calls into the VM, twice per GetNext
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();
    /** Bytes in {@link #unsent}; volatile so that the I/O thread skips the lock when nothing waits. */
    private volatile long unsentBytes;
    private long bytesWritten;
    /** The pending flush retry while bytes wait unsent, else null. */
    private Scheduler.Cancellable flushRetry;
    /** Time the queue has been retried without a byte going out. */
    private long stalledMs;
    private boolean ioStarted;
    /** The CPUs the I/O thread binds itself to when it starts; null: those of the thread that made it. */
    private volatile CpuSet ioCpus;

    AgentxConnection(AgentxSocket socket, RequestHandler handler, Scheduler scheduler, long requestTimeoutMs,
                     RateLimitedLog problems, Consumer<Throwable> onClosed, Consumer<Payload.Response> onMasterResponse) {
        this.socket = socket;
        this.handler = handler;
        this.scheduler = scheduler;
        this.requestTimeoutMs = requestTimeoutMs;
        this.problems = problems;
        this.onClosed = onClosed;
        this.onMasterResponse = onMasterResponse;
        this.io = new Thread(this::ioLoop, "agentx-io");
        this.io.setDaemon(true);
    }

    /** Before {@link #start}: the I/O thread runs only on {@code cpus} ({@link IoThreadPlacement}). */
    void bindIoThread(CpuSet cpus) {
        this.ioCpus = cpus;
    }

    void start() {
        writeLock.lock();
        try {
            if (!closed.get()) {
                ioStarted = true;
                io.start();
            }
        } finally {
            writeLock.unlock();
        }
    }

    int sessionId() {
        return sessionId;
    }

    void sessionId(int id) {
        sessionId = id;
    }

    boolean isOpen() {
        return !closed.get();
    }

    /**
     * Sends a subagent-to-master PDU with a fresh packetID (the given one is ignored) and the
     * current sessionID; completes with the master's Response, or exceptionally on timeout or close.
     * Never blocks.
     */
    CompletableFuture<Payload.Response> request(Pdu pdu) {
        return exchange(pdu).thenApply(r -> (Payload.Response) r.payload());
    }

    /** As {@link #request}, completing with the whole Response PDU (Open needs its header's sessionID). */
    CompletableFuture<Pdu> exchange(Pdu pdu) {
        int packetId = nextPacketId.getAndIncrement();
        Pdu out = new Pdu(pdu.type(), pdu.flags(), sessionId, pdu.transactionId(), packetId, pdu.context(), pdu.payload());
        CompletableFuture<Pdu> f = new CompletableFuture<>();
        pending.put(packetId, f);
        Scheduler.Cancellable timer = scheduler.schedule(() -> f.completeExceptionally(
                new TimeoutException("no Response to " + pdu.type() + " within " + requestTimeoutMs + " ms")),
                requestTimeoutMs, TimeUnit.MILLISECONDS);
        f.whenComplete((r, e) -> {
            timer.cancel();
            pending.remove(packetId);
        });
        try {
            send(out);
        } catch (IOException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /**
     * Queues {@code pdu} for the master and writes what the socket takes now; never blocks. Fails
     * (and the connection is closed) when the master has stopped reading.
     */
    private void send(Pdu pdu) throws IOException {
        // outside the lock: encoding is the costly part. The I/O thread (every answer to the master)
        // encodes into its own direct buffer: no allocation, no sizing pass, no copy into a
        // temporary direct buffer by the JDK on write
        sendEncoded(Thread.currentThread() == io ? encodeIntoScratch(pdu) : AgentxCodec.encode(pdu));
    }

    /** {@link #send} of a PDU already encoded into {@code b} (flipped; the scratch buffer or one of its own). */
    private void sendEncoded(ByteBuffer b) throws IOException {
        IOException failed = null;
        writeLock.lock();
        try {
            if (closed.get()) {
                throw closedException();
            }
            try {
                if (unsent.isEmpty()) {
                    bytesWritten += socket.write(b);
                    if (!b.hasRemaining()) {
                        return; // the usual case: the socket took it all
                    }
                }
                if (b == scratch) {
                    b = ByteBuffer.allocate(b.remaining()).put(b).flip(); // the scratch buffer is reused next time
                }
                unsent.add(b);
                unsentBytes += b.remaining();
                if (unsentBytes > MAX_UNSENT_BYTES) {
                    failed = new MasterNotReadingException(unsentBytes, bytesWritten, -1);
                } else if (flushRetry == null) {
                    stalledMs = 0;
                    scheduleFlushRetry();
                }
            } catch (IOException e) {
                failed = e;
            }
        } finally {
            writeLock.unlock();
        }
        if (failed != null) {
            close(failed);
            throw closedException();
        }
    }

    /** {@code pdu} encoded into the I/O thread's scratch buffer, flipped; a new buffer if it does not fit. */
    private ByteBuffer encodeIntoScratch(Pdu pdu) {
        scratch.clear();
        try {
            AgentxCodec.encode(pdu, ByteOrder.BIG_ENDIAN, scratch);
            return scratch.flip();
        } catch (BufferOverflowException e) {
            return AgentxCodec.encode(pdu); // larger than net-snmp accepts anyway; sent as asked
        }
    }

    /** Offers queued bytes to the socket; true if any went out. Caller holds writeLock. */
    private boolean flushLocked() throws IOException {
        boolean progress = false;
        while (!unsent.isEmpty()) {
            ByteBuffer b = unsent.peek();
            int n = socket.write(b);
            bytesWritten += n;
            unsentBytes -= n;
            progress |= n > 0;
            if (b.hasRemaining()) {
                return progress;
            }
            unsent.poll();
        }
        return progress;
    }

    private void scheduleFlushRetry() {
        flushRetry = scheduler.schedule(this::retryFlush, FLUSH_RETRY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The scheduler's retry of the queue: again in {@link #FLUSH_RETRY_MS} while bytes wait; closes the
     * connection once nothing has gone out for the request timeout (the master is not reading).
     */
    private void retryFlush() {
        IOException failed = null;
        writeLock.lock();
        try {
            flushRetry = null;
            if (closed.get() || unsent.isEmpty()) {
                return;
            }
            try {
                stalledMs = flushLocked() ? 0 : stalledMs + FLUSH_RETRY_MS;
                if (unsent.isEmpty()) {
                    return;
                }
                if (stalledMs >= requestTimeoutMs) {
                    failed = new MasterNotReadingException(unsentBytes, bytesWritten, requestTimeoutMs);
                } else {
                    scheduleFlushRetry();
                }
            } catch (IOException e) {
                failed = e;
            }
        } finally {
            writeLock.unlock();
        }
        if (failed != null) {
            close(failed);
        }
    }

    /** The I/O thread's try at the queue when the master sent something (it reads, so it may take more now). */
    private void flushIfQueued() throws IOException {
        if (unsentBytes == 0) {
            return; // the usual case; a sender that queues at this moment has its own flush retry scheduled
        }
        writeLock.lock();
        try {
            if (!unsent.isEmpty() && flushLocked()) {
                stalledMs = 0;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private IOException closedException() {
        Throwable cause = closeCause;
        return new ClosedException(cause != null ? cause : new IOException("closed by nlagent"));
    }

    private void ioLoop() {
        CpuSet cpus = ioCpus;
        if (cpus != null) {
            try {
                CpuAffinity.pinCallingThread(cpus);
            } catch (ErrnoException | IllegalArgumentException e) { // e.g. a cpuset that changed since the decision
                problems.log(Level.WARNING, "cpu-binding", () -> "the AgentX I/O thread stays unbound: " + e.getMessage());
            }
        }
        FrameDecoder frames = new FrameDecoder();
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024); // direct: recv(2) writes straight into it
        Consumer<FrameDecoder.Frame> dispatcher = this::dispatch;
        GetNextFastPath getNext = new GetNextFastPath(handler);
        try {
            while (!closed.get()) {
                socket.read(buf.clear()); // all the master has sent, up to 64 KiB: every whole PDU in it is answered
                buf.flip();
                // a walk's GetNexts straight from buf into the scratch buffer; the rest as frames
                while (frames.idle() && !closed.get() && getNext.answer(buf, scratch)) {
                    replyEncoded(scratch);
                }
                frames.feed(buf, dispatcher);
                flushIfQueued();
            }
        } catch (AgentxParseException e) { // from the framing (dispatch handles its own)
            onParseError(null, e);
        } catch (IOException | RuntimeException e) {
            close(e); // after our own close(), the end of stream it caused is no news: close() ignores it
        } finally {
            if (!closed.get()) { // an Error: senders must see the connection closed before the fd goes
                close(new IOException("the AgentX I/O thread ended"));
            }
            writeLock.lock();
            try {
                socket.release(); // no other thread uses the fd once closed is set (sends check it under writeLock)
            } finally {
                writeLock.unlock();
            }
        }
    }

    private void dispatch(FrameDecoder.Frame frame) {
        Pdu pdu;
        try {
            pdu = AgentxCodec.decode(frame.header(), frame.payload());
        } catch (AgentxParseException e) {
            onParseError(frame.header(), e);
            return;
        }
        switch (pdu.type()) {
            case RESPONSE: {
                Payload.Response r = (Payload.Response) pdu.payload();
                onMasterResponse.accept(r);
                CompletableFuture<Pdu> f = pending.get(pdu.packetId());
                if (f != null) {
                    f.complete(pdu);
                } else {
                    LOG.fine(() -> "unmatched Response packetID " + pdu.packetId());
                }
                return;
            }
            case CLOSE:
                close(new EOFException("the master closed the session (Close reason "
                        + ((Payload.Close) pdu.payload()).reason() + ")"));
                return;
            default:
                Pdu response;
                try {
                    response = handler.handle(pdu);
                } catch (RuntimeException e) {
                    problems.log(Level.WARNING, "handler-failure", () -> "answering " + pdu.type() + " failed, answered processingError: " + e);
                    LOG.log(Level.FINE, "handler failure", e);
                    response = Pdu.responseTo(pdu, new Payload.Response(0, Payload.Response.PROCESSING_ERROR, 0, java.util.List.of()));
                }
                if (response != null) {
                    reply(response);
                }
        }
    }

    /**
     * What a fault in the master's bytes leads to, decided by the fault's type alone: close the
     * connection (the framing is lost), answer parseError (one bad PDU whose type expects an
     * answer) or drop the PDU (a version or type we do not speak, as net-snmp does). Without a
     * header (a fault of the framing) the stream is lost whatever the type.
     */
    private void onParseError(AgentxHeader h, AgentxParseException e) {
        AgentxParseException.Action action = h == null ? AgentxParseException.Action.CLOSE_CONNECTION : e.action();
        switch (action) {
            case CLOSE_CONNECTION:
                close(new IOException("unusable AgentX stream from the master: " + e.getMessage()));
                return;
            case ANSWER_PARSE_ERROR: {
                PduType t = PduType.of(h.type());
                boolean answer = t != null && t.expectsResponse();
                problems.log(Level.WARNING, "malformed-pdu", () -> "malformed AgentX PDU from the master (type " + h.type()
                        + ", packetID " + h.packetId() + "): " + e.getMessage() + (answer ? "; answered parseError" : "; dropped"));
                handler.countMalformed(answer);
                if (answer) {
                    reply(RequestHandler.parseError(h));
                }
                return;
            }
            case DROP:
            default:
                handler.countMalformed(false);
                problems.log(Level.WARNING, "unsupported-pdu", () -> "dropping an AgentX PDU from the master (type " + h.type()
                        + ", packetID " + h.packetId() + "): " + e.getMessage());
        }
    }

    private void reply(Pdu response) {
        try {
            send(response);
        } catch (IOException e) {
            close(e);
        } catch (RuntimeException e) {
            // e.g. an OID we cannot encode: answer genErr rather than leave the master waiting
            problems.log(Level.WARNING, "encode-failure", () -> "cannot encode a Response, answered genErr: " + e);
            LOG.log(Level.FINE, "encode failure", e);
            try {
                send(Pdu.responseTo(response, new Payload.Response(0, Payload.Response.GEN_ERR, 0, java.util.List.of())));
            } catch (IOException io) {
                close(io);
            }
        }
    }

    private void replyEncoded(ByteBuffer response) {
        try {
            sendEncoded(response);
        } catch (IOException e) {
            close(e);
        }
    }

    /** Closes the socket, fails pending requests and reports {@code cause} (once). Never blocks. */
    void close(Throwable cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeCause = cause;
        writeLock.lock();
        try {
            if (flushRetry != null) {
                flushRetry.cancel();
                flushRetry = null;
            }
            unsent.clear();
            unsentBytes = 0;
            if (ioStarted) {
                socket.shutdown(); // the I/O thread's read ends; the thread releases the fd on its way out
            } else {
                socket.release();
            }
        } finally {
            writeLock.unlock();
        }
        IOException failure = new ClosedException(cause);
        for (CompletableFuture<Pdu> f : pending.values()) {
            f.completeExceptionally(failure);
        }
        onClosed.accept(cause);
    }

    @Override
    public void close() {
        close(new IOException("closed by nlagent"));
    }

    /** Waits for {@code f}; a failure comes out as its cause (IOException, TimeoutException...), not wrapped. */
    static Payload.Response await(CompletableFuture<Payload.Response> f) throws Exception {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** What pending requests fail with when their connection closes; the cause is why it closed. */
    static final class ClosedException extends IOException {
        private static final long serialVersionUID = 1L;

        ClosedException(Throwable cause) {
            super("AgentX connection closed: " + cause.getMessage(), cause);
        }
    }

    /**
     * Why a connection was closed when the master stopped reading what we send: its socket buffer
     * is full and nothing went out for {@code stalledMs} (or, with -1, the queue passed its cap).
     */
    static final class MasterNotReadingException extends IOException {
        private static final long serialVersionUID = 1L;

        MasterNotReadingException(long unsentBytes, long sentBytes, long stalledMs) {
            super("the master stopped reading: " + unsentBytes + " bytes unsent "
                    + (stalledMs >= 0 ? "and none taken for " + stalledMs + " ms" : "(cap " + MAX_UNSENT_BYTES + ")")
                    + " after " + sentBytes + " sent");
        }
    }
}
