package nlagent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A fixed-layout C struct of a message (a family header such as ifinfomsg or ifaddrmsg), laid out
 * field by field in native byte order when built. Immutable.
 */
public final class NlStruct implements NlPart {
    private final byte[] bytes;

    private NlStruct(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The zeroed family header of a dump request whose first byte is {@code family}, padded to its
     * aligned size: what NETLINK_GET_STRICT_CHK accepts (exact size, zero padding).
     */
    public static NlStruct familyHeader(int family, int headerLen) {
        byte[] b = new byte[Netlink.align4(headerLen)];
        b[0] = (byte) family;
        return new NlStruct(b);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int length() {
        return bytes.length;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        out.put(bytes);
    }

    /** Appends fields in order; no padding is added between them (C structs of netlink have none). */
    public static final class Builder {
        private ByteBuffer buf = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());

        private Builder() {
        }

        private ByteBuffer room(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n))
                        .order(ByteOrder.nativeOrder());
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
            return buf;
        }

        public Builder u8(int v) {
            room(1).put((byte) v);
            return this;
        }

        public Builder u16(int v) {
            room(2).putShort((short) v);
            return this;
        }

        public Builder i32(int v) {
            room(4).putInt(v);
            return this;
        }

        public Builder i64(long v) {
            room(8).putLong(v);
            return this;
        }

        public Builder bytes(byte... b) {
            room(b.length).put(b);
            return this;
        }

        public NlStruct build() {
            return new NlStruct(Arrays.copyOf(buf.array(), buf.position()));
        }
    }
}
