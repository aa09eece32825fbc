package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.TransportListener;

import nlagent.mib.GetBulk;
import nlagent.mib.MibProvider;
import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.TestMibProvider;

/**
 * The standalone agent's UDP transport over a real loopback socket: the lean path answers what it
 * can, everything else reaches the snmp4j listeners with a state reference that sends back through
 * this transport; a listener that throws does not end the listen thread; the warm-up's stop ends
 * the thread after one datagram without closing the socket; close ends a thread blocked in a
 * receive; the port is not shared.
 */
class UdpChannelTransportTest {
    private static final Oid T = Oid.parse("1.3.6.1.2.1.99");
    private static final Oid NAME = T.append(1, 1, 0);
    private static final int TIMEOUT_MS = 5_000;

    private final BlockingQueue<Handed> handed = new LinkedBlockingQueue<>();
    private UdpChannelTransport transport;
    private DatagramSocket client;

    private record Handed(UdpAddress from, byte[] datagram, TransportStateReference ref) {
    }

    @AfterEach
    void close() throws IOException {
        if (transport != null) {
            transport.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private static MibProvider provider() {
        SortedMibView.Builder b = SortedMibView.builder().subtree(T);
        b.object(T.append(1, 1));
        b.add(NAME, MibValue.integer(42));
        return new TestMibProvider(b.build());
    }

    /**
     * A transport on an ephemeral loopback port whose listener records each datagram and answers a short one with
     * "echo:" + it; or throws {@code listenerFailure} for datagrams starting with 'x'.
     */
    private UdpChannelTransport start(String threadName, RuntimeException listenerFailure) throws Exception {
        AccessControl access = new AccessControl(List.of(
                new StandaloneConfig.Community("public", SourceFilter.parse("127.0.0.1", null), "")), List.of());
        SnmpCounters counters = new SnmpCounters();
        GetBulk.Limits limits = new GetBulk.Limits(100, 100);
        MibProvider provider = provider();
        LeanResponder responder = new LeanResponder(provider, access, 1400, limits, counters);
        LeanV2cPath lean = new LeanV2cPath(null, provider, access, 1400, limits, counters, responder);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        UdpChannelTransport t = new UdpChannelTransport(new InetSocketAddress(loopback, 0), UdpChannelTransport.family(loopback),
                lean, threadName);
        t.addTransportListener(new TransportListener() {
            @Override
            public <A extends Address> void processMessage(TransportMapping<? super A> tm, A address, ByteBuffer message,
                                                           TransportStateReference ref) {
                byte[] data = new byte[message.remaining()];
                message.get(data);
                handed.add(new Handed((UdpAddress) address, data, ref));
                if (listenerFailure != null && data[0] == 'x') {
                    throw listenerFailure;
                }
                if (data.length > 1_000) {
                    return; // the largest datagrams are only recorded: their echo would not fit in one
                }
                byte[] echo = ("echo:" + new String(data, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                try {
                    tm.sendMessage(address, echo, ref, 0, 0);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        t.listen();
        transport = t;
        client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client.setSoTimeout(TIMEOUT_MS);
        return t;
    }

    private byte[] exchange(byte[] request) throws IOException {
        send(request);
        return receive();
    }

    /**
     * As an NMS does: resend after 100 ms without an answer, for up to the test timeout; an answer to
     * another (earlier, resent) request is skipped.
     */
    private PDU answerRetrying(int requestId) throws IOException {
        byte[] request = get("public", requestId);
        client.setSoTimeout(100);
        try {
            for (int i = 0; i < TIMEOUT_MS / 100; i++) {
                send(request);
                try {
                    while (true) {
                        PDU answer = Warmup.decode(receive());
                        if (answer.getRequestID().getValue() == requestId) {
                            return answer;
                        }
                    }
                } catch (java.net.SocketTimeoutException e) {
                    // not yet: resend
                }
            }
            throw new java.net.SocketTimeoutException("no answer within " + TIMEOUT_MS + " ms");
        } finally {
            client.setSoTimeout(TIMEOUT_MS);
        }
    }

    private void send(byte[] request) throws IOException {
        UdpAddress a = transport.getListenAddress();
        client.send(new DatagramPacket(request, request.length, a.getInetAddress(), a.getPort()));
    }

    private byte[] receive() throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65_535], 65_535);
        client.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }

    private static byte[] get(String community, int requestId) throws IOException {
        PDU pdu = new PDU();
        pdu.setType(PDU.GET);
        pdu.setRequestID(new Integer32(requestId));
        pdu.add(new VariableBinding(new OID(NAME.toString())));
        return Warmup.encode(new OctetString(community), pdu);
    }

    private static String text(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void leanAnswersGoOutDirectlyAndTheRestReachesTheListenersWithAWorkingStateReference() throws Exception {
        UdpChannelTransport t = start("udp-test-listen", null);
        assertNotEquals(0, t.getListenAddress().getPort(), "the bound port, not the 0 asked for");
        assertTrue(t.isListening());
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(th -> th.getName().equals("udp-test-listen")),
                "the listen thread has the name given");

        PDU answer = Warmup.decode(exchange(get("public", 7)));
        assertEquals(PDU.RESPONSE, answer.getType());
        assertEquals(7, answer.getRequestID().getValue());
        assertEquals(42, answer.get(0).getVariable().toInt(), "the lean path's answer, from the view");
        assertTrue(handed.isEmpty(), "an answered datagram does not reach the listeners");

        // not the lean path's: an unknown community, then bytes that are no SNMP message
        byte[] other = get("private", 8);
        assertEquals("echo:" + text(other), text(exchange(other)), "answered through the state reference's transport");
        assertEquals("echo:garbage", text(exchange("garbage".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
        Handed h = handed.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertArrayEquals(other, h.datagram(), "the datagram as received, from its first byte");
        assertEquals(client.getLocalPort(), h.from().getPort());
        assertSame(t, h.ref().getTransport());
        assertEquals(t.getListenAddress(), h.ref().getAddress(), "as snmp4j's transport: the listen address");
    }

    @Test
    void aListenerThatThrowsDoesNotEndTheListenThread() throws Exception {
        start("udp-test-throws", new IllegalStateException("listener failure"));
        for (int i = 0; i < 3; i++) {
            send("x-fails".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        PDU answer = Warmup.decode(exchange(get("public", 9)));
        assertEquals(9, answer.getRequestID().getValue(), "still answering after three failed datagrams");
        assertEquals(3, handed.size());
        assertTrue(transport.isListening());
    }

    @Test
    void stopAfterNextDatagramEndsTheThreadAfterOneMoreDatagramWithTheSocketStillOpen() throws Exception {
        UdpChannelTransport t = start("udp-test-stop", null);
        t.stopAfterNextDatagram();
        assertFalse(t.awaitListenEnd(200), "the thread waits for one more datagram");
        PDU answer = Warmup.decode(exchange(get("public", 11)));
        assertEquals(11, answer.getRequestID().getValue(), "that datagram is answered");
        assertTrue(t.awaitListenEnd(TIMEOUT_MS), "then the thread ends");
        assertFalse(t.isListening());
        int port = t.getListenAddress().getPort();
        assertThrows(IOException.class, () -> new UdpChannelTransport(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), java.net.StandardProtocolFamily.INET, null,
                "second"),
                "the socket stays bound until close");
    }

    /**
     * The warm-up's order: the answer to a request arrives, then the stop is asked for, then one last
     * request. The listen thread may not have looked for a stop yet when the answer arrived; that last
     * request must still be answered (with a stop flag checked after each datagram it was not, now and then).
     */
    @Test
    void aStopAskedRightAfterAnAnswerStillAnswersTheNextDatagram() throws Exception {
        for (int i = 0; i < 30; i++) {
            UdpChannelTransport t = start("udp-test-race-" + i, null);
            assertEquals(1, Warmup.decode(exchange(get("public", 1))).getRequestID().getValue());
            t.stopAfterNextDatagram();
            client.setSoTimeout(2_000);
            assertEquals(2, Warmup.decode(exchange(get("public", 2))).getRequestID().getValue(), "round " + i);
            assertTrue(t.awaitListenEnd(TIMEOUT_MS), "round " + i);
            close();
            transport = null;
            client = null;
        }
    }

    @Test
    void closeEndsAThreadBlockedInAReceiveAndReleasesThePort() throws Exception {
        UdpChannelTransport t = start("udp-test-close", null);
        int port = t.getListenAddress().getPort();
        try (DatagramChannel sharer = DatagramChannel.open()) {
            sharer.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            assertThrows(IOException.class, () -> sharer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)),
                    "not even a socket that asks for SO_REUSEADDR shares the port: the transport did not set it");
        }
        t.close();
        assertTrue(t.awaitListenEnd(TIMEOUT_MS), "the blocked receive ended with the close");
        assertFalse(t.isListening());
        assertThrows(IOException.class, t::listen, "a closed transport does not listen again");
        UdpChannelTransport again = new UdpChannelTransport(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), java.net.StandardProtocolFamily.INET, null,
                "again");
        again.close();
    }

    @Test
    void theListenThreadIsADaemonAndAnInterruptDoesNotLeaveTheAgentDeaf() throws Exception {
        UdpChannelTransport t = start("udp-test-interrupt", null);
        Thread listen = listenThread("udp-test-interrupt");
        assertTrue(listen.isDaemon(), "as snmp4j's: the agent's main thread decides when the process ends");
        for (int i = 0; i < 3; i++) {
            awaitBlockedInReceive(listen);
            listen.interrupt(); // closes the DatagramChannel under the blocked receive
            // a request that arrives before the new socket is bound is lost (an NMS retries): retry
            assertEquals(42, answerRetrying(20 + i).get(0).getVariable().toInt(),
                    "answered on a socket bound again after interrupt " + i);
        }
        assertTrue(t.isListening());
        assertSame(listen, listenThread("udp-test-interrupt"), "the same thread");
        assertEquals(List.of("udp"), socketsOn(t.getListenAddress().getPort()), "the new socket of the same family");
    }

    /**
     * A specific IPv4 listen address gets an IPv4 socket (listed in /proc/net/udp), not the JDK's
     * default IPv6 socket serving it as a mapped address (listed in /proc/net/udp6), whose every
     * datagram took the kernel's IPv6 UDP code first; the IPv4 wildcard and IPv6 addresses an IPv6
     * socket (the wildcard's answers IPv6 managers too, as it always has).
     */
    @Test
    void aSpecificIpv4AddressIsServedByAnIpv4Socket() throws Exception {
        UdpChannelTransport t = start("udp-test-family", null);
        assertEquals(List.of("udp"), socketsOn(t.getListenAddress().getPort()));
        assertEquals(42, Warmup.decode(exchange(get("public", 40))).get(0).getVariable().toInt(), "and it serves");
        assertEquals(java.net.StandardProtocolFamily.INET6, UdpChannelTransport.family(InetAddress.getByName("::1")));
        assertEquals(java.net.StandardProtocolFamily.INET6, UdpChannelTransport.family(InetAddress.getByName("0.0.0.0")));
        assertEquals(java.net.StandardProtocolFamily.INET, UdpChannelTransport.family(InetAddress.getByName("10.1.2.3")));
    }

    /** Which of /proc/self/net/udp and udp6 list a socket bound to local port {@code port}. */
    private static List<String> socketsOn(int port) throws IOException {
        String suffix = String.format(":%04X", port); // local_address is ADDR:PORT, the port in hex, host order
        List<String> files = new java.util.ArrayList<>();
        for (String f : List.of("udp", "udp6")) {
            java.nio.file.Path p = java.nio.file.Path.of("/proc/self/net", f);
            if (java.nio.file.Files.exists(p) && java.nio.file.Files.readAllLines(p).stream().skip(1)
                    .map(l -> l.trim().split("\\s+")[1]).anyMatch(local -> local.endsWith(suffix))) {
                files.add(f);
            }
        }
        return files;
    }

    @Test
    void theLargestDatagramsArriveWhole() throws Exception {
        start("udp-test-large", null);
        byte[] big = new byte[65_507]; // the largest IPv4 UDP payload
        Arrays.fill(big, (byte) 'b');
        big[big.length - 1] = 'e';
        send(big);
        Handed h = handed.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertArrayEquals(big, h.datagram(), "not cut at the buffer");
    }

    @Test
    void sendMessageFromAnotherThreadWhileTheListenThreadWaits() throws Exception {
        UdpChannelTransport t = start("udp-test-send", null);
        awaitBlockedInReceive(listenThread("udp-test-send"));
        byte[] note = "from elsewhere".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Thread.currentThread().interrupt(); // an interrupted caller neither closes the channel nor loses its status
        try {
            t.sendMessage(new UdpAddress(InetAddress.getLoopbackAddress(), client.getLocalPort()), note, null, 0, 0);
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt status is kept");
        } finally {
            Thread.interrupted();
        }
        assertEquals("from elsewhere", text(receive()));
        assertEquals(30, Warmup.decode(exchange(get("public", 30))).getRequestID().getValue(), "and the channel still serves");
    }

    private static Thread listenThread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(th -> th.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name));
    }

    /** Until the thread waits in the channel's receive (its state and top frames say so). */
    private static void awaitBlockedInReceive(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (t.getState() == Thread.State.RUNNABLE && Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("receive0"))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(t.getName() + " did not block in a receive: " + Arrays.toString(t.getStackTrace()));
    }
}
