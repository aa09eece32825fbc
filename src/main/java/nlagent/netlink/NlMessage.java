package nlagent.netlink;

import java.nio.ByteBuffer;

/**
 * A view of one netlink message inside a receive buffer (a flyweight: valid only during the
 * callback that received it; copy what you keep). Header layout (struct nlmsghdr, 16 bytes):
 * u32 len @0, u16 type @4, u16 flags @6, u32 seq @8, u32 pid @12.
 */
public final class NlMessage {
    private ByteBuffer buf;
    private int offset;
    private int length;

    NlMessage() {
    }

    /** A view of the message at {@code offset} (for tests and decoders working on a copy). */
    public static NlMessage at(ByteBuffer buf, int offset) {
        NlMessage m = new NlMessage();
        m.reset(buf, offset, buf.getInt(offset));
        return m;
    }

    void reset(ByteBuffer buf, int offset, int length) {
        this.buf = buf;
        this.offset = offset;
        this.length = length;
    }

    public ByteBuffer buffer() {
        return buf;
    }

    public int offset() {
        return offset;
    }

    /** nlmsg_len: header plus payload, without trailing padding. */
    public int length() {
        return length;
    }

    public int type() {
        return Short.toUnsignedInt(buf.getShort(offset + 4));
    }

    public int flags() {
        return Short.toUnsignedInt(buf.getShort(offset + 6));
    }

    public int seq() {
        return buf.getInt(offset + 8);
    }

    public int pid() {
        return buf.getInt(offset + 12);
    }

    /** Absolute offset of the payload (the family header). */
    public int payloadOffset() {
        return offset + Netlink.NLMSG_HDRLEN;
    }

    public int payloadLength() {
        return length - Netlink.NLMSG_HDRLEN;
    }

    /** Absolute offset just past this message (without padding). */
    public int end() {
        return offset + length;
    }

    /** Attributes after a family header of {@code familyHeaderLen} bytes (aligned to 4). */
    public NlAttrs attributes(int familyHeaderLen) {
        int start = payloadOffset() + Netlink.align4(familyHeaderLen);
        if (start > end()) {
            throw new MalformedMessageException("message type " + type() + " of " + length
                    + " bytes is shorter than its " + familyHeaderLen + "-byte family header");
        }
        return new NlAttrs(buf, start, end());
    }

    /** Writes a 16-byte header at the buffer's position. */
    public static void putHeader(ByteBuffer out, int length, int type, int flags, int seq, int pid) {
        out.putInt(length).putShort((short) type).putShort((short) flags).putInt(seq).putInt(pid);
    }

    /** Receives each message of one datagram. */
    @FunctionalInterface
    public interface Handler {
        void message(NlMessage message) throws NetlinkException;
    }

    /**
     * Splits the datagram in {@code [0, n)} of {@code buf} into messages. A length field that is too
     * small or runs past the datagram is a {@link MalformedMessageException} (the kernel never sends one).
     */
    public static void forEach(ByteBuffer buf, int n, NlMessage view, Handler handler) throws NetlinkException {
        int off = 0;
        while (off + Netlink.NLMSG_HDRLEN <= n) {
            int len = buf.getInt(off);
            if (len < Netlink.NLMSG_HDRLEN || len > n - off) {
                throw new MalformedMessageException("netlink message at offset " + off + " claims " + len
                        + " bytes, datagram has " + (n - off) + " left");
            }
            view.reset(buf, off, len);
            handler.message(view);
            off += Netlink.align4(len);
        }
    }
}
