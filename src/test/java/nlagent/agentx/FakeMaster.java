package nlagent.agentx;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted AgentX master on a Unix socket, for behaviours a real snmpd will not show on demand:
 * silent Pings, notOpen answers, garbage on the stream. Answers Open/Register/AddAgentCaps with 0.
 */
final class FakeMaster implements AutoCloseable {
    enum PingMode { ANSWER, SILENT, NOT_OPEN }

    final Path socket;
    volatile PingMode pingMode = PingMode.ANSWER;
    /** False: the master stops reading its sockets (a hung snmpd); what the subagent sends piles up. */
    volatile boolean reading = true;
    /** True while a connection's reader is stopped by {@link #reading} (it reads no more until resumed). */
    volatile boolean parked;
    /** When set, the master writes these bytes right after answering AddAgentCaps. */
    volatile byte[] garbageAfterCaps;
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger pings = new AtomicInteger();
    final List<Pdu> received = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;
    private final List<SocketChannel> clients = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeMaster(Path socket) throws IOException {
        this.socket = socket;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(this::acceptLoop, "fake-master");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel c = server.accept();
                clients.add(c);
                Thread t = new Thread(() -> serve(c), "fake-master-conn");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void serve(SocketChannel c) {
        FrameDecoder frames = new FrameDecoder();
        ByteBuffer buf = ByteBuffer.allocate(65536);
        int session = 100 + opens.get();
        try {
            while (true) {
                while (!reading) {
                    parked = true;
                    Thread.sleep(5);
                }
                parked = false;
                if (c.read(buf.clear()) < 0) {
                    break;
                }
                buf.flip();
                frames.feed(buf, f -> {
                    try {
                        Pdu p = AgentxCodec.decode(f.header(), f.payload());
                        received.add(p);
                        answer(c, p, session);
                    } catch (AgentxParseException | IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        } catch (Exception e) {
            // connection gone
        }
    }

    private void answer(SocketChannel c, Pdu p, int session) throws IOException {
        int error = 0;
        switch (p.type()) {
            case OPEN:
                opens.incrementAndGet();
                break;
            case PING:
                pings.incrementAndGet();
                if (pingMode == PingMode.SILENT) {
                    return;
                }
                error = pingMode == PingMode.NOT_OPEN ? Payload.Response.NOT_OPEN : 0;
                break;
            case RESPONSE:
                return;
            default:
                break;
        }
        Pdu r = new Pdu(PduType.RESPONSE, 0, session, p.transactionId(), p.packetId(), null,
                new Payload.Response(4200, error, 0, List.of()));
        write(c, AgentxCodec.encode(r));
        if (p.type() == PduType.ADD_AGENT_CAPS && garbageAfterCaps != null) {
            write(c, ByteBuffer.wrap(garbageAfterCaps));
        }
    }

    /** Sends {@code pdu} to every connected subagent (as a master request). */
    void sendToAll(Pdu pdu) throws IOException {
        for (SocketChannel c : clients) {
            if (c.isOpen()) {
                write(c, AgentxCodec.encode(pdu));
            }
        }
    }

    /** Writes raw bytes to every connected subagent. */
    void sendRawToAll(byte[] bytes) throws IOException {
        for (SocketChannel c : clients) {
            if (c.isOpen()) {
                write(c, ByteBuffer.wrap(bytes));
            }
        }
    }

    private static synchronized void write(SocketChannel c, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : clients) {
            c.close();
        }
    }
}
