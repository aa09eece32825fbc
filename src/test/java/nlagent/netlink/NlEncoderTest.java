package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The encoder's lengths: every part writes what it says, nesting sums padded children, nothing is patched. */
class NlEncoderTest {

    private static ByteBuffer written(NlPart p) {
        ByteBuffer b = ByteBuffer.allocate(p.length() + 16).order(ByteOrder.nativeOrder());
        p.writeTo(b);
        assertEquals(p.length(), b.position(), "writeTo writes length() bytes");
        return b;
    }

    @Test
    void attributeLengthIsPaddedButNlaLenIsNot() {
        NlAttr kind = NlAttr.string(Rtnl.IFLA_INFO_KIND, "veth"); // 4 + "veth\0" = 9
        assertEquals(12, kind.length());
        ByteBuffer b = written(kind);
        assertEquals(9, b.getShort(0));
        assertEquals(Rtnl.IFLA_INFO_KIND, b.getShort(2));
        assertEquals(0, b.get(9) | b.get(10) | b.get(11), "zero padding");
    }

    @Test
    void nestedLengthIsTheSumOfItsPaddedChildren() {
        NlAttr info = NlAttr.nested(Rtnl.IFLA_LINKINFO, NlAttr.string(Rtnl.IFLA_INFO_KIND, "veth"), NlAttr.u8(7, 1));
        assertEquals(4 + 12 + 8, info.length());
        ByteBuffer b = written(info);
        assertEquals(4 + 12 + 8, b.getShort(0), "nla_len covers every child with its padding, as nla_nest_end does");
        assertEquals(Rtnl.IFLA_LINKINFO | Netlink.NLA_F_NESTED, Short.toUnsignedInt(b.getShort(2)));
        assertEquals(Rtnl.IFLA_LINKINFO, written(NlAttr.nestedUnflagged(Rtnl.IFLA_LINKINFO)).getShort(2), "no flag");

        // decodes back: the nested walker sees both children
        NlMessageBuilder m = new NlMessageBuilder(Rtnl.RTM_NEWLINK, 0, 3, 0)
                .add(NlStruct.familyHeader(0, Rtnl.IFINFOMSG_LEN)).add(info);
        ByteBuffer d = written(m);
        d.flip();
        NlAttrs top = NlMessage.at(d, 0).attributes(Rtnl.IFINFOMSG_LEN);
        assertEquals(true, top.next());
        assertEquals(Rtnl.IFLA_LINKINFO, top.type());
        NlAttrs inner = top.nested();
        assertEquals(true, inner.next());
        assertEquals("veth", inner.string());
        assertEquals(true, inner.next());
        assertEquals(7, inner.type());
        assertEquals(false, inner.next());
    }

    @Test
    void messageLengthIsHeaderPlusPartsUnpadded() {
        NlMessageBuilder m = new NlMessageBuilder(Rtnl.RTM_NEWNETCONF, Netlink.NLM_F_MULTI, 9, 0)
                .add(NlStruct.builder().u8(2).build());
        assertEquals(17, m.length(), "nlmsg_len counts the 1-byte payload, not the datagram's alignment");
        ByteBuffer b = written(m);
        assertEquals(17, b.getInt(0));
        assertEquals(Rtnl.RTM_NEWNETCONF, b.getShort(4));
        assertEquals(9, b.getInt(8));
    }

    @Test
    void anAttributeLongerThanNlaLenCanHoldIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NlAttr.of(1, new byte[65532]));
        assertEquals(65536, NlAttr.of(1, new byte[65531]).length(), "an nla_len of 65535 still fits, padded to 65536");
    }
}
