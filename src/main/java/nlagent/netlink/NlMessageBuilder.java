package nlagent.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An outgoing netlink message: the 16-byte header, whose nlmsg_len is computed from the parts, and
 * the parts in order (family header, then attributes). {@link #length()} is nlmsg_len; a sender
 * of several messages in one datagram aligns each to 4 bytes ({@link Netlink#align4}).
 */
public final class NlMessageBuilder implements NlPart {
    private final int type;
    private final int flags;
    private final int seq;
    private final int portId;
    private final List<NlPart> parts = new ArrayList<>();

    /** {@code portId}: nlmsg_pid, 0 for a request to the kernel. */
    public NlMessageBuilder(int type, int flags, int seq, int portId) {
        this.type = type;
        this.flags = flags;
        this.seq = seq;
        this.portId = portId;
    }

    /** Appends {@code part} after the parts added so far. */
    public NlMessageBuilder add(NlPart part) {
        parts.add(part);
        return this;
    }

    @Override
    public int length() {
        int n = Netlink.NLMSG_HDRLEN;
        for (NlPart p : parts) {
            n += p.length();
        }
        return n;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        NlMessage.putHeader(out, length(), type, flags, seq, portId);
        for (NlPart p : parts) {
            p.writeTo(out);
        }
    }
}
