package nlagent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** Builds netlink messages byte by byte, as the kernel lays them out, for codec tests. */
final class MessageBuilder {
    private final ByteBuffer buf = ByteBuffer.allocate(8192).order(ByteOrder.nativeOrder());
    private final Deque<Integer> open = new ArrayDeque<>();
    private int msgStart = -1;

    MessageBuilder begin(int type, int flags, int seq) {
        msgStart = buf.position();
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(4242);
        return this;
    }

    MessageBuilder bytes(byte... b) {
        buf.put(b);
        return this;
    }

    MessageBuilder i32(int v) {
        buf.putInt(v);
        return this;
    }

    MessageBuilder pad() {
        while (buf.position() % 4 != 0) {
            buf.put((byte) 0);
        }
        return this;
    }

    /** ifinfomsg. */
    MessageBuilder ifinfo(int family, int type, int index, int flags) {
        buf.put((byte) family).put((byte) 0).putShort((short) type).putInt(index).putInt(flags).putInt(0);
        return this;
    }

    /** ndmsg. */
    MessageBuilder ndmsg(int family, int ifIndex, int state, int flags) {
        buf.put((byte) family).put((byte) 0).putShort((short) 0).putInt(ifIndex).putShort((short) state).put((byte) flags).put((byte) 0);
        return this;
    }

    /** rtmsg. */
    MessageBuilder rtmsg(int family, int dstLen, int table, int protocol, int scope, int type, int flags) {
        buf.put((byte) family).put((byte) dstLen).put((byte) 0).put((byte) 0).put((byte) table).put((byte) protocol)
                .put((byte) scope).put((byte) type).putInt(flags);
        return this;
    }

    /** Opens a struct rtnexthop inside RTA_MULTIPATH; close it with {@link #end()}. */
    MessageBuilder rtnexthop(int flags, int hops, int ifIndex) {
        open.push(buf.position());
        buf.putShort((short) 0).put((byte) flags).put((byte) hops).putInt(ifIndex);
        return this;
    }

    MessageBuilder attr(int type, byte[] payload) {
        buf.putShort((short) (4 + payload.length)).putShort((short) type).put(payload);
        return pad();
    }

    MessageBuilder attrU8(int type, int v) {
        return attr(type, new byte[] {(byte) v});
    }

    MessageBuilder attrI32(int type, int v) {
        return attr(type, le().putInt(v).array());
    }

    MessageBuilder attrU64(int type, long v) {
        return attr(type, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array());
    }

    MessageBuilder attrString(int type, String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
        return attr(type, b);
    }

    MessageBuilder attrInts(int type, int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.nativeOrder());
        for (int x : v) {
            b.putInt(x);
        }
        return attr(type, b.array());
    }

    MessageBuilder attrLongs(int type, long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.nativeOrder());
        for (long x : v) {
            b.putLong(x);
        }
        return attr(type, b.array());
    }

    /** Opens a nested attribute; {@code flagNested} sets NLA_F_NESTED (bit 15) as newer kernels do. */
    MessageBuilder nest(int type, boolean flagNested) {
        open.push(buf.position());
        buf.putShort((short) 0).putShort((short) (type | (flagNested ? 0x8000 : 0)));
        return this;
    }

    MessageBuilder end() {
        int start = open.pop();
        buf.putShort(start, (short) (buf.position() - start));
        return pad();
    }

    MessageBuilder finish() {
        buf.putInt(msgStart, buf.position() - msgStart);
        return pad();
    }

    private static ByteBuffer le() {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
    }

    /** The datagram so far: a buffer with limit = length, position 0. */
    ByteBuffer datagram() {
        ByteBuffer d = buf.duplicate().order(ByteOrder.nativeOrder());
        d.flip();
        return d;
    }

    /** The first message as a view. */
    NlMessage message() {
        return NlMessage.at(datagram(), 0);
    }
}
