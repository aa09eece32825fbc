package nlagent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Builds datagrams of netlink messages as the kernel lays them out, for codec tests: a fluent
 * front over the production encoder ({@link NlMessageBuilder}, {@link NlAttr}, {@link NlStruct}),
 * so the bytes the decoders are tested against come from the same code as the agent's requests.
 * {@link #nest} and {@link #rtnexthop} open a level that {@link #end} closes into one part.
 */
final class MessageBuilder {
    /** nlmsg_pid of built messages: a sender that is not the kernel would be rejected elsewhere, not here. */
    private static final int PORT_ID = 4242;

    private final List<NlMessageBuilder> messages = new ArrayList<>();
    private final Deque<Level> open = new ArrayDeque<>();
    private NlMessageBuilder current;

    /** Parts collected for one open level and what they become when it closes. */
    private record Level(List<NlPart> parts, Function<NlPart[], NlPart> close) {
        int length() {
            return parts.stream().mapToInt(NlPart::length).sum();
        }
    }

    MessageBuilder begin(int type, int flags, int seq) {
        current = new NlMessageBuilder(type, flags, seq, PORT_ID);
        open.clear();
        open.push(new Level(new ArrayList<>(), null));
        return this;
    }

    private MessageBuilder add(NlPart part) {
        open.element().parts().add(part);
        return this;
    }

    MessageBuilder bytes(byte... b) {
        return add(NlStruct.builder().bytes(b).build());
    }

    MessageBuilder i32(int v) {
        return add(NlStruct.builder().i32(v).build());
    }

    /** Zero bytes up to the next 4-byte boundary of the current level. */
    MessageBuilder pad() {
        int n = open.element().length();
        return n % 4 == 0 ? this : add(NlStruct.builder().bytes(new byte[4 - n % 4]).build());
    }

    /** ifinfomsg. */
    MessageBuilder ifinfo(int family, int type, int index, int flags) {
        return add(NlStruct.builder().u8(family).u8(0).u16(type).i32(index).i32(flags).i32(0).build());
    }

    /** ndmsg. */
    MessageBuilder ndmsg(int family, int ifIndex, int state, int flags) {
        return add(NlStruct.builder().u8(family).u8(0).u16(0).i32(ifIndex).u16(state).u8(flags).u8(0).build());
    }

    /** rtmsg. */
    MessageBuilder rtmsg(int family, int dstLen, int table, int protocol, int scope, int type, int flags) {
        return add(NlStruct.builder().u8(family).u8(dstLen).u8(0).u8(0).u8(table).u8(protocol).u8(scope).u8(type)
                .i32(flags).build());
    }

    /** nhmsg (linux/nexthop.h): family, scope, protocol, resvd, u32 flags. */
    MessageBuilder nhmsg(int family, int scope, int protocol, int flags) {
        return add(NlStruct.builder().u8(family).u8(scope).u8(protocol).u8(0).i32(flags).build());
    }

    /** Opens a struct rtnexthop inside RTA_MULTIPATH; close it with {@link #end()}. */
    MessageBuilder rtnexthop(int flags, int hops, int ifIndex) {
        open.push(new Level(new ArrayList<>(), children -> new RtNextHop(flags, hops, ifIndex, children)));
        return this;
    }

    MessageBuilder attr(int type, byte[] payload) {
        return add(NlAttr.of(type, payload));
    }

    MessageBuilder attrU8(int type, int v) {
        return add(NlAttr.u8(type, v));
    }

    MessageBuilder attrI32(int type, int v) {
        return add(NlAttr.i32(type, v));
    }

    MessageBuilder attrU64(int type, long v) {
        return add(NlAttr.u64(type, v));
    }

    MessageBuilder attrString(int type, String s) {
        return add(NlAttr.string(type, s));
    }

    MessageBuilder attrInts(int type, int... v) {
        return add(NlAttr.i32s(type, v));
    }

    MessageBuilder attrLongs(int type, long... v) {
        return add(NlAttr.u64s(type, v));
    }

    /** Opens a nested attribute; {@code flagNested} sets NLA_F_NESTED (bit 15) as newer kernels do. */
    MessageBuilder nest(int type, boolean flagNested) {
        open.push(new Level(new ArrayList<>(),
                children -> flagNested ? NlAttr.nested(type, children) : NlAttr.nestedUnflagged(type, children)));
        return this;
    }

    MessageBuilder end() {
        Level l = open.pop();
        if (l.close() == null) {
            throw new IllegalStateException("end() without nest() or rtnexthop()");
        }
        return add(l.close().apply(l.parts().toArray(NlPart[]::new)));
    }

    MessageBuilder finish() {
        if (open.size() != 1) {
            throw new IllegalStateException(open.size() - 1 + " nest(s) still open");
        }
        open.pop().parts().forEach(current::add);
        messages.add(current);
        current = null;
        return this;
    }

    /** The finished messages as one datagram (each aligned to 4 bytes): limit = length, position 0. */
    ByteBuffer datagram() {
        ByteBuffer d = ByteBuffer.allocate(8192).order(ByteOrder.nativeOrder());
        for (NlMessageBuilder m : messages) {
            m.writeTo(d);
            while (d.position() % 4 != 0) {
                d.put((byte) 0);
            }
        }
        return d.flip();
    }

    /** The first message as a view. */
    NlMessage message() {
        return NlMessage.at(datagram(), 0);
    }

    /** struct rtnexthop { u16 rtnh_len; u8 rtnh_flags; u8 rtnh_hops; s32 rtnh_ifindex } and its attributes. */
    private record RtNextHop(int flags, int hops, int ifIndex, NlPart[] attributes) implements NlPart {
        private static final int RTNH_LEN = 8;

        @Override
        public int length() {
            int n = RTNH_LEN;
            for (NlPart a : attributes) {
                n += a.length();
            }
            return n;
        }

        @Override
        public void writeTo(ByteBuffer out) {
            out.putShort((short) length()).put((byte) flags).put((byte) hops).putInt(ifIndex);
            for (NlPart a : attributes) {
                a.writeTo(out);
            }
        }
    }
}
