package nlagent.netlink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Cursor over a run of netlink attributes in {@code [start, end)} of a native-order buffer: call
 * {@link #next()} until it returns false. Types are masked with {@link Netlink#NLA_TYPE_MASK}; the
 * integer readers honour {@link Netlink#NLA_F_NET_BYTEORDER} (big-endian payload); a
 * truncated or self-overlapping attribute ends the walk (the kernel never sends one, so a malformed
 * tail is dropped, never read past). Reads use absolute indexes, so the buffer's position and limit
 * are never touched and one buffer can be walked by nested cursors.
 */
public final class NlAttrs {
    private final ByteBuffer buf;
    private final int end;
    private int next;
    private int type;
    private int payload;
    private int payloadLen;
    /** The current attribute's payload is big-endian while the buffer is little-endian: swap integers. */
    private boolean swap;
    private static final boolean LITTLE_ENDIAN = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;

    public NlAttrs(ByteBuffer buf, int start, int end) {
        if (start < 0 || end > buf.limit() || start > end) {
            throw new IllegalArgumentException("attribute range [" + start + "," + end + ") outside buffer limit " + buf.limit());
        }
        this.buf = buf;
        this.end = end;
        this.next = start;
    }

    /** Advances to the next attribute; false at the end (or at a malformed tail). */
    public boolean next() {
        if (next + Netlink.NLA_HDRLEN > end) {
            return false;
        }
        int len = Short.toUnsignedInt(buf.getShort(next));
        if (len < Netlink.NLA_HDRLEN || next + len > end) {
            next = end;
            return false;
        }
        int rawType = Short.toUnsignedInt(buf.getShort(next + 2));
        type = rawType & Netlink.NLA_TYPE_MASK;
        swap = LITTLE_ENDIAN && (rawType & Netlink.NLA_F_NET_BYTEORDER) != 0;
        payload = next + Netlink.NLA_HDRLEN;
        payloadLen = len - Netlink.NLA_HDRLEN;
        next = Math.min(end, next + Netlink.align4(len));
        return true;
    }

    public int type() {
        return type;
    }

    /** Absolute offset of the current attribute's payload. */
    public int payloadOffset() {
        return payload;
    }

    public int payloadLength() {
        return payloadLen;
    }

    /** A cursor over the current attribute's payload as nested attributes. */
    public NlAttrs nested() {
        return new NlAttrs(buf, payload, payload + payloadLen);
    }

    public int u8() {
        need(1);
        return Byte.toUnsignedInt(buf.get(payload));
    }

    /** u32/s32 payload (callers treat it as signed or unsigned). */
    public int i32() {
        need(4);
        return int32(payload);
    }

    private int int32(int at) {
        int v = buf.getInt(at);
        return swap ? Integer.reverseBytes(v) : v;
    }

    private long int64(int at) {
        long v = buf.getLong(at);
        return swap ? Long.reverseBytes(v) : v;
    }

    /** u32/s32 at {@code offset} inside the payload (for fixed structs such as ifla_cacheinfo). */
    public int intAt(int offset) {
        need(offset + 4);
        return int32(payload + offset);
    }

    /** u64 payload; ByteBuffer reads are unaligned-safe. */
    public long i64() {
        need(8);
        return int64(payload);
    }

    /** u32 or u64 payload, whichever size the kernel sent. */
    public long uint() {
        return payloadLen >= 8 ? int64(payload) : Integer.toUnsignedLong(i32());
    }

    /** NUL-terminated (or not) string payload. */
    public String string() {
        int n = 0;
        while (n < payloadLen && buf.get(payload + n) != 0) {
            n++;
        }
        byte[] b = new byte[n];
        buf.get(payload, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
        byte[] b = new byte[payloadLen];
        buf.get(payload, b);
        return b;
    }

    /** s32/u32 array sized by the attribute length (kernels add elements over time). */
    public int[] intArray() {
        int[] a = new int[payloadLen / 4];
        for (int i = 0; i < a.length; i++) {
            a[i] = int32(payload + 4 * i);
        }
        return a;
    }

    /** u64 array sized by the attribute length. */
    public long[] longArray() {
        long[] a = new long[payloadLen / 8];
        for (int i = 0; i < a.length; i++) {
            a[i] = int64(payload + 8 * i);
        }
        return a;
    }

    private void need(int n) {
        if (payloadLen < n) {
            throw new MalformedMessageException("attribute type " + type + " has " + payloadLen + " bytes, needs " + n);
        }
    }
}
