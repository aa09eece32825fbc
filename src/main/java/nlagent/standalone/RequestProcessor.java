package nlagent.standalone;

import java.util.ArrayList;
import java.util.List;

import org.snmp4j.PDU;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

import nlagent.mib.GetBulk;
import nlagent.mib.MibValue;
import nlagent.mib.MibView;
import nlagent.mib.Oid;
import nlagent.mib.VarBind;

/**
 * Answers GET, GETNEXT, GETBULK and SET from one immutable {@link MibView} (RFC 3416; SNMPv1 rules
 * of RFC 3584 when {@code v1}). Fills {@code response}, which the caller created empty with the
 * request's id. Never touches the kernel; stateless, so one instance serves every listen thread.
 */
final class RequestProcessor {
    /** BER length of an empty varbind list header grows by at most this much as varbinds are added. */
    static final int LIST_HEADER_SLACK = 4;

    private final GetBulk.Limits limits;

    /** @param limits the GETBULK caps (maxGetbulkRepeats, maxGetbulkResponses), for every SNMP version */
    RequestProcessor(GetBulk.Limits limits) {
        this.limits = limits;
    }

    /**
     * @param request      the decoded request
     * @param view         what the context serves now (one view for the whole request)
     * @param v1           SNMPv1: no Counter64, errors instead of exception values
     * @param maxPduBytes  largest BER length the response PDU may have
     * @param response     empty PDU of the right class (PDUv1, PDU, ScopedPDU), type RESPONSE
     */
    void process(PDU request, MibView view, boolean v1, int maxPduBytes, PDU response) {
        response.setRequestID(request.getRequestID());
        switch (request.getType()) {
            case PDU.GET:
                get(request, view, v1, response);
                break;
            case PDU.GETNEXT:
                getNext(request, view, v1, response);
                break;
            case PDU.GETBULK:
                getBulk(request, view, maxPduBytes, response);
                return; // sized while built
            case PDU.SET:
                refuseSet(request, v1, response);
                break;
            default:
                throw new IllegalArgumentException("not a request PDU: " + PDU.getTypeString(request.getType()));
        }
        if (response.getBERLength() > maxPduBytes) {
            tooBig(request, v1, response);
        }
    }

    private static void get(PDU request, MibView view, boolean v1, PDU response) {
        List<? extends VariableBinding> in = request.getVariableBindings();
        for (int i = 0; i < in.size(); i++) {
            OID name = in.get(i).getOid();
            MibValue v = view.get(Snmp4jValues.fromOid(name));
            if (v1 && (v.isException() || v.type() == MibValue.Type.COUNTER64)) {
                errorWithRequestVarbinds(request, response, PDU.noSuchName, i + 1);
                return;
            }
            response.add(new VariableBinding(name, Snmp4jValues.toVariable(v)));
        }
    }

    private static void getNext(PDU request, MibView view, boolean v1, PDU response) {
        List<? extends VariableBinding> in = request.getVariableBindings();
        for (int i = 0; i < in.size(); i++) {
            OID name = in.get(i).getOid();
            VarBind vb = next(view, Snmp4jValues.fromOid(name), v1);
            if (vb == null) {
                if (v1) {
                    errorWithRequestVarbinds(request, response, PDU.noSuchName, i + 1);
                    return;
                }
                response.add(new VariableBinding(name, Null.endOfMibView));
            } else {
                response.add(toBinding(vb));
            }
        }
    }

    /** The next binding after {@code from}; SNMPv1 skips Counter64 objects (RFC 3584 4.2.2.1). */
    private static VarBind next(MibView view, Oid from, boolean v1) {
        VarBind vb = view.next(from, false, null);
        while (v1 && vb != null && vb.value().type() == MibValue.Type.COUNTER64) {
            vb = view.next(vb.oid(), false, null);
        }
        return vb;
    }

    private void getBulk(PDU request, MibView view, int maxPduBytes, PDU response) {
        List<? extends VariableBinding> in = request.getVariableBindings();
        List<GetBulk.Start> starts = new ArrayList<>(in.size());
        for (VariableBinding vb : in) {
            starts.add(GetBulk.Start.after(Snmp4jValues.fromOid(vb.getOid())));
        }
        GetBulk.Result<VariableBinding> r = GetBulk.walk(view, starts, request.getNonRepeaters(), request.getMaxRepetitions(),
                limits, maxPduBytes - response.getBERLength() - LIST_HEADER_SLACK, RequestProcessor::toBinding,
                VariableBinding::getBERLength);
        if (r.tooBig()) {
            tooBig(request, false, response); // not even the non-repeaters fit: RFC 3416 4.2.3 says tooBig
            return;
        }
        for (VariableBinding vb : r.varBinds()) {
            response.add(vb);
        }
    }

    private static VariableBinding toBinding(VarBind vb) {
        return new VariableBinding(Snmp4jValues.toOid(vb.oid()), Snmp4jValues.toVariable(vb.value()));
    }

    /** Read-only agent: notWritable (SNMPv1: noSuchName, RFC 3584 4.4) at the first varbind. */
    private static void refuseSet(PDU request, boolean v1, PDU response) {
        errorWithRequestVarbinds(request, response, v1 ? PDU.noSuchName : PDU.notWritable,
                request.getVariableBindings().isEmpty() ? 0 : 1);
    }

    private static void errorWithRequestVarbinds(PDU request, PDU response, int status, int index) {
        response.clear();
        response.setRequestID(request.getRequestID());
        for (VariableBinding vb : request.getVariableBindings()) {
            response.add(new VariableBinding(vb.getOid(), vb.getVariable()));
        }
        response.setErrorStatus(status);
        response.setErrorIndex(index);
    }

    /** tooBig with an empty varbind list (RFC 3416 4.2.1), which always fits. */
    private static void tooBig(PDU request, boolean v1, PDU response) {
        response.clear();
        response.setRequestID(request.getRequestID());
        response.setErrorStatus(PDU.tooBig);
        response.setErrorIndex(0);
    }
}
