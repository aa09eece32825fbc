package nlagent.agentx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import nlagent.mib.MibValue;
import nlagent.mib.MibView;
import nlagent.mib.Oid;
import nlagent.mib.VarBind;

/**
 * The I/O thread's shortcut for the PDU a poll through net-snmp is made of: net-snmp turns every
 * GETBULK repetition into one AgentX GetNext of one SearchRange, so a walk is a stream of those. It
 * reads such a PDU straight from the receive buffer and writes the Response straight into the send
 * buffer: no header, frame, PDU, list or VarBind objects, and the start and end OIDs are taken from
 * the previous request when they are the same (a walk asks from the name it was just given; the end
 * is the registration's bound), so a step of a walk allocates only what the view's lookup does.
 *
 * <p>It answers only what it can answer exactly as the general path (FrameDecoder, AgentxCodec,
 * RequestHandler, AgentxCodec.encode) would, and leaves everything else to that path untouched:
 * other types, several ranges, anything malformed (the general path alone reports parse errors),
 * an answer too big or a lookup that throws (tooBig, genErr). {@code GetNextFastPathTest} compares
 * the two byte for byte over every binding of a view and the malformed cases.
 *
 * <p>One per connection, used by its I/O thread only.
 */
final class GetNextFastPath {
    /** Internet prefix 1.3.6.1 that AgentX's prefix byte stands for (RFC 2741 5.1). */
    private static final int[] INTERNET = {1, 3, 6, 1};
    /** The longest context name taken here (an SNMP contextName has at most 32 octets, RFC 3411); longer ones go the general way. */
    private static final int MAX_CONTEXT_BYTES = 256;
    /** The largest payload a PDU we take can have: a context of {@link #MAX_CONTEXT_BYTES} and one range of two longest OIDs. */
    private static final int MAX_PAYLOAD_BYTES = 4 + MAX_CONTEXT_BYTES + 2 * (4 + 4 * AgentxCodec.MAX_OID_ARCS);
    /** Header, sysUpTime, error and index of a Response. */
    private static final int RESPONSE_HEAD_BYTES = AgentxHeader.SIZE + 8;

    private final RequestHandler handler;
    /** The OIDs of the last request's range and of the last answer: the next request's likely start and end. */
    private Oid lastAnswer;
    private Oid lastEnd;
    /** The last non-default context, as bytes and as the name {@link RequestHandler#view} takes. */
    private byte[] lastContextBytes = new byte[0];
    private String lastContext = "";

    GetNextFastPath(RequestHandler handler) {
        this.handler = handler;
    }

    /**
     * If {@code in} starts with a whole GetNext PDU of one range that this path answers, writes the
     * Response into {@code out} (cleared, then flipped), moves {@code in} past the PDU and returns
     * true. Otherwise returns false and leaves {@code in} as it was ({@code out} may have been
     * written). {@code out} must hold a Response of {@link RequestHandler#MAX_RESPONSE_BYTES}; it is
     * left big-endian.
     */
    boolean answer(ByteBuffer in, ByteBuffer out) {
        int at = in.position();
        if (in.remaining() < AgentxHeader.SIZE || in.get(at) != AgentxHeader.VERSION
                || in.get(at + 1) != PduType.GET_NEXT.code()) {
            return false;
        }
        int flags = in.get(at + 2) & 0xFF;
        boolean bigEndian = (flags & AgentxHeader.FLAG_NETWORK_BYTE_ORDER) != 0;
        // the header's fields, at their offsets in AgentxHeader
        int payloadLength = getInt(in, at + 16, bigEndian);
        if (payloadLength < 8 || payloadLength > MAX_PAYLOAD_BYTES || payloadLength > in.remaining() - AgentxHeader.SIZE) {
            return false; // (negative: above 2^31, far too long) not one range, or not all here yet
        }
        int p = at + AgentxHeader.SIZE;
        int payloadEnd = p + payloadLength;
        String context = "";
        if ((flags & AgentxHeader.FLAG_NON_DEFAULT_CONTEXT) != 0) {
            int length = getInt(in, p, bigEndian);
            if (length < 0 || length > MAX_CONTEXT_BYTES || p + AgentxCodec.octetsSize(length) > payloadEnd) {
                return false;
            }
            context = context(in, p + 4, length);
            p += AgentxCodec.octetsSize(length);
        }
        // the range: start OID (its include byte counts), end OID; nothing after it
        if (p + 8 > payloadEnd) {
            return false; // no range (after a context): the general path answers with no VarBinds
        }
        int startArcs = in.get(p) & 0xFF;
        int startPrefix = in.get(p + 1) & 0xFF;
        boolean include = in.get(p + 2) != 0;
        int startEnd = p + 4 + 4 * startArcs;
        if (startArcs > AgentxCodec.MAX_OID_ARCS || (startArcs == 0 && startPrefix == 0) || startEnd + 4 > payloadEnd) {
            return false; // a null start is the general path's parse error
        }
        int endArcs = in.get(startEnd) & 0xFF;
        int endPrefix = in.get(startEnd + 1) & 0xFF;
        if (endArcs > AgentxCodec.MAX_OID_ARCS || startEnd + 4 + 4 * endArcs != payloadEnd) {
            return false; // several ranges, trailing or missing bytes
        }
        Oid start = oid(in, p, startArcs, startPrefix, bigEndian, lastAnswer);
        Oid end = endArcs == 0 && endPrefix == 0 ? null : oid(in, startEnd, endArcs, endPrefix, bigEndian, lastEnd);

        Oid name;
        MibValue value;
        int type;
        int varBindBytes;
        try {
            VarBind vb = RequestHandler.nextInRange(handler.view(context), start, include, end);
            name = vb == null ? start : vb.oid();
            value = vb == null ? MibValue.END_OF_MIB_VIEW : vb.value();
            type = AxVarBind.typeOf(value.type());
            varBindBytes = AxVarBind.size(type, name, value);
        } catch (RuntimeException e) {
            return false; // the general path answers genErr and logs it
        }
        if (RESPONSE_HEAD_BYTES + varBindBytes > RequestHandler.MAX_RESPONSE_BYTES) {
            return false; // tooBig, by the general path
        }
        out.clear().order(ByteOrder.BIG_ENDIAN); // what the flag below says
        AgentxHeader.encode(out, AgentxHeader.VERSION, PduType.RESPONSE.code(), AgentxHeader.FLAG_NETWORK_BYTE_ORDER,
                getInt(in, at + 4, bigEndian), getInt(in, at + 8, bigEndian), getInt(in, at + 12, bigEndian),
                8 + varBindBytes);
        Payload.Response.encodeHead(out, 0, Payload.Response.NO_ERROR, 0);
        AxVarBind.encode(out, type, name, value);
        out.flip();
        in.position(payloadEnd);
        handler.countAnswered();
        lastAnswer = name;
        lastEnd = end;
        return true;
    }

    private static int getInt(ByteBuffer in, int at, boolean bigEndian) {
        int v = in.getInt(at);
        return bigEndian == (in.order() == ByteOrder.BIG_ENDIAN) ? v : Integer.reverseBytes(v);
    }

    /**
     * The OID of {@code arcs} sub-identifiers after the 4-byte OID header at {@code at} (prefix byte
     * {@code prefix}, as in AgentxCodec.getOid): {@code same} when it is that OID, else a new one.
     */
    private static Oid oid(ByteBuffer in, int at, int arcs, int prefix, boolean bigEndian, Oid same) {
        int off = prefix != 0 ? INTERNET.length + 1 : 0;
        int first = at + 4;
        if (same != null && same.size() == off + arcs && (off == 0 || hasInternetPrefix(same, prefix))) {
            int i = 0;
            while (i < arcs && same.get(off + i) == getInt(in, first + 4 * i, bigEndian)) {
                i++;
            }
            if (i == arcs) {
                return same;
            }
        }
        int[] a = new int[off + arcs];
        if (off != 0) {
            System.arraycopy(INTERNET, 0, a, 0, INTERNET.length);
            a[INTERNET.length] = prefix;
        }
        for (int i = 0; i < arcs; i++) {
            a[off + i] = getInt(in, first + 4 * i, bigEndian);
        }
        return Oid.of(a);
    }

    private static boolean hasInternetPrefix(Oid oid, int prefix) {
        for (int i = 0; i < INTERNET.length; i++) {
            if (oid.get(i) != INTERNET[i]) {
                return false;
            }
        }
        return oid.get(INTERNET.length) == prefix;
    }

    /** The context named by {@code length} bytes at {@code at}, as the general path decodes it (UTF-8); the last one is kept. */
    private String context(ByteBuffer in, int at, int length) {
        byte[] last = lastContextBytes;
        if (last.length == length) {
            int i = 0;
            while (i < length && in.get(at + i) == last[i]) {
                i++;
            }
            if (i == length) {
                return lastContext;
            }
        }
        byte[] b = new byte[length];
        in.get(at, b);
        lastContextBytes = b;
        lastContext = new String(b, StandardCharsets.UTF_8);
        return lastContext;
    }

}
