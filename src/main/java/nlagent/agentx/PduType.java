package nlagent.agentx;

/**
 * AgentX PDU type codes (RFC 2741 section 6.1), each with the decoder of its payload layout: the
 * one place where a type code is mapped to code.
 */
public enum PduType {
    OPEN(1, Payload.Open::decode),
    CLOSE(2, Payload.Close::decode),
    REGISTER(3, Payload.Registration::decodeRegister),
    UNREGISTER(4, Payload.Registration::decodeUnregister),
    GET(5, Payload.Ranges::decode),
    GET_NEXT(6, Payload.Ranges::decode),
    GET_BULK(7, Payload.Bulk::decode),
    TEST_SET(8, Payload.VarBinds::decode),
    COMMIT_SET(9, Payload.Empty::decode),
    UNDO_SET(10, Payload.Empty::decode),
    CLEANUP_SET(11, Payload.Empty::decode),
    NOTIFY(12, Payload.VarBinds::decode),
    PING(13, Payload.Empty::decode),
    INDEX_ALLOCATE(14, Payload.VarBinds::decode),
    INDEX_DEALLOCATE(15, Payload.VarBinds::decode),
    ADD_AGENT_CAPS(16, Payload.AgentCaps::decodeAdd),
    REMOVE_AGENT_CAPS(17, Payload.AgentCaps::decodeRemove),
    RESPONSE(18, Payload.Response::decode);

    private static final PduType[] BY_CODE = new PduType[19];

    static {
        for (PduType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final Payload.Decoder decoder;

    PduType(int code, Payload.Decoder decoder) {
        this.code = code;
        this.decoder = decoder;
    }

    public int code() {
        return code;
    }

    /** Reads this type's payload layout. */
    Payload.Decoder decoder() {
        return decoder;
    }

    /** The type for {@code code}, or null for a code outside 1..18. */
    public static PduType of(int code) {
        return code >= 1 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * Whether RFC 2741 allows a non-default context (flag 0x08) in this PDU. net-snmp's parser reads
     * a context for any PDU with the bit set, so we never set it where it is not allowed.
     */
    public boolean allowsContext() {
        switch (this) {
            case OPEN: case CLOSE: case RESPONSE: case COMMIT_SET: case UNDO_SET: case CLEANUP_SET:
                return false;
            default:
                return true;
        }
    }

    /**
     * Whether a PDU of this type, received, is owed a Response (a parseError one if it cannot be
     * decoded): every type but Response itself and CleanupSet (RFC 2741 7.2.4.4: never answered).
     */
    public boolean expectsResponse() {
        return this != RESPONSE && this != CLEANUP_SET;
    }
}
