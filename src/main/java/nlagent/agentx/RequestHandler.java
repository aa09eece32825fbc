package nlagent.agentx;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.mib.GetBulk;
import nlagent.mib.MibProvider;
import nlagent.mib.MibValue;
import nlagent.mib.MibView;
import nlagent.mib.Oid;
import nlagent.mib.VarBind;

/**
 * Answers the master's requests from the current {@link MibView} of the request's context: one view
 * per request, taken once, so a request never mixes two snapshots; it waits on the kernel only for
 * the re-dump of a stale namespace (bounded, see KernelDataPlane#FRESH_WAIT_MS, within net-snmp's
 * 1 s agentxTimeout).
 * Pure apart from logging: no I/O, no locks, safe to call from any thread.
 */
public final class RequestHandler {
    private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());
    /**
     * Our ceiling for a Response, header included. net-snmp drops anything above 65,536 bytes
     * (and then times the session out); stay clearly below.
     */
    public static final int MAX_RESPONSE_BYTES = 65_000;
    /** GetBulk never answers with more varbinds than this, whatever max_repetitions asks. */
    public static final int MAX_BULK_VARBINDS = 1_000;
    private static final GetBulk.Limits BULK_LIMITS = new GetBulk.Limits(MAX_BULK_VARBINDS, MAX_BULK_VARBINDS);

    private final MibProvider provider;
    /** Requests from the master answered or refused (parseError included), for the metrics endpoint. */
    private final java.util.concurrent.atomic.LongAdder requests = new java.util.concurrent.atomic.LongAdder();
    /** PDUs from the master dropped without an answer (a version or type we do not speak, malformed non-requests). */
    private final java.util.concurrent.atomic.LongAdder dropped = new java.util.concurrent.atomic.LongAdder();

    public RequestHandler(MibProvider provider) {
        this.provider = provider;
    }

    /** Requests answered or refused since start. */
    public long requests() {
        return requests.sum();
    }

    /** PDUs dropped without an answer since start. */
    public long dropped() {
        return dropped.sum();
    }

    /** Counts a malformed PDU: answered with parseError ({@code answered}) or dropped. */
    void countMalformed(boolean answered) {
        (answered ? requests : dropped).increment();
    }

    /** Counts a request answered by {@link GetNextFastPath} instead of {@link #handle}. */
    void countAnswered() {
        requests.increment();
    }

    /** The view of {@code context} ("" is the default context); null when the context is unknown. */
    MibView view(String context) {
        return provider.view(context);
    }

    /** The Response to {@code request}, or null when none is due (CleanupSet). */
    public Pdu handle(Pdu request) {
        requests.increment();
        Payload.Response body;
        switch (request.type()) {
            case GET:
            case GET_NEXT:
                body = getOrNext(request);
                break;
            case GET_BULK:
                body = bulk(request);
                break;
            case TEST_SET:
                // read-only: refuse the first varbind, so the manager sees notWritable on it
                body = new Payload.Response(0, Payload.Response.NOT_WRITABLE, 1, List.of());
                break;
            case COMMIT_SET:
            case UNDO_SET:
                body = new Payload.Response(0, Payload.Response.NO_ERROR, 0, List.of());
                break;
            case CLEANUP_SET:
                return null; // RFC 2741 7.2.4.4: never answered
            default:
                // subagent-to-master PDUs have no business arriving here
                body = new Payload.Response(0, Payload.Response.PROCESSING_ERROR, 0, List.of());
                break;
        }
        return Pdu.responseTo(request, body);
    }

    /** A Response telling the master that {@code request} could not be parsed. */
    public static Pdu parseError(AgentxHeader request) {
        return new Pdu(PduType.RESPONSE, 0, request.sessionId(), request.transactionId(), request.packetId(), null,
                new Payload.Response(0, Payload.Response.PARSE_ERROR, 0, List.of()));
    }

    private MibView viewOf(Pdu request) {
        return view(request.context() == null ? "" : request.context());
    }

    private Payload.Response getOrNext(Pdu request) {
        List<SearchRange> ranges = ((Payload.Ranges) request.payload()).ranges();
        MibView view = viewOf(request);
        boolean next = request.type() == PduType.GET_NEXT;
        List<AxVarBind> out = new ArrayList<>(ranges.size());
        int bytes = AgentxHeader.SIZE + 8;
        for (int i = 0; i < ranges.size(); i++) {
            SearchRange r = ranges.get(i);
            AxVarBind vb;
            try {
                vb = next ? next(view, r) : get(view, r.start());
                bytes += AgentxCodec.varBindSize(vb);
            } catch (RuntimeException e) {
                // one bad value must not take the session down (sonic-snmpagent #239)
                LOG.log(Level.WARNING, request.type() + " of " + r.start() + " failed: " + e, e);
                return error(Payload.Response.GEN_ERR, i + 1, ranges);
            }
            if (bytes > MAX_RESPONSE_BYTES) {
                return error(Payload.Response.TOO_BIG, 0, ranges);
            }
            out.add(vb);
        }
        return new Payload.Response(0, Payload.Response.NO_ERROR, 0, out);
    }

    private static AxVarBind get(MibView view, Oid oid) {
        return AxVarBind.of(oid, view == null ? MibValue.NO_SUCH_OBJECT : view.get(oid));
    }

    /** GetNext of one range: end exclusive; endOfMibView named with the start OID when empty. */
    private static AxVarBind next(MibView view, SearchRange r) {
        VarBind vb = nextInRange(view, r.start(), r.include(), r.end());
        return vb == null ? AxVarBind.of(r.start(), MibValue.END_OF_MIB_VIEW) : AxVarBind.of(vb);
    }

    /**
     * The binding a GetNext of the range answers with, end exclusive; null when the range holds
     * none (the answer is then endOfMibView, named with the start OID).
     */
    static VarBind nextInRange(MibView view, Oid start, boolean include, Oid end) {
        VarBind vb = view == null ? null : view.next(start, include, end);
        return vb == null || (end != null && vb.oid().compareTo(end) >= 0) ? null : vb;
    }

    /** RFC 2741 7.2.3.3 by the walker both frontends share; the net-snmp master never sends GetBulk, other masters do. */
    private Payload.Response bulk(Pdu request) {
        Payload.Bulk b = (Payload.Bulk) request.payload();
        List<SearchRange> ranges = b.ranges();
        List<GetBulk.Start> starts = new ArrayList<>(ranges.size());
        for (SearchRange r : ranges) {
            starts.add(new GetBulk.Start(r.start(), r.include(), r.end()));
        }
        GetBulk.Result<AxVarBind> r;
        try {
            r = GetBulk.walk(viewOf(request), starts, b.nonRepeaters(), b.maxRepetitions(), BULK_LIMITS,
                    MAX_RESPONSE_BYTES - AgentxHeader.SIZE - 8, AxVarBind::of, AgentxCodec::varBindSize);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "GetBulk failed: " + e, e);
            return error(Payload.Response.GEN_ERR, 1, ranges);
        }
        if (r.tooBig()) {
            return error(Payload.Response.TOO_BIG, 0, ranges);
        }
        return new Payload.Response(0, Payload.Response.NO_ERROR, 0, r.varBinds());
    }

    /** An error Response: the varbind count still matches the request (names echoed as Null). */
    private static Payload.Response error(int error, int index, List<SearchRange> ranges) {
        List<AxVarBind> echo = new ArrayList<>(ranges.size());
        for (SearchRange r : ranges) {
            echo.add(AxVarBind.nullValue(r.start()));
        }
        return new Payload.Response(0, error, index, echo);
    }
}
