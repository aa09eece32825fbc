package nlagent.standalone;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.transport.TransportListener;

import nlagent.mib.MibProvider;
import nlagent.mib.MibView;

/**
 * Runs the standalone agent's request path in-process before the first NMS poll, so that the poll
 * does not pay class loading, interpretation and JIT compilation (measured in bench/README.md: the
 * first poll after start cost 10–30× a warm one without this, about half that with it).
 *
 * <p>What runs is the path an NMS poll takes, socket included: v2c GETBULK/GETNEXT messages are
 * BER encoded and sent over loopback to a private snmp4j {@code DefaultUdpTransportMapping} (the
 * served agent's transport class, on an ephemeral 127.0.0.1 port, with a random community accepted
 * from loopback only), whose listen thread hands them to a private {@link LeanV2cPath} (decode,
 * access check, view lookup, walk, encode) over the served {@link MibProvider}; the answers are
 * decoded to continue the walk. Each served subtree is walked on its own, as {@code snmpbulkwalk}
 * walks a table, so every part of the view and every value type is read even when a walk of all
 * mib-2 would not get past the first tables of a large host. Before that, an optional
 * {@code viewBuild} builds whole throwaway views of the current snapshot a few times: the view is
 * rebuilt after every refresh while an NMS polls, and without this its builders are compiled during
 * the first polls (measured in bench/README.md). Both sockets are closed at the end, and nothing of
 * the served agent is touched: its sockets, dispatcher, responder, counters and access control stay
 * as they are; the views read are the provider's own (a view not yet built is built, as the first
 * request for it would).
 *
 * <p>Bounded: it stops after {@code maxRequests} requests or {@code cpuBudgetMs} of its own thread's
 * CPU (the private listen thread spends about as much again), whichever comes first, and it reads at most {@link #MAX_CONTEXTS} contexts (the default one
 * first), so that it does not mark every namespace as polled.
 */
public final class Warmup {
    private static final Logger LOG = Logger.getLogger(Warmup.class.getName());
    /** The default context and one namespace: enough for the JIT, and it keeps others unread. */
    static final int MAX_CONTEXTS = 2;
    /** As an NMS walks (snmpbulkwalk -Cr25, the bench's poll). */
    private static final int MAX_REPETITIONS = 25;
    /** Exists only inside this process: the private responder's only community. */
    private static final String COMMUNITY = "nlagent-warmup";

    /** What a warm-up did. */
    public record Result(int requests, long varbinds, int walks, long cpuNanos, List<String> contexts) {
    }

    /** Throwaway view builds before the walks: enough for the JIT to compile the builders' loops. */
    static final int VIEW_BUILDS = 4;
    /** A reply on loopback takes microseconds; none within this means the request was dropped (context gone). */
    private static final int REPLY_TIMEOUT_MS = 2000;
    /**
     * Requests per subtree and pass at most: on a host with thousands of interfaces one table alone
     * would take the whole budget, and the later subtrees (their parts and value types) stay cold.
     */
    static final int REQUESTS_PER_SUBTREE = 200;

    private final MibProvider provider;
    private final int maxRequests;
    private final long cpuBudgetNanos;
    private final Runnable viewBuild;

    public Warmup(MibProvider provider, int maxRequests, long cpuBudgetMs) {
        this(provider, maxRequests, cpuBudgetMs, null);
    }

    /** @param viewBuild builds (and drops) a whole view of the default context's snapshot; null: none */
    public Warmup(MibProvider provider, int maxRequests, long cpuBudgetMs, Runnable viewBuild) {
        this.provider = provider;
        this.maxRequests = maxRequests;
        this.cpuBudgetNanos = cpuBudgetMs * 1_000_000L;
        this.viewBuild = viewBuild;
    }

    /** Runs it on a daemon thread named {@code nlagent-warmup}; the result goes to the log. */
    public Thread startInBackground() {
        Thread t = new Thread(() -> {
            try {
                Result r = run();
                LOG.info(() -> "warm-up: " + r.requests() + " requests, " + r.varbinds() + " varbinds, " + r.walks()
                        + " walks of " + r.contexts() + " in " + r.cpuNanos() / 1_000_000 + " ms CPU");
            } catch (RuntimeException | IOException e) {
                // only the first poll gets slower; never a reason to stop serving
                LOG.log(Level.WARNING, "warm-up failed: " + e, e);
            }
        }, "nlagent-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Runs it on the calling thread. */
    public Result run() throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        List<String> contexts = contexts();
        for (int i = 0; viewBuild != null && i < VIEW_BUILDS && mx.getCurrentThreadCpuTime() - cpu0 < cpuBudgetNanos; i++) {
            viewBuild.run();
        }
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        // a fresh random community, accepted from loopback only: nobody else can read through the private socket
        String secret = COMMUNITY + "-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        AccessControl access = new AccessControl(List.of(new StandaloneConfig.Community(secret, loopbackSource(), "*")),
                List.of());
        // its own counters: the warm-up must not show in the served snmp group (snmpInPkts, ...)
        SnmpCounters counters = new SnmpCounters();
        nlagent.mib.GetBulk.Limits limits = new nlagent.mib.GetBulk.Limits(StandaloneConfig.DEFAULT_MAX_GETBULK,
                StandaloneConfig.DEFAULT_MAX_GETBULK);
        LeanResponder responder = new LeanResponder(provider, access, StandaloneConfig.MAX_UDP_PAYLOAD, limits, counters);
        dispatcher.addCommandResponder(responder);
        LeanV2cPath lean = new LeanV2cPath(dispatcher, provider, access, StandaloneConfig.MAX_UDP_PAYLOAD, limits, counters,
                responder);
        // the served agent's transport class on a private loopback port: the socket path and the call sites compiled
        // here are those of the real listen thread (with an in-memory transport the first poll recompiled them)
        InetAddress loopback = InetAddress.getLoopbackAddress();
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress(loopback, 0), false);
        transport.setAsyncMsgProcessingSupported(false);
        transport.setThreadName("nlagent-warmup-listen");
        transport.addTransportListener(lean);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            transport.listen();
            client.setSoTimeout(REPLY_TIMEOUT_MS);
            InetSocketAddress agent = new InetSocketAddress(loopback, transport.getListenAddress().getPort());
            return walk(client, agent, secret, contexts, mx, cpu0);
        } finally {
            transport.close();
        }
    }

    private Result walk(DatagramSocket client, InetSocketAddress agent, String secret, List<String> contexts, ThreadMXBean mx,
                        long cpu0) throws IOException {
        byte[] reply = new byte[StandaloneConfig.MAX_UDP_PAYLOAD];
        int requests = 0;
        long varbinds = 0;
        int walks = 0;
        outer:
        while (!contexts.isEmpty()) {
            for (String ctx : contexts) {
                OctetString community = new OctetString(ctx.isEmpty() ? secret : secret + "@" + ctx);
                MibView view = provider.view(ctx);
                if (view == null) {
                    break outer; // context gone meanwhile
                }
                for (nlagent.mib.Oid root : view.subtrees()) {
                    OID rootOid = new OID(root.toArray());
                    OID from = rootOid;
                    for (int inSubtree = 0; from != null && inSubtree < REQUESTS_PER_SUBTREE; inSubtree++) {
                        if (requests >= maxRequests || mx.getCurrentThreadCpuTime() - cpu0 >= cpuBudgetNanos) {
                            break outer;
                        }
                        // every 4th step a GETNEXT, the rest GETBULK: both request paths get compiled, and the per-request
                        // code (message decode and encode) reaches C2 compilation, which needs ~10,000 calls
                        PDU req = request(requests % 4 == 3 ? PDU.GETNEXT : PDU.GETBULK, requests, from);
                        byte[] msg = encode(community, req);
                        client.send(new DatagramPacket(msg, msg.length, agent));
                        requests++;
                        DatagramPacket in = new DatagramPacket(reply, reply.length);
                        try {
                            client.receive(in);
                        } catch (java.net.SocketTimeoutException e) {
                            break outer; // context gone meanwhile (dropped): nothing more to learn
                        }
                        PDU resp = decode(java.util.Arrays.copyOf(reply, in.getLength()));
                        from = null;
                        for (VariableBinding vb : resp.getVariableBindings()) {
                            varbinds++;
                            if (vb.getVariable().isException() || !vb.getOid().startsWith(rootOid)) {
                                from = null; // end of this subtree, as snmpbulkwalk stops
                                break;
                            }
                            from = vb.getOid();
                        }
                    }
                }
                walks++;
            }
        }
        return new Result(requests, varbinds, walks, mx.getCurrentThreadCpuTime() - cpu0, contexts);
    }

    private static SourceFilter loopbackSource() {
        try {
            return SourceFilter.parse(InetAddress.getLoopbackAddress().getHostAddress(), null);
        } catch (nlagent.config.ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> contexts() {
        List<String> out = new ArrayList<>();
        if (provider.contexts().contains("")) {
            out.add("");
        }
        provider.contexts().stream().filter(c -> !c.isEmpty()).sorted().limit(MAX_CONTEXTS - out.size()).forEach(out::add);
        return out;
    }

    private static PDU request(int type, int id, OID from) {
        PDU p = new PDU();
        p.setType(type);
        p.setRequestID(new Integer32(id + 1));
        if (type == PDU.GETBULK) {
            p.setNonRepeaters(0);
            p.setMaxRepetitions(MAX_REPETITIONS);
        }
        p.add(new VariableBinding(from));
        return p;
    }

    /** A v2c message: SEQUENCE { version 1, community, PDU }. */
    static byte[] encode(OctetString community, PDU pdu) throws IOException {
        Integer32 version = new Integer32(1);
        int len = version.getBERLength() + community.getBERLength() + pdu.getBERLength();
        ByteBuffer buf = ByteBuffer.allocate(1 + BER.getBERLengthOfLength(len) + len);
        BEROutputStream out = new BEROutputStream(buf);
        BER.encodeHeader(out, BER.SEQUENCE, len);
        version.encodeBER(out);
        community.encodeBER(out);
        pdu.encodeBER(out);
        return buf.array();
    }

    static PDU decode(byte[] message) throws IOException {
        BERInputStream in = new BERInputStream(ByteBuffer.wrap(message));
        BER.decodeHeader(in, new BER.MutableByte());
        new Integer32().decodeBER(in);
        new OctetString().decodeBER(in);
        PDU p = new PDU();
        p.decodeBER(in);
        return p;
    }

    /** The "network": keeps the last message sent, opens nothing. */
    static final class CapturingTransport implements TransportMapping<UdpAddress> {
        private static final UdpAddress NOWHERE = new UdpAddress(InetAddress.getLoopbackAddress(), 0);
        byte[] last;
        long sent;

        @Override
        public Class<? extends org.snmp4j.smi.Address> getSupportedAddressClass() {
            return UdpAddress.class;
        }

        @Override
        public UdpAddress getListenAddress() {
            return NOWHERE;
        }

        @Override
        public void sendMessage(UdpAddress address, byte[] message, TransportStateReference ref, long timeout, int retries) {
            last = message;
            sent++;
        }

        @Override
        public void addTransportListener(TransportListener l) {
        }

        @Override
        public void removeTransportListener(TransportListener l) {
        }

        @Override
        public void close() {
        }

        @Override
        public void listen() {
        }

        @Override
        public boolean isListening() {
            return false;
        }

        @Override
        public int getMaxInboundMessageSize() {
            return StandaloneConfig.MAX_UDP_PAYLOAD;
        }
    }
}
