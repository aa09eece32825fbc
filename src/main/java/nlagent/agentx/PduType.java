package nlagent.agentx;

/** AgentX PDU type codes (RFC 2741 section 6.1). */
public enum PduType {
    OPEN(1), CLOSE(2), REGISTER(3), UNREGISTER(4), GET(5), GET_NEXT(6), GET_BULK(7), TEST_SET(8),
    COMMIT_SET(9), UNDO_SET(10), CLEANUP_SET(11), NOTIFY(12), PING(13), INDEX_ALLOCATE(14),
    INDEX_DEALLOCATE(15), ADD_AGENT_CAPS(16), REMOVE_AGENT_CAPS(17), RESPONSE(18);

    private static final PduType[] BY_CODE = new PduType[19];

    static {
        for (PduType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    PduType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
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
}
