package nlagent.agentx;

/**
 * Bytes that do not follow RFC 2741; the message says where. The subclass says what the connection
 * does about it ({@link #action}), so every call site reacts the same way to the same fault:
 * <ul>
 * <li>{@link PduTooLongException}: the framing itself cannot be trusted: close the connection;</li>
 * <li>{@link CorruptPduException}: one PDU, whole and framed, has a bad payload: answer
 *     parseError if its type expects an answer, and go on with the next PDU;</li>
 * <li>{@link UnsupportedPduException}: a version or type we do not speak: drop it and go on, as
 *     the net-snmp master does.</li>
 * </ul>
 */
public abstract sealed class AgentxParseException extends Exception
        permits AgentxParseException.PduTooLongException, AgentxParseException.CorruptPduException,
        AgentxParseException.UnsupportedPduException {
    private static final long serialVersionUID = 1L;

    /** What the connection does about a fault. */
    public enum Action { CLOSE_CONNECTION, ANSWER_PARSE_ERROR, DROP }

    private final Action action;

    AgentxParseException(String message, Action action) {
        super(message);
        this.action = action;
    }

    public final Action action() {
        return action;
    }

    /** payload_length above the cap: the stream cannot be resynchronised. */
    public static final class PduTooLongException extends AgentxParseException {
        private static final long serialVersionUID = 1L;

        public PduTooLongException(String message) {
            super(message, Action.CLOSE_CONNECTION);
        }
    }

    /** A framed PDU whose payload is truncated, overlong or inconsistent. */
    public static final class CorruptPduException extends AgentxParseException {
        private static final long serialVersionUID = 1L;

        public CorruptPduException(String message) {
            super(message, Action.ANSWER_PARSE_ERROR);
        }
    }

    /** h.version other than 1, or a type code outside 1..18. */
    public static final class UnsupportedPduException extends AgentxParseException {
        private static final long serialVersionUID = 1L;

        public UnsupportedPduException(String message) {
            super(message, Action.DROP);
        }
    }
}
