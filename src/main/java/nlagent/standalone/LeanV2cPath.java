package nlagent.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.mp.MPv3;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.TransportListener;

import nlagent.log.RateLimitedLog;
import nlagent.mib.GetBulk;
import nlagent.mib.MibProvider;
import nlagent.mib.MibValue;
import nlagent.mib.MibView;
import nlagent.mib.Oid;
import nlagent.mib.oid.SnmpV2Mib;
import nlagent.time.Ticker;

/**
 * The standalone agent's path for what an NMS sends all day: SNMPv2c GET, GETNEXT and GETBULK from
 * an allowed source with a community that maps to a served context. Such a datagram is decoded,
 * checked by the same {@link AccessControl}, answered from the same view with the same walk
 * ({@link GetBulk}) and limits, and its answer encoded straight from the view to bytes ({@link ResponseWriter}),
 * without snmp4j's message processing, PDU and variable objects (measured: most of a warm poll's
 * CPU, bench/README.md). The answer is byte for byte the one {@link LeanResponder} gives
 * ({@code LeanV2cPathTest} compares them).
 *
 * <p>Everything else goes to snmp4j's dispatcher as before, untouched: SNMPv1 and SNMPv3, SET,
 * anything the strict decoder does not take (malformed input, odd encodings), unknown communities
 * and sources, contexts that are gone. So the protocol counters, Reports, errors and log lines of
 * those cases stay what they were; this path counts snmpInPkts itself, as the dispatcher would.
 */
final class LeanV2cPath implements TransportListener {
    private static final Logger LOG = Logger.getLogger(LeanV2cPath.class.getName());
    private static final Oid SNMP_IN_PKTS_0 = SnmpV2Mib.SNMP_IN_PKTS.append(0);
    private static final Oid SNMP_SILENT_DROPS_0 = SnmpV2Mib.SNMP_SILENT_DROPS.append(0);

    private final TransportListener fallback;
    private final MibProvider provider;
    private final AccessControl access;
    private final int maxMessageSize;
    private final GetBulk.Limits limits;
    private final SnmpCounters counters;
    private final LeanResponder responder;
    /**
     * A writer not in use, taken by a request and put back after it. The agent installs one path per
     * transport, so its one listen thread finds it there every time; a concurrent caller (tests) makes
     * its own. There from the start, and not a ThreadLocal: the served path's first request would
     * otherwise take a branch the warm-up's compiled code never saw (a null writer, a ThreadLocal
     * miss): an uncommon trap and a C2 recompilation of the request path in the first poll.
     */
    private final AtomicReference<ResponseWriter> spareWriter = new AtomicReference<>(new ResponseWriter());
    /** One line per minute for failures on this path: a peer can repeat the request that fails thousands of times a second. */
    private final RateLimitedLog failures;

    /**
     * @param fallback   where {@link #processMessage} hands what this path does not answer (snmp4j's dispatcher);
     *                   {@link UdpChannelTransport} calls
     *                   {@link #answer(byte[], int, int, InetAddress, int, Object, ByteBuffer)} and hands such
     *                   datagrams to its listeners itself
     * @param responder  the dispatcher's responder: its request count includes this path's
     */
    LeanV2cPath(TransportListener fallback, MibProvider provider, AccessControl access, int maxMessageSize,
                GetBulk.Limits limits, SnmpCounters counters, LeanResponder responder) {
        this(fallback, provider, access, maxMessageSize, limits, counters, responder,
                new RateLimitedLog(LOG, Ticker.system(), null));
    }

    /** @param failures where unexpected failures are logged (tests: with a hand-driven clock) */
    LeanV2cPath(TransportListener fallback, MibProvider provider, AccessControl access, int maxMessageSize,
                GetBulk.Limits limits, SnmpCounters counters, LeanResponder responder, RateLimitedLog failures) {
        this.failures = failures;
        this.fallback = fallback;
        this.provider = provider;
        this.access = access;
        this.maxMessageSize = maxMessageSize;
        this.limits = limits;
        this.counters = counters;
        this.responder = responder;
    }

    /** snmp4j's way in (tests, and any snmp4j transport): answers here, or hands the datagram on to the fallback. */
    @Override
    public <A extends Address> void processMessage(TransportMapping<? super A> transport, A address, ByteBuffer message,
                                                   TransportStateReference ref) {
        if (address instanceof UdpAddress udp && message.hasArray()) {
            int start = message.position();
            byte[] answer = answer(message.array(), message.arrayOffset() + start, message.remaining(), udp.getInetAddress(),
                    transport.getMaxOutboundMessageSize(), address);
            if (answer != null) {
                try {
                    transport.sendMessage(address, answer, ref, 0, 0);
                } catch (IOException e) {
                    unsent(address, e);
                }
                return;
            }
            message.position(start);
        }
        fallback.processMessage(transport, address, message, ref);
    }

    /**
     * {@link #answer(byte[], int, int, InetAddress, int, Object, ByteBuffer)} as a new array (snmp4j's
     * transports send arrays: {@link #processMessage}); null: not answered.
     */
    byte[] answer(byte[] datagram, int offset, int length, InetAddress client, int maxOutboundMessageSize, Object peer) {
        ByteBuffer out = ByteBuffer.allocate(UdpChannelTransport.MAX_DATAGRAM_BYTES);
        return answer(datagram, offset, length, client, maxOutboundMessageSize, peer, out) ? bytes(out) : null;
    }

    private static byte[] bytes(ByteBuffer answer) {
        byte[] b = new byte[answer.remaining()];
        answer.get(b);
        return b;
    }

    /**
     * Answers one datagram into {@code out} (from 0, then flipped: ready to send to its source), or
     * leaves the datagram to the fallback (false; then nothing was counted, and what {@code out} holds
     * is undefined). An answer counts snmpInPkts and the request. Never throws: a failure is logged
     * (once a minute per exception class) and the datagram left to the fallback, which answers or
     * refuses it as before.
     *
     * @param out  the caller's buffer, large enough for any answer ({@link UdpChannelTransport#MAX_DATAGRAM_BYTES})
     * @param peer the source, for log lines only
     */
    boolean answer(byte[] datagram, int offset, int length, InetAddress client, int maxOutboundMessageSize, Object peer,
                   ByteBuffer out) {
        boolean answered = false;
        try {
            V2cRequest req = V2cRequest.decode(datagram, offset, length);
            answered = req != null && answer(req, client, maxOutboundMessageSize, out);
        } catch (RuntimeException e) {
            if (failures.log(Level.WARNING, "lean path " + e.getClass().getName(),
                    () -> "lean path failed on a request from " + peer + ": " + e)) {
                LOG.log(Level.FINE, "stack trace of the lean path failure above", e);
            }
        }
        if (answered) {
            counters.increment(SNMP_IN_PKTS_0);
            responder.countRequest();
        }
        return answered;
    }

    /** An answer of {@link #answer} could not be sent: counted as RFC 3418 says. */
    void unsent(Object peer, IOException e) {
        counters.increment(SNMP_SILENT_DROPS_0);
        LOG.log(Level.FINE, "cannot send response to " + peer + ": " + e.getMessage(), e);
    }

    /**
     * The encoded answer to a decoded request, or null when this path does not answer (dropped or
     * refused requests, unknown contexts: the fallback decides and counts those); counts nothing
     * (tests: compared with {@link LeanResponder}'s answers).
     */
    byte[] answer(V2cRequest req, InetAddress client, int maxOutboundMessageSize) {
        ByteBuffer out = ByteBuffer.allocate(UdpChannelTransport.MAX_DATAGRAM_BYTES);
        return answer(req, client, maxOutboundMessageSize, out) ? bytes(out) : null;
    }

    /** The answer into {@code out}; false when this path does not answer. Side-effect free when false. */
    private boolean answer(V2cRequest req, InetAddress client, int maxOutboundMessageSize, ByteBuffer out) {
        if (client == null || !(access.community(req.community(), client) instanceof AccessControl.Read read)) {
            return false;
        }
        MibView view = provider.view(read.context());
        if (view == null) {
            return false;
        }
        // what snmp4j's dispatcher hands the responder as the largest response (transport size minus an SNMPv3 header)
        int maxSizeResponsePdu = maxOutboundMessageSize - MPv3.MAX_HEADER_LENGTH;
        int maxPdu = Math.min(maxSizeResponsePdu > 0 ? maxSizeResponsePdu : maxMessageSize, maxMessageSize)
                - req.community().length - LeanResponder.COMMUNITY_MESSAGE_OVERHEAD;
        ResponseWriter writer = spareWriter.getAndSet(null);
        if (writer == null) {
            writer = new ResponseWriter();
        }
        try {
            int errorStatus = encode(req, view, maxPdu, writer);
            writer.messageTo(out, req.community(), req.requestId(), errorStatus, 0);
            return true;
        } finally {
            spareWriter.set(writer);
        }
    }

    /**
     * The answer's varbinds into {@code out}, an empty list when the answer is tooBig.
     *
     * @return the error status: 0, or tooBig
     */
    private int encode(V2cRequest req, MibView view, int maxPdu, ResponseWriter out) {
        Oid[] names = req.names();
        switch (req.pduType()) {
            case V2cRequest.GET:
                out.start(Integer.MAX_VALUE);
                for (Oid name : names) {
                    out.add(name, view.get(name));
                    if (BerEncoder.responsePduLength(req.requestId(), out.varBindBytes()) > maxPdu) {
                        return tooBig(out); // the answer only grows: stop here, and the writer's buffer stays small
                    }
                }
                return 0;
            case V2cRequest.GETNEXT:
                out.start(Integer.MAX_VALUE);
                for (Oid name : names) {
                    if (view.walk(name, false, null, 1, out) == 0) {
                        out.add(name, MibValue.END_OF_MIB_VIEW);
                    }
                    if (BerEncoder.responsePduLength(req.requestId(), out.varBindBytes()) > maxPdu) {
                        return tooBig(out);
                    }
                }
                return 0;
            default: { // GETBULK: sized while built
                List<GetBulk.Start> starts = new ArrayList<>(names.length);
                for (Oid n : names) {
                    starts.add(GetBulk.Start.after(n));
                }
                out.start(maxPdu - BerEncoder.responsePduLength(req.requestId(), 0) - RequestProcessor.LIST_HEADER_SLACK);
                return GetBulk.walk(view, starts, req.nonRepeaters(), req.maxRepetitions(), limits, out) ? 0 : tooBig(out);
            }
        }
    }

    /** tooBig with an empty varbind list (RFC 3416 4.2.1), which always fits. */
    private static int tooBig(ResponseWriter out) {
        out.start(0);
        return BerEncoder.TOO_BIG;
    }
}
