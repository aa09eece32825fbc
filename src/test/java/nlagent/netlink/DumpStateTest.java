package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.sys.Native;

/** The dump loop's per-message logic on hand-built replies (multi-part, DONE errno, ERROR + ext-ack, INTR, stale seq). */
class DumpStateTest {
    private static final int SEQ = 41;
    /** The port id MessageBuilder puts in every header. */
    private static final int PORT = 4242;

    private static DumpState<List<NetconfEntry>> feed(MessageBuilder... datagrams) throws Exception {
        DumpState<List<NetconfEntry>> st = new DumpState<>(Rtnl.RTM_GETNETCONF, SEQ, PORT, NlSocket.DumpCollector.toList(NetconfMessage::decode));
        for (MessageBuilder d : datagrams) {
            ByteBuffer b = d.datagram();
            NlMessage.forEach(b, b.limit(), new NlMessage(), st);
        }
        return st;
    }

    private static MessageBuilder netconf(MessageBuilder b, int seq, int flags, int ifIndex) {
        return b.begin(Rtnl.RTM_NEWNETCONF, Netlink.NLM_F_MULTI | flags, seq).bytes((byte) Native.AF_INET6, (byte) 0, (byte) 0, (byte) 0)
                .attrI32(Rtnl.NETCONFA_IFINDEX, ifIndex).attrI32(Rtnl.NETCONFA_FORWARDING, 1).finish();
    }

    private static MessageBuilder done(MessageBuilder b, int seq, int errno) {
        return b.begin(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, seq).i32(errno).finish();
    }

    @Test
    void multiPartReplyAcrossDatagramsIsCollectedAndStaleSequenceDropped() throws Exception {
        MessageBuilder d1 = netconf(netconf(new MessageBuilder(), SEQ, 0, -1), SEQ - 1, 0, 99); // a late reply to an older request
        MessageBuilder d2 = done(netconf(new MessageBuilder(), SEQ, 0, 2), SEQ, 0);
        DumpState<List<NetconfEntry>> st = feed(d1, d2);
        assertTrue(st.done);
        assertFalse(st.damaged);
        assertNull(st.failure);
        assertEquals(List.of(-1, 2), st.collector.result().stream().map(NetconfEntry::ifIndex).toList());
    }

    @Test
    void interruptedDumpIsMarkedDamaged() throws Exception {
        DumpState<List<NetconfEntry>> st = feed(done(netconf(new MessageBuilder(), SEQ, Netlink.NLM_F_DUMP_INTR, 1), SEQ, 0));
        assertTrue(st.done);
        assertTrue(st.damaged, "NLM_F_DUMP_INTR: the caller must restart the dump");
    }

    @Test
    void errnoInDoneCarriesExtendedAckText() throws Exception {
        MessageBuilder b = new MessageBuilder().begin(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI | Netlink.NLM_F_ACK_TLVS, SEQ)
                .i32(-Native.EINVAL).attrString(Netlink.NLMSGERR_ATTR_MSG, "Invalid data after header").finish();
        DumpState<List<NetconfEntry>> st = feed(b);
        assertTrue(st.done);
        assertNotNull(st.failure);
        assertEquals(Native.EINVAL, st.failure.errno());
        assertEquals("Invalid data after header", st.failure.extAck());
    }

    @Test
    void errorReplyWithCappedRequestAndExtAckEndsTheDump() throws Exception {
        MessageBuilder b = new MessageBuilder().begin(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS, SEQ)
                .i32(-Native.EOPNOTSUPP)
                .i32(20).bytes((byte) Rtnl.RTM_GETNETCONF, (byte) 0, (byte) 1, (byte) 3).i32(SEQ).i32(0) // echoed header only
                .attrString(Netlink.NLMSGERR_ATTR_MSG, "no dump for you").finish();
        DumpState<List<NetconfEntry>> st = feed(b);
        assertTrue(st.done);
        assertEquals(Native.EOPNOTSUPP, st.failure.errno());
        assertEquals("no dump for you", st.failure.extAck());
        assertTrue(st.failure.getMessage().contains("type " + Rtnl.RTM_GETNETCONF), st.failure.getMessage());
    }

    @Test
    void malformedMemberBecomesAFailureButReadingContinuesToDone() throws Exception {
        MessageBuilder b = new MessageBuilder().begin(Rtnl.RTM_NEWNETCONF, Netlink.NLM_F_MULTI, SEQ)
                .bytes((byte) Native.AF_INET, (byte) 0, (byte) 0, (byte) 0)
                .attr(Rtnl.NETCONFA_IFINDEX, new byte[] {1, 0}) // s32 attribute with 2 bytes
                .finish();
        DumpState<List<NetconfEntry>> st = feed(done(b, SEQ, 0));
        assertTrue(st.done, "read on to NLMSG_DONE so the socket is clean");
        assertNotNull(st.failure);
        assertTrue(st.failure.getMessage().contains("malformed"), st.failure.getMessage());
    }

    @Test
    void repliesAddressedToAnotherPortIdAreDroppedAndCounted() throws Exception {
        DumpState<List<NetconfEntry>> st = new DumpState<>(Rtnl.RTM_GETNETCONF, SEQ, PORT + 1,
                NlSocket.DumpCollector.toList(NetconfMessage::decode));
        ByteBuffer b = done(netconf(new MessageBuilder(), SEQ, 0, 7), SEQ, 0).datagram();
        NlMessage.forEach(b, b.limit(), new NlMessage(), st);
        assertFalse(st.done, "a DONE for another port id does not end our dump");
        assertTrue(st.collector.result().isEmpty());
        assertEquals(2, st.takeRejected());
        assertEquals(0, st.takeRejected(), "taken once");
    }

    @Test
    void truncatedDoneIsAnError() throws Exception {
        DumpState<List<NetconfEntry>> st = feed(netconf(new MessageBuilder(), SEQ, 0, 3)
                .begin(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, SEQ).finish());
        assertTrue(st.done);
        assertNotNull(st.failure, "a DONE without its status is not a successful end");
        assertTrue(st.failure.getMessage().contains("truncated NLMSG_DONE"), st.failure.getMessage());
    }
}
