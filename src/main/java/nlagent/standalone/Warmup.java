package nlagent.standalone;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
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
import org.snmp4j.transport.TransportListener;

import nlagent.mib.MibProvider;

/**
 * Runs the standalone agent's request path in-process before the first NMS poll, so that the poll
 * does not pay class loading, interpretation and JIT compilation (measured in bench/README.md: the
 * first poll after start cost 10–30× a warm one without this, about half that with it).
 *
 * <p>What runs is the real path end to end except the socket: v2c GETBULK/GETNEXT messages are BER
 * encoded, handed to a private snmp4j dispatcher (MPv2c decode), answered by a private
 * {@link LeanResponder} over the served {@link MibProvider} (view lookup, walk, value conversion,
 * size checks), encoded by MPv2c and "sent" to a transport that only keeps the bytes, which are then
 * decoded to continue the walk. No socket is opened and nothing of the served agent is touched: its
 * dispatcher, responder, counters and access control stay as they are; the views read are the
 * provider's own (a view not yet built is built, as the first request for it would).
 *
 * <p>Bounded: it stops after {@code maxRequests} requests or {@code cpuBudgetMs} of its own thread's
 * CPU, whichever comes first, and it reads at most {@link #MAX_CONTEXTS} contexts (the default one
 * first), so that it does not mark every namespace as polled.
 */
public final class Warmup {
    private static final Logger LOG = Logger.getLogger(Warmup.class.getName());
    /** The default context and one namespace: enough for the JIT, and it keeps others unread. */
    static final int MAX_CONTEXTS = 2;
    /** As an NMS walks (snmpbulkwalk -Cr25, the bench's poll). */
    private static final int MAX_REPETITIONS = 25;
    /** Start of every walk: mib-2, the served subtrees and what follows them. */
    private static final OID WALK_START = new OID(new int[] {1, 3, 6, 1, 2, 1});
    /** Exists only inside this process: the private responder's only community. */
    private static final String COMMUNITY = "nlagent-warmup";

    /** What a warm-up did. */
    public record Result(int requests, long varbinds, int walks, long cpuNanos, List<String> contexts) {
    }

    private final MibProvider provider;
    private final int maxRequests;
    private final long cpuBudgetNanos;

    public Warmup(MibProvider provider, int maxRequests, long cpuBudgetMs) {
        this.provider = provider;
        this.maxRequests = maxRequests;
        this.cpuBudgetNanos = cpuBudgetMs * 1_000_000L;
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
        CapturingTransport transport = new CapturingTransport();
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        AccessControl access = new AccessControl(List.of(new StandaloneConfig.Community(COMMUNITY, anySource(), "*")),
                List.of());
        // its own counters: the warm-up must not show in the served snmp group (snmpInPkts, ...)
        dispatcher.addCommandResponder(new LeanResponder(provider, access, StandaloneConfig.MAX_UDP_PAYLOAD,
                new nlagent.mib.GetBulk.Limits(StandaloneConfig.DEFAULT_MAX_GETBULK, StandaloneConfig.DEFAULT_MAX_GETBULK),
                new SnmpCounters()));
        UdpAddress peer = new UdpAddress(InetAddress.getLoopbackAddress(), 9);
        TransportStateReference state = new TransportStateReference(transport, peer, null, SecurityLevel.undefined,
                SecurityLevel.undefined, false, null);
        int requests = 0;
        long varbinds = 0;
        int walks = 0;
        outer:
        while (!contexts.isEmpty()) {
            for (String ctx : contexts) {
                OctetString community = new OctetString(ctx.isEmpty() ? COMMUNITY : COMMUNITY + "@" + ctx);
                OID from = WALK_START;
                while (from != null) {
                    if (requests >= maxRequests || mx.getCurrentThreadCpuTime() - cpu0 >= cpuBudgetNanos) {
                        break outer;
                    }
                    // every 2nd step a GETNEXT, the rest GETBULK: both request paths get compiled, and the per-request
                    // code (message decode and encode) reaches C2 compilation, which needs ~10,000 calls
                    PDU req = request(requests % 2 == 1 ? PDU.GETNEXT : PDU.GETBULK, requests, from);
                    transport.last = null;
                    dispatcher.processMessage(transport, peer, ByteBuffer.wrap(encode(community, req)), state);
                    requests++;
                    if (transport.last == null) {
                        break outer; // context gone meanwhile (dropped): nothing more to learn
                    }
                    PDU resp = decode(transport.last);
                    from = null;
                    for (VariableBinding vb : resp.getVariableBindings()) {
                        varbinds++;
                        if (vb.getVariable().isException()) {
                            from = null;
                            break;
                        }
                        from = vb.getOid();
                    }
                }
                walks++;
            }
        }
        return new Result(requests, varbinds, walks, mx.getCurrentThreadCpuTime() - cpu0, contexts);
    }

    private static SourceFilter anySource() {
        try {
            return SourceFilter.parse("default", null);
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
