package nlagent.standalone;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.VariableBinding;

import nlagent.mib.MibProvider;
import nlagent.mib.MibView;
import nlagent.mib.oid.SnmpV2Mib;

/**
 * The standalone agent's command responder: access check, one view per request, answer built by
 * {@link RequestProcessor} and returned on the listen thread (no hand-off: at this cost per request
 * a worker pool only adds latency and CPU).
 */
final class LeanResponder implements CommandResponder {
    private static final Logger LOG = Logger.getLogger(LeanResponder.class.getName());
    /** Message wrapper of a v1/v2c response besides the community: SEQUENCE + version + OCTET STRING headers. */
    static final int COMMUNITY_MESSAGE_OVERHEAD = 16;
    /** Allowance for the SNMPv3 header, USM parameters, scoped PDU and encryption padding. */
    private static final int V3_MESSAGE_OVERHEAD = 256;
    private static final nlagent.mib.Oid SNMP_IN_BAD_COMMUNITY_NAMES_0 = SnmpV2Mib.SNMP_IN_BAD_COMMUNITY_NAMES.append(0);
    private static final nlagent.mib.Oid SNMP_IN_BAD_COMMUNITY_USES_0 = SnmpV2Mib.SNMP_IN_BAD_COMMUNITY_USES.append(0);
    private static final nlagent.mib.Oid SNMP_SILENT_DROPS_0 = SnmpV2Mib.SNMP_SILENT_DROPS.append(0);

    private final MibProvider provider;
    private final AccessControl access;
    private final int maxMessageSize;
    private final RequestProcessor processor;
    private final AtomicLong unknownContexts = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private final SnmpCounters counters;

    LeanResponder(MibProvider provider, AccessControl access, int maxMessageSize, nlagent.mib.GetBulk.Limits bulkLimits,
                  SnmpCounters counters) {
        this.counters = counters;
        this.provider = provider;
        this.access = access;
        this.maxMessageSize = maxMessageSize;
        this.processor = new RequestProcessor(bulkLimits);
    }

    @Override
    public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
        PDU pdu = event.getPDU();
        if (pdu == null || !isRequest(pdu.getType())) {
            return; // responses, traps, reports: not ours to answer
        }
        event.setProcessed(true);
        try {
            answer(event, pdu);
        } catch (RuntimeException e) {
            // one bad request must never take the listen thread down
            LOG.log(Level.WARNING, "request from " + event.getPeerAddress() + " failed: " + e, e);
        }
    }

    private static boolean isRequest(int type) {
        return type == PDU.GET || type == PDU.GETNEXT || type == PDU.GETBULK || type == PDU.SET;
    }

    private <A extends org.snmp4j.smi.Address> void answer(CommandResponderEvent<A> event, PDU pdu) {
        requests.incrementAndGet();
        int mp = event.getMessageProcessingModel();
        boolean v3 = mp == MessageProcessingModel.MPv3;
        AccessControl.Decision d;
        String context;
        int maxPdu;
        if (v3) {
            context = pdu instanceof ScopedPDU ? ((ScopedPDU) pdu).getContextName().toString() : "";
            d = access.user(new String(event.getSecurityName(), StandardCharsets.UTF_8),
                    level(event.getSecurityLevel()), context);
            maxPdu = Math.min(positiveOr(event.getMaxSizeResponsePDU(), maxMessageSize), maxMessageSize - V3_MESSAGE_OVERHEAD);
        } else {
            InetAddress client = clientAddress(event.getPeerAddress());
            d = client == null ? new AccessControl.Drop("non-IP client") : access.community(event.getSecurityName(), client);
            maxPdu = Math.min(positiveOr(event.getMaxSizeResponsePDU(), maxMessageSize), maxMessageSize)
                    - event.getSecurityName().length - COMMUNITY_MESSAGE_OVERHEAD;
        }
        if (d instanceof AccessControl.Drop drop) {
            dropped.incrementAndGet();
            counters.increment(SNMP_IN_BAD_COMMUNITY_NAMES_0); // net-snmp counts a foreign source the same way
            LOG.fine(() -> "dropped request from " + event.getPeerAddress() + ": " + drop.reason());
            return;
        }
        PDU response = emptyResponse(pdu);
        if (d instanceof AccessControl.Unauthorized u) {
            LOG.fine(() -> "refused request from " + event.getPeerAddress() + ": " + u.reason());
            for (VariableBinding vb : pdu.getVariableBindings()) {
                response.add(vb);
            }
            response.setRequestID(pdu.getRequestID());
            response.setErrorStatus(PDU.authorizationError);
            response.setErrorIndex(0);
            send(event, response, null);
            return;
        }
        String ctx = ((AccessControl.Read) d).context();
        MibView view = provider.view(ctx);
        if (view == null) {
            unknownContext(event, pdu, ctx, v3);
            return;
        }
        processor.process(pdu, view, mp == MessageProcessingModel.MPv1, maxPdu, response);
        send(event, response, null);
    }

    /**
     * SNMPv3: a Report carrying snmpUnknownContexts (RFC 3413 3.2). v1/v2c: the community maps to a
     * namespace that is gone; the request is dropped as for an unknown community, since there is no
     * Report in those versions and an empty answer would pretend the namespace has no interfaces.
     */
    private <A extends org.snmp4j.smi.Address> void unknownContext(CommandResponderEvent<A> event, PDU pdu, String ctx, boolean v3) {
        long n = unknownContexts.incrementAndGet();
        LOG.fine(() -> "request from " + event.getPeerAddress() + " for unknown context '" + ctx + "'");
        if (!v3) {
            dropped.incrementAndGet();
            counters.increment(SNMP_IN_BAD_COMMUNITY_USES_0); // a valid community that cannot be used for this context
            return;
        }
        MPv3 mpv3 = (MPv3) event.getMessageDispatcher().getMessageProcessingModel(MessageProcessingModel.MPv3);
        VariableBinding counter = new VariableBinding(Snmp4jValues.toOid(SnmpV2Mib.SNMP_UNKNOWN_CONTEXTS_0), new Counter32(n));
        mpv3.sendReport(event.getMessageDispatcher(), (ScopedPDU) pdu, event.getSecurityLevel(), event.getSecurityModel(),
                new org.snmp4j.smi.OctetString(event.getSecurityName()), event.getMaxSizeResponsePDU(),
                event.getStateReference(), counter);
    }

    private static PDU emptyResponse(PDU request) {
        PDU r = (PDU) request.clone(); // keeps the class (PDUv1/PDU/ScopedPDU) and the scoped context fields
        r.clear();
        r.setType(PDU.RESPONSE);
        r.setErrorStatus(0);
        r.setErrorIndex(0);
        return r;
    }

    private <A extends org.snmp4j.smi.Address> void send(CommandResponderEvent<A> event, PDU response, StatusInformation status) {
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
                    event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
                    event.getStateReference(), status == null ? new StatusInformation() : status);
        } catch (MessageException e) {
            counters.increment(SNMP_SILENT_DROPS_0); // RFC 3418: an answer that could not be sent
            LOG.log(Level.FINE, "cannot send response to " + event.getPeerAddress() + ": " + e.getMessage(), e);
        }
    }

    private static int positiveOr(int v, int dflt) {
        return v > 0 ? v : dflt;
    }

    private static SecurityLevel level(int snmp4jLevel) {
        return snmp4jLevel >= 3 ? SecurityLevel.PRIV : snmp4jLevel == 2 ? SecurityLevel.AUTH : SecurityLevel.NOAUTH;
    }

    private static InetAddress clientAddress(org.snmp4j.smi.Address a) {
        return a instanceof IpAddress ip ? ip.getInetAddress() : null;
    }

    long requests() {
        return requests.get();
    }

    /** A request answered by {@link LeanV2cPath} instead of this responder. */
    void countRequest() {
        requests.incrementAndGet();
    }

    long dropped() {
        return dropped.get();
    }
}
