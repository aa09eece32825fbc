package nlagent.agentx;

import java.nio.ByteBuffer;
import java.util.Objects;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.VarBind;

/**
 * A VarBind as AgentX carries it, and its wire form: {@code v.type} (2 bytes), reserved (2),
 * {@code v.name} (OID), then the data of the type ({@link #size}, {@link #encode}, {@link #decode}). Wider than {@link VarBind}: net-snmp's Responses to Register echo
 * the subtree as a Null varbind, and Opaque may appear, neither of which MibValue models.
 *
 * @param type  the AgentX type code ({@link #NULL}, {@link #OPAQUE} or one mapped from MibValue)
 * @param value null for {@link #NULL}; the raw bytes as an octet string for {@link #OPAQUE}
 */
public record AxVarBind(int type, Oid name, MibValue value) {
    public static final int INTEGER = 2;
    public static final int OCTET_STRING = 4;
    public static final int NULL = 5;
    public static final int OBJECT_IDENTIFIER = 6;
    public static final int IP_ADDRESS = 64;
    public static final int COUNTER32 = 65;
    public static final int GAUGE32 = 66;
    public static final int TIME_TICKS = 67;
    public static final int OPAQUE = 68;
    public static final int COUNTER64 = 70;
    public static final int NO_SUCH_OBJECT = 128;
    public static final int NO_SUCH_INSTANCE = 129;
    public static final int END_OF_MIB_VIEW = 130;

    public AxVarBind {
        Objects.requireNonNull(name, "name");
        if ((type == NULL) != (value == null)) {
            throw new IllegalArgumentException("a value is required for every type but Null");
        }
    }

    public static AxVarBind of(VarBind vb) {
        return of(vb.oid(), vb.value());
    }

    public static AxVarBind of(Oid name, MibValue value) {
        return new AxVarBind(typeOf(value.type()), name, value);
    }

    public static AxVarBind nullValue(Oid name) {
        return new AxVarBind(NULL, name, null);
    }

    public static AxVarBind opaque(Oid name, byte[] ber) {
        return new AxVarBind(OPAQUE, name, MibValue.octets(ber));
    }

    /** As a library-neutral VarBind; null for Null and Opaque, which MibValue cannot hold. */
    public VarBind toVarBind() {
        return type == NULL || type == OPAQUE ? null : new VarBind(name, value);
    }

    /** Encoded size in bytes; IllegalArgumentException for a name or value that cannot be sent. */
    public int size() {
        return size(type, name, value);
    }

    /** {@link #size} of a VarBind of these parts, without the record. */
    static int size(int type, Oid name, MibValue value) {
        return 4 + AgentxCodec.oidSize(name) + valueSize(type, value);
    }

    private static int valueSize(int type, MibValue value) {
        switch (type) {
            case INTEGER: case COUNTER32: case GAUGE32: case TIME_TICKS:
                return 4;
            case COUNTER64:
                return 8;
            case OCTET_STRING: case IP_ADDRESS: case OPAQUE:
                return AgentxCodec.octetsSize(value.bytesLength());
            case OBJECT_IDENTIFIER:
                return AgentxCodec.oidSize(value.oidValue());
            case NULL: case NO_SUCH_OBJECT: case NO_SUCH_INSTANCE: case END_OF_MIB_VIEW:
                return 0;
            default:
                throw new IllegalArgumentException("unknown VarBind type " + type);
        }
    }

    /** Writes {@link #size} bytes in {@code out}'s byte order. */
    void encode(ByteBuffer out) {
        encode(out, type, name, value);
    }

    /** {@link #encode} of a VarBind of these parts, without the record. */
    static void encode(ByteBuffer out, int type, Oid name, MibValue value) {
        out.putShort((short) type).putShort((short) 0);
        AgentxCodec.putOid(out, name, false);
        switch (type) {
            case INTEGER: case COUNTER32: case GAUGE32: case TIME_TICKS:
                out.putInt((int) value.number());
                break;
            case COUNTER64:
                // big-endian: high word first; little-endian: the whole value LE (low word first)
                out.putLong(value.number());
                break;
            case OCTET_STRING: case IP_ADDRESS: case OPAQUE:
                AgentxCodec.putOctets(out, value);
                break;
            case OBJECT_IDENTIFIER:
                AgentxCodec.putOid(out, value.oidValue(), false);
                break;
            default:
                break; // Null and the exceptions carry no data
        }
    }

    /** Reads the {@code index}th (1-based, for messages) VarBind of a list. */
    static AxVarBind decode(ByteBuffer in, int index) throws AgentxParseException {
        int type = in.getShort() & 0xFFFF;
        AgentxCodec.skip(in, 2);
        Oid name = AgentxCodec.getOid(in, null);
        if (name == null) {
            throw new AgentxParseException.CorruptPduException("VarBind " + index + " has a null name");
        }
        switch (type) {
            case INTEGER:
                return of(name, MibValue.integer(in.getInt()));
            case COUNTER32:
                return of(name, MibValue.counter32(Integer.toUnsignedLong(in.getInt())));
            case GAUGE32:
                return of(name, MibValue.gauge32(Integer.toUnsignedLong(in.getInt())));
            case TIME_TICKS:
                return of(name, MibValue.timeTicks(Integer.toUnsignedLong(in.getInt())));
            case COUNTER64:
                return of(name, MibValue.counter64(in.getLong()));
            case OCTET_STRING:
                return of(name, MibValue.octets(AgentxCodec.getOctets(in)));
            case OPAQUE:
                return opaque(name, AgentxCodec.getOctets(in));
            case IP_ADDRESS: {
                byte[] b = AgentxCodec.getOctets(in);
                if (b.length != 4) {
                    throw new AgentxParseException.CorruptPduException("VarBind " + index + ": IpAddress of " + b.length + " bytes");
                }
                return of(name, MibValue.ipAddress(b));
            }
            case OBJECT_IDENTIFIER: {
                Oid v = AgentxCodec.getOid(in, null);
                return of(name, MibValue.oid(v == null ? Oid.of(0, 0) : v));
            }
            case NULL:
                return nullValue(name);
            case NO_SUCH_OBJECT:
                return of(name, MibValue.NO_SUCH_OBJECT);
            case NO_SUCH_INSTANCE:
                return of(name, MibValue.NO_SUCH_INSTANCE);
            case END_OF_MIB_VIEW:
                return of(name, MibValue.END_OF_MIB_VIEW);
            default:
                throw new AgentxParseException.CorruptPduException("VarBind " + index + " (" + name + "): unknown type " + type);
        }
    }

    static int typeOf(MibValue.Type t) {
        switch (t) {
            case INTEGER32: return INTEGER;
            case OCTET_STRING: return OCTET_STRING;
            case OBJECT_IDENTIFIER: return OBJECT_IDENTIFIER;
            case IP_ADDRESS: return IP_ADDRESS;
            case COUNTER32: return COUNTER32;
            case GAUGE32: return GAUGE32;
            case TIME_TICKS: return TIME_TICKS;
            case COUNTER64: return COUNTER64;
            case NO_SUCH_OBJECT: return NO_SUCH_OBJECT;
            case NO_SUCH_INSTANCE: return NO_SUCH_INSTANCE;
            case END_OF_MIB_VIEW: return END_OF_MIB_VIEW;
            default: throw new IllegalArgumentException("no AgentX type for " + t);
        }
    }
}
