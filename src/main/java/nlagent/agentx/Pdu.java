package nlagent.agentx;

import java.util.Objects;

/**
 * One AgentX PDU: header fields, optional non-default context and payload. Immutable.
 *
 * @param flags   only the registration/index bits (0x01, 0x02, 0x04) matter on output; the codec
 *                sets 0x08 from {@code context} and 0x10 from the byte order it writes
 * @param context null or "" for the default context
 */
public record Pdu(PduType type, int flags, int sessionId, int transactionId, int packetId, String context,
                  Payload payload) {
    public Pdu {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (context != null && context.isEmpty()) {
            context = null;
        }
        if (context != null && !type.allowsContext()) {
            throw new IllegalArgumentException(type + " cannot carry a context");
        }
    }

    /** A Response to {@code request}: echoes its session, transaction and packet IDs, never its flags. */
    public static Pdu responseTo(Pdu request, Payload.Response body) {
        return new Pdu(PduType.RESPONSE, 0, request.sessionId, request.transactionId, request.packetId, null, body);
    }
}
