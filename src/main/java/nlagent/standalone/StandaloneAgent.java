package nlagent.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;

import nlagent.mib.ComposedMibProvider;
import nlagent.mib.MibProvider;
import nlagent.mib.Oid;
import nlagent.mib.system.AgentObjectsView;

/**
 * The standalone SNMPv1/v2c/v3 agent: our UDP transport ({@link UdpChannelTransport}) with the v2c
 * path of an NMS poll ({@link LeanV2cPath}), snmp4j's message processing and USM for the rest,
 * answers from the {@link MibProvider}'s current view per context. One listen thread per address.
 */
public final class StandaloneAgent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StandaloneAgent.class.getName());
    /** Engine boots must grow across restarts (RFC 3414); with no state file, seconds since this epoch do. */
    private static final long BOOTS_EPOCH_SECONDS = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();

    private final MessageDispatcherImpl dispatcher;
    private final List<UdpChannelTransport> transports;
    private final byte[] engineId;
    private final LeanResponder responder;
    private final MibProvider served;

    private StandaloneAgent(MessageDispatcherImpl dispatcher, List<UdpChannelTransport> transports, byte[] engineId,
                            LeanResponder responder, MibProvider served) {
        this.dispatcher = dispatcher;
        this.transports = transports;
        this.engineId = engineId;
        this.responder = responder;
        this.served = served;
    }

    /**
     * A start-up warm-up ({@link Warmup}) of this agent's request path over the provider that path reads:
     * the one given at start with the agent's own objects added. Not the one given: the served path's
     * call sites see one composition more, and a warm-up over the inner provider left them monomorphic, so
     * the first NMS request took a class-check trap in {@link ComposedMibProvider#view} and C2 recompiled
     * the request path (bench/README.md, "Reusing what did not change"). Its socket is of the first listen
     * address's family, for the same reason.
     *
     * @param expire        see {@link Warmup#Warmup(MibProvider, int, long, Runnable, java.util.function.LongSupplier)}
     * @param compileMillis the JIT's work so far, ms ({@link Warmup#jitCompileMillis()})
     */
    public Warmup warmup(int maxRequests, long cpuBudgetMs, Runnable expire, java.util.function.LongSupplier compileMillis) {
        return new Warmup(served, maxRequests, cpuBudgetMs, expire, compileMillis, transports.get(0).family());
    }

    /**
     * Binds every address of {@code listen} and starts answering. On a bind failure nothing stays
     * open and the error names the address.
     */
    public static StandaloneAgent start(StandaloneConfig config, List<ListenAddress> listen, MibProvider provider)
            throws IOException {
        byte[] engineId = engineId(config);
        int boots = engineBoots();
        SnmpCounters counters = new SnmpCounters();
        USM usm = new USM(UsmUsers.protocols(), new OctetString(engineId), boots, counters.support());
        for (UsmUserSpec u : config.users()) {
            usm.addUser(UsmUsers.toUsmUser(u));
        }
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new ReportingMPv3(usm, counters));
        dispatcher.addCounterListener(counters);
        // the agent's own objects (snmp group, snmpEngine, MPD and USM statistics) in every context, as snmpd serves its own
        MibProvider served = new ComposedMibProvider(provider, List.of(new AgentObjectsView(engine(usm, counters, config))));
        AccessControl access = new AccessControl(config.communities(), config.readUsers());
        LeanResponder responder = new LeanResponder(served, access, config.maxMessageSize(), config.getBulkLimits(), counters);
        dispatcher.addCommandResponder(responder);

        List<UdpChannelTransport> transports = new ArrayList<>();
        try {
            for (int i = 0; i < listen.size(); i++) {
                ListenAddress a = listen.get(i);
                // v2c reads straight to bytes, everything else through the dispatcher; one path per transport, as its
                // answer writer serves one listen thread
                LeanV2cPath lean = new LeanV2cPath(dispatcher, served, access, config.maxMessageSize(),
                        config.getBulkLimits(), counters, responder);
                UdpChannelTransport t;
                try {
                    // one name per address, within the 15 characters /proc/PID/task/TID/comm keeps (bench/run.sh reads them)
                    t = new UdpChannelTransport(new InetSocketAddress(a.address(), a.port()),
                            UdpChannelTransport.family(a.address()), lean, "snmp-listen-" + i);
                } catch (IOException e) {
                    throw new ListenException(a, e);
                }
                t.addTransportListener(dispatcher);
                dispatcher.addTransportMapping(t);
                transports.add(t);
            }
            for (UdpChannelTransport t : transports) {
                t.listen();
            }
        } catch (IOException | RuntimeException e) {
            closeAll(transports);
            throw e;
        }
        StandaloneAgent agent = new StandaloneAgent(dispatcher, transports, engineId, responder, served);
        LOG.info(() -> "standalone SNMP agent listening on " + agent.boundAddresses() + ", engine ID 0x"
                + hex(engineId) + ", " + config.communities().size() + " communities, " + config.readUsers().size()
                + " SNMPv3 users");
        return agent;
    }

    /** The values of {@link AgentObjectsView}: snmp4j's USM engine, the counters, the configured message size. */
    private static AgentObjectsView.Engine engine(USM usm, SnmpCounters counters, StandaloneConfig config) {
        return new AgentObjectsView.Engine() {
            @Override
            public long counter(Oid object) {
                return counters.get(object.append(0));
            }

            @Override
            public byte[] engineId() {
                return usm.getLocalEngineID().getValue();
            }

            @Override
            public int engineBoots() {
                return usm.getEngineBoots();
            }

            @Override
            public int engineTimeSeconds() {
                return usm.getEngineTime();
            }

            @Override
            public int maxMessageSize() {
                return config.maxMessageSize();
            }
        };
    }

    /** A listen address could not be bound (in use, not local, no permission); names the address. */
    public static final class ListenException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient ListenAddress address;

        ListenException(ListenAddress address, IOException cause) {
            super("cannot listen on " + address + ": " + cause.getMessage(), cause);
            this.address = address;
        }

        public ListenAddress address() {
            return address;
        }
    }

    /** The SNMP engine ID: configured, or derived from the host name (the notification sender uses the same). */
    public static byte[] engineId(StandaloneConfig config) {
        return config.engineId() != null ? config.engineId() : defaultEngineId();
    }

    /** snmpEngineBoots: grows across restarts without a state file (seconds since {@link #BOOTS_EPOCH_SECONDS}). */
    static int engineBoots() {
        return (int) Math.max(1, Instant.now().getEpochSecond() - BOOTS_EPOCH_SECONDS);
    }

    /** RFC 3411 format 4 (text) under net-snmp's enterprise number would claim to be net-snmp; use our host name. */
    static byte[] defaultEngineId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "nlagent";
        }
        return MPv3.createLocalEngineID(new OctetString(("nlagent@" + host).getBytes(StandardCharsets.UTF_8)));
    }

    /** The bound addresses (with the real port when 0 was asked for). */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (UdpChannelTransport t : transports) {
            UdpAddress a = t.getListenAddress();
            out.add(new InetSocketAddress(a.getInetAddress(), a.getPort()));
        }
        return out;
    }

    public byte[] engineId() {
        return engineId.clone();
    }

    /** Requests answered or refused so far, and requests dropped (bad community, vanished context). */
    public long requests() {
        return responder.requests();
    }

    public long dropped() {
        return responder.dropped();
    }

    @Override
    public void close() {
        closeAll(transports);
        dispatcher.stop();
        LOG.info("standalone SNMP agent stopped");
    }

    private static void closeAll(List<UdpChannelTransport> ts) {
        for (UdpChannelTransport t : ts) {
            try {
                t.close();
            } catch (IOException e) {
                LOG.fine("closing " + t.getListenAddress() + ": " + e);
            }
        }
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
