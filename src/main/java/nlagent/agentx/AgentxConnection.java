package nlagent.agentx;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.time.Scheduler;

/**
 * One connection to the master: a reader thread that frames and dispatches PDUs, a locked writer,
 * and our own outstanding requests keyed by packetID. Requests from the master are answered on the
 * reader thread straight from the in-memory view (no I/O besides the write), in arrival order;
 * Responses are matched only against packetIDs we sent, and only when the PDU is a Response.
 * Any framing error, EOF or I/O error closes the connection on purpose, fails every pending request
 * and reports the cause once to {@code onClosed}.
 */
final class AgentxConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentxConnection.class.getName());

    private final SocketChannel channel;
    private final RequestHandler handler;
    private final Scheduler scheduler;
    private final long requestTimeoutMs;
    private final Consumer<Throwable> onClosed;
    private final Consumer<Payload.Response> onMasterResponse;
    private final Map<Integer, CompletableFuture<Pdu>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextPacketId = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object writeLock = new Object();
    private final Thread reader;
    private volatile int sessionId;

    AgentxConnection(SocketChannel channel, RequestHandler handler, Scheduler scheduler, long requestTimeoutMs,
                     Consumer<Throwable> onClosed, Consumer<Payload.Response> onMasterResponse) {
        this.channel = channel;
        this.handler = handler;
        this.scheduler = scheduler;
        this.requestTimeoutMs = requestTimeoutMs;
        this.onClosed = onClosed;
        this.onMasterResponse = onMasterResponse;
        this.reader = new Thread(this::readLoop, "agentx-reader");
        this.reader.setDaemon(true);
    }

    void start() {
        reader.start();
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
        if (closed.get()) {
            f.completeExceptionally(new IOException("connection closed"));
            return f;
        }
        try {
            send(out);
        } catch (IOException e) {
            f.completeExceptionally(e);
            close(e);
        }
        return f;
    }

    private void send(Pdu pdu) throws IOException {
        ByteBuffer b = AgentxCodec.encode(pdu);
        synchronized (writeLock) {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    private void readLoop() {
        FrameDecoder frames = new FrameDecoder();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (!closed.get()) {
                buf.clear();
                if (channel.read(buf) < 0) {
                    throw new EOFException("the master closed the connection");
                }
                buf.flip();
                frames.feed(buf, this::dispatch);
            }
        } catch (AgentxParseException e) {
            close(new IOException("unusable AgentX stream from the master: " + e.getMessage()));
        } catch (IOException | RuntimeException e) {
            close(e);
        }
    }

    private void dispatch(FrameDecoder.Frame frame) {
        Pdu pdu;
        try {
            pdu = AgentxCodec.decode(frame.header(), frame.payload());
        } catch (AgentxParseException e) {
            LOG.warning("dropping AgentX PDU (type " + frame.header().type() + ", packetID " + frame.header().packetId()
                    + "): " + e.getMessage());
            PduType t = PduType.of(frame.header().type());
            if (t != null && t != PduType.RESPONSE && t != PduType.CLEANUP_SET && frame.header().version() == AgentxHeader.VERSION) {
                reply(RequestHandler.parseError(frame.header()));
            }
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
                    LOG.log(Level.WARNING, "handling " + pdu.type() + " failed: " + e, e);
                    response = Pdu.responseTo(pdu, new Payload.Response(0, Payload.Response.PROCESSING_ERROR, 0, java.util.List.of()));
                }
                if (response != null) {
                    reply(response);
                }
        }
    }

    private void reply(Pdu response) {
        try {
            send(response);
        } catch (IOException e) {
            close(e);
        } catch (RuntimeException e) {
            // e.g. an OID we cannot encode: answer genErr rather than leave the master waiting
            LOG.log(Level.WARNING, "cannot encode Response: " + e, e);
            try {
                send(Pdu.responseTo(response, new Payload.Response(0, Payload.Response.GEN_ERR, 0, java.util.List.of())));
            } catch (IOException io) {
                close(io);
            }
        }
    }

    /** Closes the socket, fails pending requests and reports {@code cause} (once). */
    void close(Throwable cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        IOException failure = new IOException("AgentX connection closed: " + cause.getMessage(), cause);
        for (CompletableFuture<Pdu> f : pending.values()) {
            f.completeExceptionally(failure);
        }
        onClosed.accept(cause);
    }

    @Override
    public void close() {
        close(new IOException("closed by nlagent"));
    }
}
