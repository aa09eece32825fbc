package nlagent.agentx;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into AgentX frames: exactly 20 header bytes, then exactly payload_length
 * bytes, however the bytes arrive (several PDUs per read, one PDU over many reads). A payload_length
 * above the cap means the stream cannot be trusted any more: {@link #feed} throws
 * {@link AgentxParseException.PduTooLongException} and the caller closes the connection on purpose.
 *
 * <p>Buffer ownership: a frame that lies wholly inside the input is handed out as a view of the
 * input (no copy), so a frame's payload is valid only until the caller overwrites its input buffer;
 * consume it (decode, which copies) within the callback or before refilling the input. Frames that
 * span several inputs are assembled in a buffer of their own.
 */
public final class FrameDecoder {
    /** Default cap; net-snmp itself never sends a PDU above 64 KiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20;

    /** A header and its complete payload (position to limit = payload_length bytes; see ownership above). */
    public record Frame(AgentxHeader header, ByteBuffer payload) {
    }

    private final int maxPayloadBytes;
    private final ByteBuffer header = ByteBuffer.allocate(AgentxHeader.SIZE);
    private AgentxHeader current;
    private ByteBuffer payload;

    public FrameDecoder(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public FrameDecoder() {
        this(DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** Consumes all of {@code in}, handing each completed frame to {@code out}. */
    public void feed(ByteBuffer in, Consumer<Frame> out) throws AgentxParseException {
        while (in.hasRemaining()) {
            if (current == null) {
                AgentxHeader h;
                if (header.position() == 0 && in.remaining() >= AgentxHeader.SIZE) {
                    h = AgentxHeader.decode(in); // the usual case: the whole header is in the input
                } else {
                    copy(in, header);
                    if (header.hasRemaining()) {
                        return;
                    }
                    header.flip();
                    h = AgentxHeader.decode(header);
                    header.clear();
                }
                if (h.payloadLength() > maxPayloadBytes) {
                    throw new AgentxParseException.PduTooLongException("payload_length " + h.payloadLength() + " of a type-"
                            + h.type() + " PDU exceeds the cap of " + maxPayloadBytes + " bytes");
                }
                int len = (int) h.payloadLength();
                if (in.remaining() >= len) {
                    ByteBuffer view = in.slice(in.position(), len); // no copy: see ownership above
                    in.position(in.position() + len);
                    out.accept(new Frame(h, view));
                    continue;
                }
                current = h;
                payload = ByteBuffer.allocate(len);
            }
            copy(in, payload);
            if (!payload.hasRemaining()) {
                Frame f = new Frame(current, payload.flip());
                current = null;
                payload = null;
                out.accept(f);
            }
        }
    }

    /** True when no partial frame is buffered. */
    public boolean idle() {
        return current == null && header.position() == 0;
    }

    private static void copy(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        ByteBuffer slice = from.slice();
        slice.limit(n);
        to.put(slice);
        from.position(from.position() + n);
    }
}
