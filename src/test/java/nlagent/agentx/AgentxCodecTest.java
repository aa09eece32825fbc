package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;

class AgentxCodecTest {

    static final Oid PEN = Oid.parse("1.3.6.1.4.1.99999");

    /** One PDU of every type 1..18, with every varbind type, contexts where allowed. */
    static List<Pdu> everyPdu() {
        List<AxVarBind> vbs = List.of(
                AxVarBind.of(PEN.append(1), MibValue.integer(-5)),
                AxVarBind.of(PEN.append(2), MibValue.octets(new byte[0])),
                AxVarBind.of(PEN.append(3), MibValue.string("abc")),
                AxVarBind.of(PEN.append(4), MibValue.string("abcd")),
                AxVarBind.of(PEN.append(5), MibValue.string("abcde")),
                AxVarBind.nullValue(PEN.append(6)),
                AxVarBind.of(PEN.append(7), MibValue.oid(Oid.parse("1.3.6.1.2.1.2.2.1.1"))),
                AxVarBind.of(PEN.append(8), MibValue.ipAddress(new byte[] {10, 0, (byte) 200, 1})),
                AxVarBind.of(PEN.append(9), MibValue.counter32(0xFFFF_FFFEL)),
                AxVarBind.of(PEN.append(10), MibValue.gauge32(4_000_000_000L)),
                AxVarBind.of(PEN.append(11), MibValue.timeTicks(123456)),
                AxVarBind.opaque(PEN.append(12), new byte[] {(byte) 0x9f, 0x78, 4, 1, 2, 3, 4}),
                AxVarBind.of(PEN.append(13), MibValue.counter64(0x1_2345_6789_ABCDL)),
                AxVarBind.of(PEN.append(14), MibValue.counter64(-1L)),
                AxVarBind.of(Oid.parse("2.5.7"), MibValue.NO_SUCH_OBJECT),
                AxVarBind.of(PEN.append(15), MibValue.NO_SUCH_INSTANCE),
                AxVarBind.of(PEN.append(0xFFFF_FFFF), MibValue.END_OF_MIB_VIEW));
        List<SearchRange> ranges = List.of(new SearchRange(PEN, true, PEN.append(5)),
                new SearchRange(Oid.parse("1.3.6.1.2.1.2.2.1.10.7"), false, null),
                new SearchRange(Oid.parse("1.3.6.1.300.1"), false, Oid.parse("1.3.6.1.300.2")));
        List<Pdu> out = new ArrayList<>();
        int id = 1;
        out.add(new Pdu(PduType.OPEN, 0, 0, 0, id++, null, new Payload.Open(5, PEN.append(1, 2), "nlagent é")));
        out.add(new Pdu(PduType.OPEN, 0, 0, 0, id++, null, new Payload.Open(0, null, "")));
        out.add(new Pdu(PduType.CLOSE, 0, 7, 0, id++, null, new Payload.Close(Payload.Close.SHUTDOWN)));
        out.add(new Pdu(PduType.REGISTER, 0, 7, 0, id++, "ns-a", new Payload.Registration(0, 100, 0, Oid.parse("1.3.6.1.2.1.2.2"), 0)));
        out.add(new Pdu(PduType.REGISTER, 1, 7, 0, id++, null, new Payload.Registration(3, 127, 10, PEN.append(3, 1, 2), 4)));
        out.add(new Pdu(PduType.UNREGISTER, 0, 7, 0, id++, "ns-a", new Payload.Registration(0, 100, 0, Oid.parse("1.3.6.1.2.1.2.2"), 0)));
        out.add(new Pdu(PduType.GET, 0, 7, 9, id++, null, new Payload.Ranges(List.of(new SearchRange(PEN.append(1, 0), false, null)))));
        out.add(new Pdu(PduType.GET_NEXT, 0, 7, 9, id++, "ctx1", new Payload.Ranges(ranges)));
        out.add(new Pdu(PduType.GET_BULK, 0, 7, 9, id++, null, new Payload.Bulk(1, 50, ranges)));
        out.add(new Pdu(PduType.TEST_SET, 0, 7, 9, id++, "x", new Payload.VarBinds(vbs)));
        out.add(new Pdu(PduType.COMMIT_SET, 0, 7, 9, id++, null, Payload.Empty.INSTANCE));
        out.add(new Pdu(PduType.UNDO_SET, 0, 7, 9, id++, null, Payload.Empty.INSTANCE));
        out.add(new Pdu(PduType.CLEANUP_SET, 0, 7, 9, id++, null, Payload.Empty.INSTANCE));
        out.add(new Pdu(PduType.NOTIFY, 0, 7, 0, id++, null, new Payload.VarBinds(vbs)));
        out.add(new Pdu(PduType.PING, 0, 7, 0, id++, "ctx2", Payload.Empty.INSTANCE));
        out.add(new Pdu(PduType.INDEX_ALLOCATE, 2, 7, 0, id++, null, new Payload.VarBinds(vbs.subList(0, 2))));
        out.add(new Pdu(PduType.INDEX_DEALLOCATE, 0, 7, 0, id++, null, new Payload.VarBinds(vbs.subList(0, 2))));
        out.add(new Pdu(PduType.ADD_AGENT_CAPS, 0, 7, 0, id++, null, new Payload.AgentCaps(PEN.append(9), "caps")));
        out.add(new Pdu(PduType.REMOVE_AGENT_CAPS, 0, 7, 0, id++, "c", new Payload.AgentCaps(PEN.append(9), null)));
        out.add(new Pdu(PduType.RESPONSE, 0, 7, -2, -1, null, new Payload.Response(0xFFFF_FFF0L, 263, 65535, vbs)));
        return out;
    }

    @Test
    void everyPduRoundTripsInBothByteOrders() throws Exception {
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            for (Pdu p : everyPdu()) {
                ByteBuffer b = AgentxCodec.encode(p, order);
                assertEquals(AgentxCodec.encodedSize(p), b.remaining(), p.type().toString());
                assertEquals(0, (b.remaining() - AgentxHeader.SIZE) % 4, "payload is a multiple of 4: " + p.type());
                assertEquals(order == ByteOrder.BIG_ENDIAN ? 0x10 : 0, b.get(2) & 0x10);
                assertEquals(p.context() != null ? 0x08 : 0, b.get(2) & 0x08);
                Pdu back = AgentxCodec.decode(b);
                assertEquals(0, b.remaining());
                assertEquals(p.type(), back.type());
                assertEquals(p.sessionId(), back.sessionId());
                assertEquals(p.transactionId(), back.transactionId());
                assertEquals(p.packetId(), back.packetId());
                assertEquals(p.context(), back.context());
                assertEquals(p.flags() & 7, back.flags() & 7);
                assertEquals(p.payload(), back.payload(), p.type() + " in " + order);
            }
        }
        assertEquals(18, everyPdu().stream().map(Pdu::type).distinct().count());
    }

    @Test
    void oidIsPrefixCompressedAsInRfcExample() {
        ByteBuffer b = ByteBuffer.allocate(AgentxCodec.oidSize(PEN));
        AgentxCodec.putOid(b, PEN, false);
        assertEquals("02040000" + "00000001" + "0001869f", HexFormat.of().formatHex(b.array()));
        // not compressible: 1.3.6.1.0.x, 1.3.6.1.256.x and short OIDs are sent whole
        for (String s : List.of("1.3.6.1.0.5", "1.3.6.1.256.5", "1.3.6.1", "2.5")) {
            Oid o = Oid.parse(s);
            assertEquals(4 + 4 * o.size(), AgentxCodec.oidSize(o), s);
        }
    }

    @Test
    void uncompressedAndNullOidsAreDecoded() throws Exception {
        ByteBuffer b = ByteBuffer.wrap(HexFormat.of().parseHex("07000100" + "00000001" + "00000003" + "00000006"
                + "00000001" + "00000004" + "00000001" + "0001869f" + "00000000"));
        boolean[] inc = new boolean[1];
        assertEquals(PEN, AgentxCodec.getOid(b, inc));
        assertTrue(inc[0]);
        assertNull(AgentxCodec.getOid(b, null));
        // prefix without further sub-identifiers is 1.3.6.1.x, not null
        assertEquals(Oid.parse("1.3.6.1.2"), AgentxCodec.getOid(ByteBuffer.wrap(HexFormat.of().parseHex("00020000")), null));
    }

    @Test
    void octetStringPaddingAndCounter64Layout() throws Exception {
        for (int len : new int[] {0, 3, 4, 5}) {
            AxVarBind vb = AxVarBind.of(Oid.parse("2.1"), MibValue.octets(new byte[len]));
            // type+reserved (4) + OID 2.1 (4+8) + length (4) + bytes padded to 4
            assertEquals(4 + 12 + 4 + ((len + 3) / 4) * 4, AgentxCodec.varBindSize(vb), "len " + len);
        }
        Pdu p = new Pdu(PduType.RESPONSE, 0, 1, 2, 3, null, new Payload.Response(0, 0, 0,
                List.of(AxVarBind.of(Oid.parse("2.1"), MibValue.counter64(0x0000_0001_0000_0002L)))));
        ByteBuffer be = AgentxCodec.encode(p, ByteOrder.BIG_ENDIAN);
        ByteBuffer le = AgentxCodec.encode(p, ByteOrder.LITTLE_ENDIAN);
        int at = be.limit() - 8;
        assertEquals("0000000100000002", HexFormat.of().formatHex(be.array(), at, at + 8), "high word first");
        assertEquals("0200000001000000", HexFormat.of().formatHex(le.array(), at, at + 8), "low word first, LE");
    }

    @Test
    void responseNeverCopiesRequestFlags() {
        Pdu req = new Pdu(PduType.GET, 0, 5, 6, 7, "ctx1", new Payload.Ranges(List.of()));
        Pdu resp = Pdu.responseTo(req, new Payload.Response(0, 0, 0, List.of()));
        ByteBuffer b = AgentxCodec.encode(resp);
        assertEquals(0x10, b.get(2));
        assertEquals(5, b.getInt(4));
        assertEquals(6, b.getInt(8));
        assertEquals(7, b.getInt(12));
        assertThrows(IllegalArgumentException.class,
                () -> new Pdu(PduType.RESPONSE, 0, 0, 0, 0, "ctx", new Payload.Response(0, 0, 0, List.of())));
    }

    @Test
    void netSnmpOpenResponseWithEchoedVarbindParses() throws Exception {
        // as the master sends it: sysUpTime, error 0, index 0, one Octet String varbind echoing id/descr
        Pdu echo = new Pdu(PduType.RESPONSE, 0, 9, 0, 1, null, new Payload.Response(4242, 0, 0,
                List.of(AxVarBind.of(PEN, MibValue.string("nlagent")))));
        Pdu back = AgentxCodec.decode(AgentxCodec.encode(echo, ByteOrder.LITTLE_ENDIAN));
        assertEquals(9, back.sessionId());
        assertEquals(4242, ((Payload.Response) back.payload()).sysUpTime());
    }

    @Test
    void malformedPayloadsGiveParseErrors() {
        Pdu getNext = everyPdu().get(7);
        List<SearchRange> all = ((Payload.Ranges) getNext.payload()).ranges();
        byte[] ok = AgentxCodec.encode(getNext).array();
        // truncate inside the payload but keep payload_length consistent: either a parse error, or
        // (cut exactly between ranges) a shorter but correct list
        int errors = 0;
        for (int cut = AgentxHeader.SIZE + 1; cut < ok.length; cut++) {
            ByteBuffer b = ByteBuffer.wrap(ok.clone(), 0, cut).slice();
            b.putInt(16, cut - AgentxHeader.SIZE);
            try {
                List<SearchRange> got = ((Payload.Ranges) AgentxCodec.decode(b).payload()).ranges();
                assertEquals(all.subList(0, got.size()), got, "cut at " + cut);
            } catch (AgentxParseException e) {
                errors++;
            }
        }
        assertTrue(errors >= ok.length - AgentxHeader.SIZE - 4, "errors " + errors);
        byte[] unknown = ok.clone();
        unknown[1] = 99;
        assertThrows(AgentxParseException.class, () -> AgentxCodec.decode(ByteBuffer.wrap(unknown)));
        byte[] version = ok.clone();
        version[0] = 2;
        assertThrows(AgentxParseException.class, () -> AgentxCodec.decode(ByteBuffer.wrap(version)));
    }

    @Test
    void faultsAreTypedByWhatTheConnectionMustDo() throws Exception {
        byte[] ok = AgentxCodec.encode(everyPdu().get(7)).array();
        byte[] unknown = ok.clone();
        unknown[1] = 99;
        AgentxParseException e = assertThrows(AgentxParseException.class, () -> AgentxCodec.decode(ByteBuffer.wrap(unknown)));
        assertEquals(AgentxParseException.Action.DROP, e.action(), e.getMessage());
        byte[] version = ok.clone();
        version[0] = 2;
        e = assertThrows(AgentxParseException.class, () -> AgentxCodec.decode(ByteBuffer.wrap(version)));
        assertEquals(AgentxParseException.Action.DROP, e.action(), e.getMessage());
        ByteBuffer truncated = ByteBuffer.wrap(ok.clone(), 0, ok.length - 4).slice();
        truncated.putInt(16, ok.length - 4 - AgentxHeader.SIZE);
        e = assertThrows(AgentxParseException.class, () -> AgentxCodec.decode(truncated));
        assertEquals(AgentxParseException.Action.ANSWER_PARSE_ERROR, e.action(), e.getMessage());
        ByteBuffer huge = ByteBuffer.wrap(ok.clone());
        huge.putInt(16, 1 << 30);
        e = assertThrows(AgentxParseException.class, () -> new FrameDecoder().feed(huge, f -> { }));
        assertEquals(AgentxParseException.Action.CLOSE_CONNECTION, e.action(), e.getMessage());
    }

    @Test
    void lengthIsFilledInAfterWritingIntoTheCallersBuffer() {
        ByteBuffer out = ByteBuffer.allocate(4096);
        out.put(new byte[] {9, 9, 9}); // the caller's own bytes before the PDU stay
        Pdu p = everyPdu().get(7);
        AgentxCodec.encode(p, ByteOrder.BIG_ENDIAN, out);
        assertEquals(3 + AgentxCodec.encodedSize(p), out.position());
        assertEquals(AgentxCodec.encodedSize(p) - AgentxHeader.SIZE, out.getInt(3 + 16));
        assertEquals(9, out.get(2));
        // too small: BufferOverflowException, and the position is where it was
        ByteBuffer small = ByteBuffer.allocate(30);
        small.put((byte) 1);
        assertThrows(java.nio.BufferOverflowException.class, () -> AgentxCodec.encode(p, ByteOrder.BIG_ENDIAN, small));
        assertEquals(1, small.position());
    }

    @Test
    void tooLongOidIsRefusedOnEncode() {
        Oid longOid = Oid.of(new int[129]);
        Pdu p = new Pdu(PduType.RESPONSE, 0, 1, 2, 3, null,
                new Payload.Response(0, 0, 0, List.of(AxVarBind.of(longOid, MibValue.integer(1)))));
        assertThrows(IllegalArgumentException.class, () -> AgentxCodec.encodedSize(p));
    }

    @Test
    void byteArraysSurviveSixtyKilobytes() throws Exception {
        byte[] big = new byte[60_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        Pdu p = new Pdu(PduType.RESPONSE, 0, 1, 2, 3, null,
                new Payload.Response(0, 0, 0, List.of(AxVarBind.of(PEN, MibValue.octets(big)))));
        Pdu back = AgentxCodec.decode(AgentxCodec.encode(p));
        assertArrayEquals(big, ((Payload.Response) back.payload()).varBinds().get(0).value().bytes());
    }
}
