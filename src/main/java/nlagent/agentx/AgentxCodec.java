package nlagent.agentx;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;

/**
 * AgentX PDUs on the wire (RFC 2741 section 6): the PDU frame (header, optional context, payload)
 * and the primitives every layout is made of (OID, Octet String). The payload layouts encode, size
 * and decode themselves ({@link Payload}, {@link AxVarBind}, {@link SearchRange}); this class only
 * frames them. Decoding never throws anything but {@link AgentxParseException}, whatever the bytes.
 *
 * <p>Buffer ownership, as in Netty's codecs:
 * <ul>
 * <li>{@link #encode(Pdu, ByteOrder, ByteBuffer)} writes into the caller's buffer, from its
 *     position, and leaves the position after the PDU; payload_length is filled in after the
 *     payload is written. The caller owns the buffer before and after (it may reuse it).</li>
 * <li>{@link #encode(Pdu)} returns a new buffer that belongs to the caller.</li>
 * <li>{@link #decode(AgentxHeader, ByteBuffer)} reads the payload buffer and keeps no reference to
 *     it: the decoded {@link Pdu} holds copies (OIDs, strings, octets). The caller may reuse the
 *     buffer as soon as decode returns, which is what lets {@link FrameDecoder} hand out views of
 *     its input.</li>
 * </ul>
 */
public final class AgentxCodec {
    /** net-snmp's agentx_parse() drops any PDU longer than this, header included. */
    public static final int NET_SNMP_MAX_PDU_BYTES = 65536;
    /** RFC 2741 5.1: at most 128 sub-identifiers in an OID. */
    public static final int MAX_OID_ARCS = 128;

    private static final int INTERNET_ARCS = 5; // 1.3.6.1.x, left out by prefix compression
    private static final int PAYLOAD_LENGTH_OFFSET = 16;

    private AgentxCodec() {
    }

    // ------------------------------------------------------------------ PDU frame

    /** Exact encoded size, header included; IllegalArgumentException for an OID that cannot be sent. */
    public static int encodedSize(Pdu pdu) {
        return AgentxHeader.SIZE + contextSize(pdu) + pdu.payload().size();
    }

    private static int contextSize(Pdu pdu) {
        return pdu.context() != null ? octetsSize(utf8Length(pdu.context())) : 0;
    }

    /** Encodes in network byte order (flag 0x10), which is what we always send. */
    public static ByteBuffer encode(Pdu pdu) {
        return encode(pdu, ByteOrder.BIG_ENDIAN);
    }

    /** Encodes in {@code order} into a new buffer; the result is flipped, ready to write. */
    public static ByteBuffer encode(Pdu pdu, ByteOrder order) {
        ByteBuffer out = ByteBuffer.allocate(encodedSize(pdu));
        encode(pdu, order, out);
        return out.flip();
    }

    /**
     * Writes the PDU at {@code out}'s position and fills in payload_length afterwards. {@code out}'s
     * own byte order is restored. If {@code out} is too small, BufferOverflowException is thrown and
     * {@code out}'s position is left where it was; IllegalArgumentException for an OID that cannot be
     * sent.
     */
    public static void encode(Pdu pdu, ByteOrder order, ByteBuffer out) {
        int flags = pdu.flags() & (AgentxHeader.FLAG_INSTANCE_REGISTRATION | AgentxHeader.FLAG_NEW_INDEX | AgentxHeader.FLAG_ANY_INDEX);
        if (order == ByteOrder.BIG_ENDIAN) {
            flags |= AgentxHeader.FLAG_NETWORK_BYTE_ORDER;
        }
        if (pdu.context() != null) {
            flags |= AgentxHeader.FLAG_NON_DEFAULT_CONTEXT;
        }
        ByteOrder saved = out.order();
        int start = out.position();
        out.order(order);
        boolean done = false;
        try {
            new AgentxHeader(AgentxHeader.VERSION, pdu.type().code(), flags, pdu.sessionId(), pdu.transactionId(),
                    pdu.packetId(), 0).encode(out);
            if (pdu.context() != null) {
                putOctets(out, utf8(pdu.context()));
            }
            pdu.payload().encode(out);
            out.putInt(start + PAYLOAD_LENGTH_OFFSET, out.position() - start - AgentxHeader.SIZE);
            done = true;
        } finally {
            if (!done) {
                out.position(start);
            }
            out.order(saved);
        }
    }

    /** Decodes a whole PDU (header and payload) from {@code in}; convenient for tests and tools. */
    public static Pdu decode(ByteBuffer in) throws AgentxParseException {
        if (in.remaining() < AgentxHeader.SIZE) {
            throw new AgentxParseException.CorruptPduException("truncated header: " + in.remaining() + " bytes");
        }
        AgentxHeader h = AgentxHeader.decode(in);
        if (h.payloadLength() > in.remaining()) {
            throw new AgentxParseException.CorruptPduException("payload_length " + h.payloadLength() + " exceeds the "
                    + in.remaining() + " bytes present");
        }
        ByteBuffer payload = in.slice();
        payload.limit((int) h.payloadLength());
        in.position(in.position() + (int) h.payloadLength());
        return decode(h, payload);
    }

    /**
     * Decodes the payload of a PDU whose header is {@code h}. {@code payload} holds exactly
     * payload_length bytes; its position is advanced. Trailing bytes are an error. The result keeps
     * no reference to {@code payload}.
     */
    public static Pdu decode(AgentxHeader h, ByteBuffer payload) throws AgentxParseException {
        if (h.version() != AgentxHeader.VERSION) {
            throw new AgentxParseException.UnsupportedPduException("unsupported AgentX version " + h.version());
        }
        PduType type = PduType.of(h.type());
        if (type == null) {
            throw new AgentxParseException.UnsupportedPduException("unknown PDU type " + h.type());
        }
        ByteBuffer in = payload.slice().order(h.byteOrder());
        try {
            String context = null;
            if (type.allowsContext() && (h.flags() & AgentxHeader.FLAG_NON_DEFAULT_CONTEXT) != 0) {
                context = new String(getOctets(in), StandardCharsets.UTF_8);
            }
            Payload body = type.decoder().decode(in);
            if (in.hasRemaining()) {
                throw new AgentxParseException.CorruptPduException(in.remaining() + " unexpected bytes after the " + type + " payload");
            }
            payload.position(payload.position() + in.position());
            // 0x08 and 0x10 are carried by context and byte order; keep only the semantic bits
            return new Pdu(type, h.flags() & 0x07, h.sessionId(), h.transactionId(), h.packetId(), context, body);
        } catch (BufferUnderflowException e) {
            throw new AgentxParseException.CorruptPduException(type + " payload truncated at byte " + in.position() + " of " + in.limit());
        } catch (IllegalArgumentException e) {
            throw new AgentxParseException.CorruptPduException(type + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ primitives: sizes

    /** Encoded size of one VarBind. */
    public static int varBindSize(AxVarBind vb) {
        return vb.size();
    }

    static int oidSize(Oid oid) {
        if (oid == null) {
            return 4;
        }
        int arcs = oid.size() - (compressible(oid) ? INTERNET_ARCS : 0);
        if (arcs > MAX_OID_ARCS) {
            throw new IllegalArgumentException("OID longer than " + MAX_OID_ARCS + " sub-identifiers: " + oid);
        }
        return 4 + 4 * arcs;
    }

    static int octetsSize(int length) {
        return 4 + length + padding(length);
    }

    /** Zero bytes after an Octet String of {@code length}: up to the next multiple of 4, none if aligned. */
    static int padding(int length) {
        return (4 - (length & 3)) & 3;
    }

    private static boolean compressible(Oid oid) {
        return oid.size() >= INTERNET_ARCS && oid.get(0) == 1 && oid.get(1) == 3 && oid.get(2) == 6 && oid.get(3) == 1
                && oid.get(4) >= 1 && oid.get(4) <= 255;
    }

    static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    static int utf8Length(String s) {
        return s == null ? 0 : utf8(s).length;
    }

    // ------------------------------------------------------------------ primitives: encode

    static void putOid(ByteBuffer out, Oid oid, boolean include) {
        if (oid == null) {
            out.putInt(0); // the null OID: n_subid 0, prefix 0, include 0
            return;
        }
        boolean c = compressible(oid);
        int from = c ? INTERNET_ARCS : 0;
        int n = oid.size() - from;
        if (n > MAX_OID_ARCS) {
            throw new IllegalArgumentException("OID longer than " + MAX_OID_ARCS + " sub-identifiers: " + oid);
        }
        out.put((byte) n).put((byte) (c ? oid.get(4) : 0)).put((byte) (include ? 1 : 0)).put((byte) 0);
        for (int i = from; i < oid.size(); i++) {
            out.putInt(oid.get(i));
        }
    }

    static void putOctets(ByteBuffer out, byte[] b) {
        out.putInt(b.length).put(b);
        for (int i = padding(b.length); i > 0; i--) {
            out.put((byte) 0);
        }
    }

    static void putOctets(ByteBuffer out, MibValue v) {
        int len = v.bytesLength();
        out.putInt(len);
        if (out.hasArray()) {
            if (out.remaining() < len) {
                throw new BufferOverflowException();
            }
            v.copyBytes(out.array(), out.arrayOffset() + out.position());
            out.position(out.position() + len);
        } else {
            v.putBytes(out);
        }
        for (int i = padding(len); i > 0; i--) {
            out.put((byte) 0);
        }
    }

    // ------------------------------------------------------------------ primitives: decode

    /** Reads an OID; the null OID gives null. {@code include}, if given, receives the include byte. */
    static Oid getOid(ByteBuffer in, boolean[] include) throws AgentxParseException {
        int n = in.get() & 0xFF;
        int prefix = in.get() & 0xFF;
        int inc = in.get() & 0xFF;
        in.get();
        if (include != null) {
            include[0] = inc != 0;
        }
        if (n > MAX_OID_ARCS) {
            throw new AgentxParseException.CorruptPduException("OID with " + n + " sub-identifiers (max " + MAX_OID_ARCS + ")");
        }
        if (n == 0 && prefix == 0) {
            return null;
        }
        if (in.remaining() < 4 * n) {
            throw new BufferUnderflowException();
        }
        int off = prefix != 0 ? INTERNET_ARCS : 0;
        int[] arcs = new int[off + n];
        if (prefix != 0) {
            arcs[0] = 1;
            arcs[1] = 3;
            arcs[2] = 6;
            arcs[3] = 1;
            arcs[4] = prefix;
        }
        for (int i = 0; i < n; i++) {
            arcs[off + i] = in.getInt();
        }
        return Oid.of(arcs);
    }

    static byte[] getOctets(ByteBuffer in) throws AgentxParseException {
        long len = Integer.toUnsignedLong(in.getInt());
        long padded = len + padding((int) (len & 3));
        if (padded > in.remaining()) {
            throw new AgentxParseException.CorruptPduException("Octet String of " + len + " bytes but only " + in.remaining() + " left");
        }
        byte[] b = new byte[(int) len];
        in.get(b);
        skip(in, (int) (padded - len));
        return b;
    }

    static void skip(ByteBuffer in, int n) {
        if (in.remaining() < n) {
            throw new BufferUnderflowException();
        }
        in.position(in.position() + n);
    }
}
