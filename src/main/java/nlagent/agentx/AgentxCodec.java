package nlagent.agentx;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;

/**
 * Encodes and decodes AgentX PDUs (RFC 2741 section 6). Symmetric: {@link #encodedSize} computes
 * the exact size first, {@link #encode} writes exactly that many bytes, {@link #decode} reads a
 * payload whose length the framing already fixed and refuses to read past it. Decoding never throws
 * anything but {@link AgentxParseException}, whatever the bytes.
 */
public final class AgentxCodec {
    /** net-snmp's agentx_parse() drops any PDU longer than this, header included. */
    public static final int NET_SNMP_MAX_PDU_BYTES = 65536;
    /** RFC 2741 5.1: at most 128 sub-identifiers in an OID. */
    public static final int MAX_OID_ARCS = 128;

    private static final int INTERNET_ARCS = 5; // 1.3.6.1.x, left out by prefix compression

    private AgentxCodec() {
    }

    // ------------------------------------------------------------------ sizes

    /** Exact encoded size, header included; IllegalArgumentException for an OID that cannot be sent. */
    public static int encodedSize(Pdu pdu) {
        return AgentxHeader.SIZE + payloadSize(pdu);
    }

    private static int payloadSize(Pdu pdu) {
        int n = pdu.context() != null ? octetsSize(utf8(pdu.context()).length) : 0;
        Payload p = pdu.payload();
        if (p instanceof Payload.Open o) {
            return n + 4 + oidSize(o.id()) + octetsSize(utf8(o.descr()).length);
        } else if (p instanceof Payload.Close) {
            return n + 4;
        } else if (p instanceof Payload.Registration r) {
            return n + 4 + oidSize(r.subtree()) + (r.rangeSubid() != 0 ? 4 : 0);
        } else if (p instanceof Payload.Ranges r) {
            return n + rangesSize(r.ranges());
        } else if (p instanceof Payload.Bulk b) {
            return n + 4 + rangesSize(b.ranges());
        } else if (p instanceof Payload.VarBinds v) {
            return n + varBindsSize(v.varBinds());
        } else if (p instanceof Payload.Empty) {
            return n;
        } else if (p instanceof Payload.AgentCaps a) {
            return n + oidSize(a.id()) + (a.descr() != null ? octetsSize(utf8(a.descr()).length) : 0);
        } else if (p instanceof Payload.Response r) {
            return n + 8 + varBindsSize(r.varBinds());
        }
        throw new IllegalArgumentException("unknown payload " + p);
    }

    private static int rangesSize(List<SearchRange> ranges) {
        int n = 0;
        for (SearchRange r : ranges) {
            n += oidSize(r.start()) + oidSize(r.end());
        }
        return n;
    }

    private static int varBindsSize(List<AxVarBind> vbs) {
        int n = 0;
        for (AxVarBind vb : vbs) {
            n += varBindSize(vb);
        }
        return n;
    }

    /** Encoded size of one VarBind. */
    public static int varBindSize(AxVarBind vb) {
        return 4 + oidSize(vb.name()) + valueSize(vb);
    }

    private static int valueSize(AxVarBind vb) {
        switch (vb.type()) {
            case AxVarBind.INTEGER: case AxVarBind.COUNTER32: case AxVarBind.GAUGE32: case AxVarBind.TIME_TICKS:
                return 4;
            case AxVarBind.COUNTER64:
                return 8;
            case AxVarBind.OCTET_STRING: case AxVarBind.IP_ADDRESS: case AxVarBind.OPAQUE:
                return octetsSize(vb.value().bytesLength());
            case AxVarBind.OBJECT_IDENTIFIER:
                return oidSize(vb.value().oidValue());
            case AxVarBind.NULL: case AxVarBind.NO_SUCH_OBJECT: case AxVarBind.NO_SUCH_INSTANCE: case AxVarBind.END_OF_MIB_VIEW:
                return 0;
            default:
                throw new IllegalArgumentException("unknown VarBind type " + vb.type());
        }
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

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ encode

    /** Encodes in network byte order (flag 0x10), which is what we always send. */
    public static ByteBuffer encode(Pdu pdu) {
        return encode(pdu, ByteOrder.BIG_ENDIAN);
    }

    /** Encodes in {@code order}; the result is flipped, ready to write. */
    public static ByteBuffer encode(Pdu pdu, ByteOrder order) {
        ByteBuffer out = ByteBuffer.allocate(encodedSize(pdu));
        encode(pdu, order, out);
        return out.flip();
    }

    /** Writes exactly {@link #encodedSize} bytes into {@code out}; {@code out}'s own order is restored. */
    public static void encode(Pdu pdu, ByteOrder order, ByteBuffer out) {
        int payloadLength = payloadSize(pdu);
        int flags = pdu.flags() & (AgentxHeader.FLAG_INSTANCE_REGISTRATION | AgentxHeader.FLAG_NEW_INDEX | AgentxHeader.FLAG_ANY_INDEX);
        if (order == ByteOrder.BIG_ENDIAN) {
            flags |= AgentxHeader.FLAG_NETWORK_BYTE_ORDER;
        }
        if (pdu.context() != null) {
            flags |= AgentxHeader.FLAG_NON_DEFAULT_CONTEXT;
        }
        ByteOrder saved = out.order();
        out.order(order);
        try {
            int start = out.position();
            new AgentxHeader(AgentxHeader.VERSION, pdu.type().code(), flags, pdu.sessionId(), pdu.transactionId(),
                    pdu.packetId(), payloadLength).encode(out);
            if (pdu.context() != null) {
                putOctets(out, utf8(pdu.context()));
            }
            putPayload(out, pdu.payload());
            if (out.position() - start != AgentxHeader.SIZE + payloadLength) {
                throw new IllegalStateException("encoder size mismatch for " + pdu.type());
            }
        } finally {
            out.order(saved);
        }
    }

    private static void putPayload(ByteBuffer out, Payload p) {
        if (p instanceof Payload.Open o) {
            out.put((byte) o.timeoutSeconds()).put((byte) 0).put((byte) 0).put((byte) 0);
            putOid(out, o.id(), false);
            putOctets(out, utf8(o.descr()));
        } else if (p instanceof Payload.Close c) {
            out.put((byte) c.reason()).put((byte) 0).put((byte) 0).put((byte) 0);
        } else if (p instanceof Payload.Registration r) {
            out.put((byte) r.timeoutSeconds()).put((byte) r.priority()).put((byte) r.rangeSubid()).put((byte) 0);
            putOid(out, r.subtree(), false);
            if (r.rangeSubid() != 0) {
                out.putInt(r.upperBound());
            }
        } else if (p instanceof Payload.Ranges r) {
            putRanges(out, r.ranges());
        } else if (p instanceof Payload.Bulk b) {
            out.putShort((short) b.nonRepeaters()).putShort((short) b.maxRepetitions());
            putRanges(out, b.ranges());
        } else if (p instanceof Payload.VarBinds v) {
            putVarBinds(out, v.varBinds());
        } else if (p instanceof Payload.AgentCaps a) {
            putOid(out, a.id(), false);
            if (a.descr() != null) {
                putOctets(out, utf8(a.descr()));
            }
        } else if (p instanceof Payload.Response r) {
            out.putInt((int) r.sysUpTime()).putShort((short) r.error()).putShort((short) r.index());
            putVarBinds(out, r.varBinds());
        }
        // Payload.Empty: nothing
    }

    private static void putRanges(ByteBuffer out, List<SearchRange> ranges) {
        for (SearchRange r : ranges) {
            putOid(out, r.start(), r.include());
            putOid(out, r.end(), false);
        }
    }

    private static void putVarBinds(ByteBuffer out, List<AxVarBind> vbs) {
        for (AxVarBind vb : vbs) {
            out.putShort((short) vb.type()).putShort((short) 0);
            putOid(out, vb.name(), false);
            MibValue v = vb.value();
            switch (vb.type()) {
                case AxVarBind.INTEGER: case AxVarBind.COUNTER32: case AxVarBind.GAUGE32: case AxVarBind.TIME_TICKS:
                    out.putInt((int) v.number());
                    break;
                case AxVarBind.COUNTER64:
                    // big-endian: high word first; little-endian: the whole value LE (low word first)
                    out.putLong(v.number());
                    break;
                case AxVarBind.OCTET_STRING: case AxVarBind.IP_ADDRESS: case AxVarBind.OPAQUE:
                    putOctets(out, v);
                    break;
                case AxVarBind.OBJECT_IDENTIFIER:
                    putOid(out, v.oidValue(), false);
                    break;
                default:
                    break; // Null and the exceptions carry no data
            }
        }
    }

    static void putOid(ByteBuffer out, Oid oid, boolean include) {
        if (oid == null) {
            out.putInt(0); // the null OID: n_subid 0, prefix 0, include 0
            return;
        }
        boolean c = compressible(oid);
        int from = c ? INTERNET_ARCS : 0;
        out.put((byte) (oid.size() - from)).put((byte) (c ? oid.get(4) : 0)).put((byte) (include ? 1 : 0)).put((byte) 0);
        for (int i = from; i < oid.size(); i++) {
            out.putInt(oid.get(i));
        }
    }

    private static void putOctets(ByteBuffer out, byte[] b) {
        out.putInt(b.length).put(b);
        for (int i = padding(b.length); i > 0; i--) {
            out.put((byte) 0);
        }
    }

    private static void putOctets(ByteBuffer out, MibValue v) {
        int len = v.bytesLength();
        out.putInt(len);
        if (out.hasArray()) {
            v.copyBytes(out.array(), out.arrayOffset() + out.position());
            out.position(out.position() + len);
        } else {
            out.put(v.bytes());
        }
        for (int i = padding(len); i > 0; i--) {
            out.put((byte) 0);
        }
    }

    // ------------------------------------------------------------------ decode

    /** Decodes a whole PDU (header and payload) from {@code in}; convenient for tests and tools. */
    public static Pdu decode(ByteBuffer in) throws AgentxParseException {
        if (in.remaining() < AgentxHeader.SIZE) {
            throw new AgentxParseException("truncated header: " + in.remaining() + " bytes");
        }
        AgentxHeader h = AgentxHeader.decode(in);
        if (h.payloadLength() > in.remaining()) {
            throw new AgentxParseException("payload_length " + h.payloadLength() + " exceeds the " + in.remaining() + " bytes present");
        }
        ByteBuffer payload = in.slice();
        payload.limit((int) h.payloadLength());
        in.position(in.position() + (int) h.payloadLength());
        return decode(h, payload);
    }

    /**
     * Decodes the payload of a PDU whose header is {@code h}. {@code payload} holds exactly
     * payload_length bytes; its position is advanced. Trailing bytes are an error.
     */
    public static Pdu decode(AgentxHeader h, ByteBuffer payload) throws AgentxParseException {
        if (h.version() != AgentxHeader.VERSION) {
            throw new AgentxParseException("unsupported AgentX version " + h.version());
        }
        PduType type = PduType.of(h.type());
        if (type == null) {
            throw new AgentxParseException("unknown PDU type " + h.type());
        }
        ByteBuffer in = payload.slice().order(h.byteOrder());
        try {
            String context = null;
            if (type.allowsContext() && (h.flags() & AgentxHeader.FLAG_NON_DEFAULT_CONTEXT) != 0) {
                context = new String(getOctets(in), StandardCharsets.UTF_8);
            }
            Payload body = getPayload(type, in);
            if (in.hasRemaining()) {
                throw new AgentxParseException(in.remaining() + " unexpected bytes after the " + type + " payload");
            }
            payload.position(payload.position() + in.position());
            // 0x08 and 0x10 are carried by context and byte order; keep only the semantic bits
            return new Pdu(type, h.flags() & 0x07, h.sessionId(), h.transactionId(), h.packetId(), context, body);
        } catch (BufferUnderflowException e) {
            throw new AgentxParseException(type + " payload truncated at byte " + in.position() + " of " + in.limit());
        } catch (IllegalArgumentException e) {
            throw new AgentxParseException(type + ": " + e.getMessage());
        }
    }

    private static Payload getPayload(PduType type, ByteBuffer in) throws AgentxParseException {
        switch (type) {
            case OPEN: {
                int timeout = in.get() & 0xFF;
                skip(in, 3);
                Oid id = getOid(in, null);
                return new Payload.Open(timeout, id, new String(getOctets(in), StandardCharsets.UTF_8));
            }
            case CLOSE: {
                int reason = in.get() & 0xFF;
                skip(in, 3);
                return new Payload.Close(reason);
            }
            case REGISTER:
            case UNREGISTER: {
                int timeout = in.get() & 0xFF;
                int priority = in.get() & 0xFF;
                int rangeSubid = in.get() & 0xFF;
                in.get();
                Oid subtree = getOid(in, null);
                if (subtree == null) {
                    throw new AgentxParseException(type + " with a null subtree");
                }
                int upper = rangeSubid != 0 ? in.getInt() : 0;
                return new Payload.Registration(type == PduType.REGISTER ? timeout : 0, priority, rangeSubid, subtree, upper);
            }
            case GET:
            case GET_NEXT:
                return new Payload.Ranges(getRanges(in));
            case GET_BULK: {
                int nonRepeaters = in.getShort() & 0xFFFF;
                int maxRepetitions = in.getShort() & 0xFFFF;
                return new Payload.Bulk(nonRepeaters, maxRepetitions, getRanges(in));
            }
            case TEST_SET:
            case NOTIFY:
            case INDEX_ALLOCATE:
            case INDEX_DEALLOCATE:
                return new Payload.VarBinds(getVarBinds(in));
            case COMMIT_SET:
            case UNDO_SET:
            case CLEANUP_SET:
            case PING:
                return Payload.Empty.INSTANCE;
            case ADD_AGENT_CAPS: {
                Oid id = getOid(in, null);
                if (id == null) {
                    throw new AgentxParseException("AddAgentCaps with a null id");
                }
                return new Payload.AgentCaps(id, new String(getOctets(in), StandardCharsets.UTF_8));
            }
            case REMOVE_AGENT_CAPS: {
                Oid id = getOid(in, null);
                if (id == null) {
                    throw new AgentxParseException("RemoveAgentCaps with a null id");
                }
                return new Payload.AgentCaps(id, null);
            }
            case RESPONSE: {
                long sysUpTime = Integer.toUnsignedLong(in.getInt());
                int error = in.getShort() & 0xFFFF;
                int index = in.getShort() & 0xFFFF;
                return new Payload.Response(sysUpTime, error, index, getVarBinds(in));
            }
            default:
                throw new AgentxParseException("unknown PDU type " + type);
        }
    }

    private static List<SearchRange> getRanges(ByteBuffer in) throws AgentxParseException {
        List<SearchRange> out = new ArrayList<>();
        while (in.hasRemaining()) {
            boolean[] include = new boolean[1];
            Oid start = getOid(in, include);
            if (start == null) {
                throw new AgentxParseException("SearchRange " + (out.size() + 1) + " has a null start OID");
            }
            Oid end = getOid(in, null);
            out.add(new SearchRange(start, include[0], end));
        }
        return out;
    }

    private static List<AxVarBind> getVarBinds(ByteBuffer in) throws AgentxParseException {
        List<AxVarBind> out = new ArrayList<>();
        while (in.hasRemaining()) {
            int type = in.getShort() & 0xFFFF;
            skip(in, 2);
            Oid name = getOid(in, null);
            if (name == null) {
                throw new AgentxParseException("VarBind " + (out.size() + 1) + " has a null name");
            }
            out.add(getValue(in, type, name, out.size() + 1));
        }
        return out;
    }

    private static AxVarBind getValue(ByteBuffer in, int type, Oid name, int index) throws AgentxParseException {
        switch (type) {
            case AxVarBind.INTEGER:
                return AxVarBind.of(name, MibValue.integer(in.getInt()));
            case AxVarBind.COUNTER32:
                return AxVarBind.of(name, MibValue.counter32(Integer.toUnsignedLong(in.getInt())));
            case AxVarBind.GAUGE32:
                return AxVarBind.of(name, MibValue.gauge32(Integer.toUnsignedLong(in.getInt())));
            case AxVarBind.TIME_TICKS:
                return AxVarBind.of(name, MibValue.timeTicks(Integer.toUnsignedLong(in.getInt())));
            case AxVarBind.COUNTER64:
                return AxVarBind.of(name, MibValue.counter64(in.getLong()));
            case AxVarBind.OCTET_STRING:
                return AxVarBind.of(name, MibValue.octets(getOctets(in)));
            case AxVarBind.OPAQUE:
                return AxVarBind.opaque(name, getOctets(in));
            case AxVarBind.IP_ADDRESS: {
                byte[] b = getOctets(in);
                if (b.length != 4) {
                    throw new AgentxParseException("VarBind " + index + ": IpAddress of " + b.length + " bytes");
                }
                return AxVarBind.of(name, MibValue.ipAddress(b));
            }
            case AxVarBind.OBJECT_IDENTIFIER: {
                Oid v = getOid(in, null);
                return AxVarBind.of(name, MibValue.oid(v == null ? Oid.of(0, 0) : v));
            }
            case AxVarBind.NULL:
                return AxVarBind.nullValue(name);
            case AxVarBind.NO_SUCH_OBJECT:
                return AxVarBind.of(name, MibValue.NO_SUCH_OBJECT);
            case AxVarBind.NO_SUCH_INSTANCE:
                return AxVarBind.of(name, MibValue.NO_SUCH_INSTANCE);
            case AxVarBind.END_OF_MIB_VIEW:
                return AxVarBind.of(name, MibValue.END_OF_MIB_VIEW);
            default:
                throw new AgentxParseException("VarBind " + index + " (" + name + "): unknown type " + type);
        }
    }

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
            throw new AgentxParseException("OID with " + n + " sub-identifiers (max " + MAX_OID_ARCS + ")");
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

    private static byte[] getOctets(ByteBuffer in) throws AgentxParseException {
        long len = Integer.toUnsignedLong(in.getInt());
        long padded = len + padding((int) (len & 3));
        if (padded > in.remaining()) {
            throw new AgentxParseException("Octet String of " + len + " bytes but only " + in.remaining() + " left");
        }
        byte[] b = new byte[(int) len];
        in.get(b);
        skip(in, (int) (padded - len));
        return b;
    }

    private static void skip(ByteBuffer in, int n) {
        if (in.remaining() < n) {
            throw new BufferUnderflowException();
        }
        in.position(in.position() + n);
    }
}
