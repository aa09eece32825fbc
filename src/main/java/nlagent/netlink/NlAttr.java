package nlagent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One outgoing attribute (struct nlattr): type, payload and, for a nested attribute, its children.
 * Its length is header, payload and children (each with its padding), padded to 4 bytes; nla_len
 * leaves only its own trailing padding out, as the kernel's nla_put and nla_nest_end do. Immutable.
 */
public final class NlAttr implements NlPart {
    private final int type;
    private final byte[] payload;
    private final List<NlPart> children;

    private NlAttr(int type, byte[] payload, List<NlPart> children) {
        this.type = type;
        this.payload = payload;
        this.children = children;
        if (unpaddedLength() > 0xFFFF) {
            throw new IllegalArgumentException("attribute type " + type + " of " + unpaddedLength() + " bytes does not fit nla_len");
        }
    }

    /** An attribute with {@code payload} as it is. */
    public static NlAttr of(int type, byte... payload) {
        return new NlAttr(type, payload.clone(), List.of());
    }

    public static NlAttr u8(int type, int v) {
        return new NlAttr(type, new byte[] {(byte) v}, List.of());
    }

    public static NlAttr i32(int type, int v) {
        return i32s(type, v);
    }

    public static NlAttr u64(int type, long v) {
        return u64s(type, v);
    }

    /** A NUL-terminated string (IFLA_IFNAME, IFLA_INFO_KIND, ...). */
    public static NlAttr string(int type, String s) {
        return new NlAttr(type, (s + "\0").getBytes(StandardCharsets.UTF_8), List.of());
    }

    /** An array of 32-bit values (IFLA_INET_CONF, IFLA_INET6_CONF). */
    public static NlAttr i32s(int type, int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.nativeOrder());
        for (int x : v) {
            b.putInt(x);
        }
        return new NlAttr(type, b.array(), List.of());
    }

    /** An array of 64-bit values (IFLA_INET6_STATS, ...). */
    public static NlAttr u64s(int type, long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.nativeOrder());
        for (long x : v) {
            b.putLong(x);
        }
        return new NlAttr(type, b.array(), List.of());
    }

    /** A nested attribute with NLA_F_NESTED set, as kernels since 5.2 send them. */
    public static NlAttr nested(int type, NlPart... children) {
        return new NlAttr(type | Netlink.NLA_F_NESTED, new byte[0], List.of(children));
    }

    /** A nested attribute without NLA_F_NESTED (older kernels; RTA_MULTIPATH's rtnexthop list is never flagged). */
    public static NlAttr nestedUnflagged(int type, NlPart... children) {
        return new NlAttr(type, new byte[0], List.of(children));
    }

    private int unpaddedLength() {
        int n = Netlink.NLA_HDRLEN + payload.length;
        for (NlPart c : children) {
            n += c.length();
        }
        return n;
    }

    @Override
    public int length() {
        return Netlink.align4(unpaddedLength());
    }

    @Override
    public void writeTo(ByteBuffer out) {
        int len = unpaddedLength();
        out.putShort((short) len).putShort((short) type).put(payload);
        for (NlPart c : children) {
            c.writeTo(out);
        }
        for (int i = len; i < Netlink.align4(len); i++) {
            out.put((byte) 0);
        }
    }
}
