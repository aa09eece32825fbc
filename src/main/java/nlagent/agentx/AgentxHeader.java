package nlagent.agentx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fixed 20-byte AgentX header. The byte order of every multi-byte field of a PDU, header
 * included, is chosen per PDU by flag 0x10, so the order must be read from byte 2 before anything
 * else is decoded.
 *
 * @param type          raw type code (may be outside 1..18 on input)
 * @param payloadLength unsigned, as a long so a hostile value cannot turn negative
 */
public record AgentxHeader(int version, int type, int flags, int sessionId, int transactionId, int packetId,
                           long payloadLength) {
    public static final int SIZE = 20;
    public static final int VERSION = 1;

    public static final int FLAG_INSTANCE_REGISTRATION = 0x01;
    public static final int FLAG_NEW_INDEX = 0x02;
    public static final int FLAG_ANY_INDEX = 0x04;
    public static final int FLAG_NON_DEFAULT_CONTEXT = 0x08;
    public static final int FLAG_NETWORK_BYTE_ORDER = 0x10;

    public ByteOrder byteOrder() {
        return (flags & FLAG_NETWORK_BYTE_ORDER) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** Reads 20 bytes from {@code in} (which must have them), whatever {@code in}'s own order. */
    public static AgentxHeader decode(ByteBuffer in) {
        ByteOrder saved = in.order();
        try {
            int version = in.get() & 0xFF;
            int type = in.get() & 0xFF;
            int flags = in.get() & 0xFF;
            in.get(); // reserved
            in.order((flags & FLAG_NETWORK_BYTE_ORDER) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int sessionId = in.getInt();
            int transactionId = in.getInt();
            int packetId = in.getInt();
            long len = Integer.toUnsignedLong(in.getInt());
            return new AgentxHeader(version, type, flags, sessionId, transactionId, packetId, len);
        } finally {
            in.order(saved);
        }
    }

    /** Writes the header in {@code out}'s byte order, which must agree with the 0x10 flag. */
    public void encode(ByteBuffer out) {
        encode(out, version, type, flags, sessionId, transactionId, packetId, payloadLength);
    }

    /** {@link #encode} without the record (the GetNext fast path allocates nothing). */
    static void encode(ByteBuffer out, int version, int type, int flags, int sessionId, int transactionId, int packetId,
                       long payloadLength) {
        out.put((byte) version).put((byte) type).put((byte) flags).put((byte) 0);
        out.putInt(sessionId).putInt(transactionId).putInt(packetId).putInt((int) payloadLength);
    }
}
