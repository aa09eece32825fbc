package nlagent.agentx;

import java.util.Objects;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.VarBind;

/**
 * A VarBind as AgentX carries it. Wider than {@link VarBind}: net-snmp's Responses to Register echo
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
