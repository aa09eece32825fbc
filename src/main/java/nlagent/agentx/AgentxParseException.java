package nlagent.agentx;

/** A PDU (or a byte stream) that does not follow RFC 2741; the message says where. */
public final class AgentxParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public AgentxParseException(String message) {
        super(message);
    }
}
