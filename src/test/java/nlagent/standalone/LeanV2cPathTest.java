package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

import nlagent.mib.GetBulk;
import nlagent.mib.MibProvider;
import nlagent.mib.MibValue;
import nlagent.mib.MibView;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.TestMibProvider;
import nlagent.mib.oid.SnmpV2Mib;

/**
 * The lean SNMPv2c path against the snmp4j path it bypasses: for the same datagram both give the
 * same bytes (every value type and edge value, GET/GETNEXT/GETBULK, endOfMibView, noSuch*, GETBULK
 * caps and truncation, tooBig, odd request ids); whatever the strict decoder takes, snmp4j decodes
 * to the same request; everything else (v1, SET, bad community, gone context, malformed bytes)
 * goes to the dispatcher untouched.
 */
class LeanV2cPathTest {
    private static final Oid T = Oid.parse("1.3.6.1.2.1.99");
    private static final UdpAddress PEER = new UdpAddress(InetAddress.getLoopbackAddress(), 40000);

    /** A view holding every value type, with edge values, under 1.3.6.1.2.1.99.1.C.I. */
    private static SortedMibView view() {
        SortedMibView.Builder b = SortedMibView.builder().subtree(T);
        MibValue[] values = {
            MibValue.integer(0), MibValue.integer(127), MibValue.integer(128), MibValue.integer(-1), MibValue.integer(-129),
            MibValue.integer(Integer.MAX_VALUE), MibValue.integer(Integer.MIN_VALUE), MibValue.integer(65536),
            MibValue.octets(new byte[0]), MibValue.string("eth0"), MibValue.octets(new byte[200]), MibValue.octets(new byte[300]),
            MibValue.oid(Oid.parse("1.3.6.1.4.1.8072.3.2.10")), MibValue.oid(Oid.parse("0.0")), MibValue.oid(Oid.parse("2.999.4294967295")),
            MibValue.ipAddress(new byte[] {10, 0, (byte) 255, 1}),
            MibValue.counter32(0), MibValue.counter32(127), MibValue.counter32(128), MibValue.counter32(0xFFFF_FFFFL),
            MibValue.gauge32(0x8000_0000L), MibValue.gauge32(1_000_000_000L), MibValue.timeTicks(4_294_967_295L),
            MibValue.timeTicks(255), MibValue.counter64(0), MibValue.counter64(-1L), MibValue.counter64(Long.MAX_VALUE),
            MibValue.counter64(0x80L), MibValue.counter64(1L << 40),
        };
        for (int c = 1; c <= values.length; c++) {
            Oid column = T.append(1, c);
            b.object(column);
            for (int i : new int[] {1, 2, 200, 70000, Integer.MAX_VALUE}) {
                b.add(column.append(i, 3, 4), values[c - 1]);
            }
        }
        // names under no declared object (encoded whole) and a declared object with arcs of 3 and 5 octets
        b.add(T.append(2, 5, 1), MibValue.integer(-5));
        b.add(T.append(2, 0xFFFF_FFFF), MibValue.counter32(7));
        Oid wide = T.append(3, 200_000);
        b.object(wide);
        b.add(wide.append(1), MibValue.string("x"));
        b.add(wide.append(0xFFFF_FFFF, 128), MibValue.gauge32(1));
        return b.build();
    }

    /** 300 octets: a length of its own takes two octets, and the header no longer fits 64 bytes. */
    private static final String LONG_COMMUNITY = "c".repeat(300);

    /** The standalone agent's two paths over one provider, access control and counters. */
    private static final class Paths {
        final SnmpCounters counters = new SnmpCounters();
        final MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        final CapturingTransport transport = new CapturingTransport();
        final LeanResponder responder;
        final LeanV2cPath lean;
        final TransportStateReference state = new TransportStateReference(transport, PEER, null, SecurityLevel.undefined,
                SecurityLevel.undefined, false, null);

        Paths(int maxMessageSize, GetBulk.Limits limits) throws Exception {
            MibView v = view();
            MibProvider provider = new TestMibProvider(v).put("ns1", v);
            List<StandaloneConfig.Community> communities = List.of(
                    new StandaloneConfig.Community("public", SourceFilter.parse("127.0.0.1", null), "*"),
                    new StandaloneConfig.Community("fixed", SourceFilter.parse("default", null), "ns1"),
                    new StandaloneConfig.Community("gone", SourceFilter.parse("default", null), "nsGone"),
                    new StandaloneConfig.Community("remote", SourceFilter.parse("10.0.0.0/8", null), "*"),
                    new StandaloneConfig.Community(LONG_COMMUNITY, SourceFilter.parse("default", null), "ns1"));
            AccessControl access = new AccessControl(communities, List.of());
            dispatcher.addMessageProcessingModel(new MPv1());
            dispatcher.addMessageProcessingModel(new MPv2c());
            dispatcher.addCounterListener(counters);
            responder = new LeanResponder(provider, access, maxMessageSize, limits, counters);
            dispatcher.addCommandResponder(responder);
            lean = new LeanV2cPath(dispatcher, provider, access, maxMessageSize, limits, counters, responder);
        }

        /** What snmp4j's dispatcher and {@link LeanResponder} send for {@code msg} (null: nothing). */
        byte[] viaSnmp4j(byte[] msg) {
            transport.last = null;
            dispatcher.processMessage(transport, PEER, ByteBuffer.wrap(msg), state);
            return transport.last;
        }

        /** What the transport listener the agent installs sends for {@code msg}. */
        byte[] viaLean(byte[] msg) {
            transport.last = null;
            lean.processMessage(transport, PEER, ByteBuffer.wrap(msg), state);
            return transport.last;
        }

        /** The lean answer alone (null: left to snmp4j). */
        byte[] leanOnly(byte[] msg) {
            V2cRequest r = V2cRequest.decode(msg, 0, msg.length);
            assertNotNull(r, "the lean decoder refused a plain request");
            return lean.answer(r, PEER.getInetAddress(), transport.getMaxOutboundMessageSize());
        }
    }

    private static PDU pdu(int type, int requestId, int nonRepeaters, int maxRepetitions, String... oids) {
        PDU p = new PDU();
        p.setType(type);
        p.setRequestID(new Integer32(requestId));
        if (type == PDU.GETBULK) {
            p.setNonRepeaters(nonRepeaters);
            p.setMaxRepetitions(maxRepetitions);
        }
        for (String o : oids) {
            p.add(new VariableBinding(new OID(o)));
        }
        return p;
    }

    private static byte[] msg(String community, PDU p) throws IOException {
        return Warmup.encode(new OctetString(community), p);
    }

    /** Every request of the corpus below, as bytes. */
    private static List<byte[]> corpus() throws IOException {
        List<byte[]> out = new ArrayList<>();
        String col = T + ".1.";
        int[] ids = {0, 1, 127, 128, -1, -129, 65535, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (String c : List.of("public", "public@ns1", "fixed")) {
            for (int id : ids) {
                out.add(msg(c, pdu(PDU.GET, id, 0, 0, col + "1.1.3.4", col + "29.70000.3.4", col + "3.2.3.4")));
            }
            out.add(msg(c, pdu(PDU.GET, 5, 0, 0, col + "1.9", col + "1", T.toString(), "1.3.6.1.2.1.1.1.0", "1.3", "0.0")));
            out.add(msg(c, pdu(PDU.GET, 5, 0, 0)));
            for (int i = 1; i <= 29; i++) {
                out.add(msg(c, pdu(PDU.GET, 7, 0, 0, col + i + ".2.3.4", col + i + ".2147483647.3.4")));
                out.add(msg(c, pdu(PDU.GETNEXT, 7, 0, 0, col + i, col + i + ".200.3.4")));
            }
            out.add(msg(c, pdu(PDU.GETNEXT, 9, 0, 0, "1.3", "0.0", col + "29.2147483647.3.4", "2.25.1", "1.3.6.1.2.1.99.2")));
            out.add(msg(c, pdu(PDU.GETNEXT, 9, 0, 0, T + ".2.5.1", T + ".2.6", T + ".3.200000.1", T + ".3.200000.2")));
            out.add(msg(c, pdu(PDU.GET, 9, 0, 0, T + ".2.5.1", T + ".2.6", T + ".3.200000.1", T + ".3.200000.2")));
            out.add(msg(c, pdu(PDU.GETBULK, 9, 1, 3, T + ".2", T + ".1.29.2147483647.3.4", T + ".2.5", T + ".3")));
            for (int[] nm : new int[][] {{0, 0}, {0, 1}, {0, 10}, {0, 25}, {0, 1000}, {1, 25}, {2, 50}, {3, 7}, {5, 5},
                {-1, 10}, {0, -3}, {Integer.MAX_VALUE, Integer.MAX_VALUE}, {1, Integer.MIN_VALUE}}) {
                out.add(msg(c, pdu(PDU.GETBULK, 11, nm[0], nm[1], "1.3", col + "10.1.3.4", col + "28.70000.3.4")));
                out.add(msg(c, pdu(PDU.GETBULK, 12, nm[0], nm[1], col + "29")));
            }
            out.add(msg(c, pdu(PDU.GETBULK, 13, 0, 25)));
        }
        return out;
    }

    @Test
    void answersAreByteForByteSnmp4jsAtEveryMessageSizeAndCap() throws Exception {
        int compared = 0;
        for (int maxMessageSize : new int[] {484, 1400, 65507}) {
            for (GetBulk.Limits limits : List.of(new GetBulk.Limits(100, 100), new GetBulk.Limits(3, 7))) {
                Paths p = new Paths(maxMessageSize, limits);
                for (byte[] m : corpus()) {
                    byte[] expected = p.viaSnmp4j(m);
                    assertNotNull(expected, "snmp4j answered nothing to " + hex(m));
                    assertArrayEquals(expected, p.leanOnly(m), () -> "lean answer differs for " + hex(m) + " at " + maxMessageSize);
                    assertArrayEquals(expected, p.viaLean(m));
                    compared++;
                }
            }
        }
        assertTrue(compared > 1000, "compared " + compared);
    }

    /** A community longer than the answer's header scratch starts with (grown, not cut): the answer is snmp4j's. */
    @Test
    void aLongCommunityIsAnsweredAsSnmp4jDoes() throws Exception {
        Paths p = new Paths(65507, new GetBulk.Limits(100, 100));
        for (PDU q : List.of(pdu(PDU.GET, 5, 0, 0, T + ".1.1.1.3.4"), pdu(PDU.GETNEXT, 6, 0, 0, "1.3"),
                pdu(PDU.GETBULK, 7, 0, 20, T + ".1"))) {
            byte[] m = msg(LONG_COMMUNITY, q);
            byte[] expected = p.viaSnmp4j(m);
            assertNotNull(expected);
            assertArrayEquals(expected, p.leanOnly(m), () -> "lean answer differs for " + hex(m));
        }
    }

    @Test
    void tooBigAndTruncationHappen() throws Exception {
        // the corpus must exercise both: a 484-byte limit cuts the 300-byte string's GET to tooBig, and GETBULK short
        Paths p = new Paths(484, new GetBulk.Limits(100, 100));
        byte[] get = p.leanOnly(msg("public", pdu(PDU.GET, 1, 0, 0, T + ".1.12.1.3.4", T + ".1.12.2.3.4")));
        assertEquals(1, decode(get).getErrorStatus());
        PDU bulk = decode(p.leanOnly(msg("public", pdu(PDU.GETBULK, 1, 0, 100, T + ".1.11"))));
        assertEquals(0, bulk.getErrorStatus());
        assertTrue(bulk.size() >= 1 && bulk.size() < 5, "truncated to what fits: " + bulk.size());
    }

    @Test
    void countsLikeTheDispatcherAndLeavesEverythingElseToIt() throws Exception {
        Paths p = new Paths(65507, new GetBulk.Limits(100, 100));
        Oid inPkts = SnmpV2Mib.SNMP_IN_PKTS.append(0);
        byte[] ok = msg("public", pdu(PDU.GETNEXT, 1, 0, 0, "1.3"));
        p.viaLean(ok);
        assertEquals(1, p.counters.get(inPkts));
        assertEquals(1, p.responder.requests());

        // not taken by the lean path: the dispatcher's counters and answers, as before
        PDU set = pdu(PDU.SET, 2, 0, 0, T + ".1.1.1.3.4");
        assertNull(V2cRequest.decode(msg("public", set), 0, msg("public", set).length));
        assertEquals(PDU.notWritable, decode(p.viaLean(msg("public", set))).getErrorStatus());
        assertNull(p.viaLean(msg("wrong", pdu(PDU.GET, 3, 0, 0, "1.3"))), "unknown community: dropped");
        assertEquals(1, p.counters.get(SnmpV2Mib.SNMP_IN_BAD_COMMUNITY_NAMES.append(0)));
        assertNull(p.viaLean(msg("remote", pdu(PDU.GET, 3, 0, 0, "1.3"))), "community from a foreign source: dropped");
        assertEquals(2, p.counters.get(SnmpV2Mib.SNMP_IN_BAD_COMMUNITY_NAMES.append(0)));
        assertNull(p.viaLean(msg("gone", pdu(PDU.GET, 4, 0, 0, "1.3"))), "context gone: dropped");
        assertEquals(1, p.counters.get(SnmpV2Mib.SNMP_IN_BAD_COMMUNITY_USES.append(0)));
        byte[] v1 = v1Get();
        assertNull(V2cRequest.decode(v1, 0, v1.length));
        assertNotNull(p.viaLean(v1), "SNMPv1 answered by snmp4j's path");
        assertEquals(6, p.counters.get(inPkts), "every datagram counted once, whichever path took it");
        assertEquals(6, p.responder.requests());
    }

    @Test
    void malformedInputIsLeftToTheDispatcherWhichCountsItWithoutAnswer() throws Exception {
        Paths p = new Paths(65507, new GetBulk.Limits(100, 100));
        byte[] good = msg("public", pdu(PDU.GETBULK, 77, 0, 25, "1.3", "1.3.6.1.2.1.99.1.5"));
        List<byte[]> bad = new ArrayList<>();
        for (int n = 0; n < good.length; n++) {
            bad.add(Arrays.copyOf(good, n)); // every truncation
        }
        bad.add(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // 2 GB length
        bad.add(new byte[] {0x30, (byte) 0x80, 0x02, 0x01, 0x01, 0x00, 0x00}); // indefinite length
        long before = p.counters.get(SnmpV2Mib.SNMP_IN_ASN_PARSE_ERRS.append(0));
        for (byte[] m : bad) {
            assertNull(V2cRequest.decode(m, 0, m.length), () -> "lean decoder took " + hex(m));
            assertNull(p.viaLean(m), () -> "an answer to malformed " + hex(m));
        }
        assertEquals(bad.size(), p.counters.get(SnmpV2Mib.SNMP_IN_ASN_PARSE_ERRS.append(0)) - before,
                "the dispatcher counts malformed messages as before");
        // snmp4j ignores bytes after the message; the lean decoder leaves such a datagram to it
        byte[] trailing = concat(good, new byte[] {0});
        assertNull(V2cRequest.decode(trailing, 0, trailing.length));
        assertArrayEquals(p.viaSnmp4j(trailing), p.viaLean(trailing));
        assertNotNull(p.viaLean(good), "still answering");
    }

    @Test
    void whatTheStrictDecoderTakesSnmp4jDecodesTheSame() throws Exception {
        Random rnd = new Random(11);
        List<byte[]> seeds = corpus();
        int taken = 0;
        int mutated = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] m = seeds.get(rnd.nextInt(seeds.size())).clone();
            int flips = 1 + rnd.nextInt(3);
            for (int f = 0; f < flips; f++) {
                m[rnd.nextInt(m.length)] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : m[rnd.nextInt(m.length)] ^ (1 << rnd.nextInt(8)));
            }
            mutated++;
            V2cRequest r = V2cRequest.decode(m, 0, m.length); // must never throw
            if (r == null) {
                continue;
            }
            taken++;
            PDU s = snmp4jDecode(m);
            assertNotNull(s, () -> "lean decoder took what snmp4j refuses: " + hex(m));
            assertEquals(s.getType() & 0xFF, r.pduType(), () -> hex(m));
            assertEquals(s.getRequestID().getValue(), r.requestId(), () -> hex(m));
            if (s.getType() == PDU.GETBULK) {
                assertEquals(s.getNonRepeaters(), r.nonRepeaters());
                assertEquals(s.getMaxRepetitions(), r.maxRepetitions());
            }
            assertEquals(s.size(), r.names().length, () -> hex(m));
            for (int k = 0; k < s.size(); k++) {
                assertArrayEquals(s.get(k).getOid().getValue(), r.names()[k].toArray(), hex(m));
            }
        }
        assertTrue(taken > 1000 && taken < mutated, "taken " + taken + " of " + mutated);
    }

    /** snmp4j's reading of a v2c message, or null when it refuses it. */
    private static PDU snmp4jDecode(byte[] m) {
        try {
            BERInputStream in = new BERInputStream(ByteBuffer.wrap(m));
            BER.MutableByte type = new BER.MutableByte();
            int len = BER.decodeHeader(in, type);
            if (type.getValue() != BER.SEQUENCE || len != m.length - in.getPosition()) {
                return null;
            }
            Integer32 version = new Integer32();
            version.decodeBER(in);
            new OctetString().decodeBER(in);
            PDU p = new PDU();
            p.decodeBER(in);
            return version.getValue() == 1 && in.getPosition() == m.length ? p : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static PDU decode(byte[] answer) throws IOException {
        return Warmup.decode(answer);
    }

    private static byte[] v1Get() throws IOException {
        org.snmp4j.PDUv1 p = new org.snmp4j.PDUv1();
        p.setType(PDU.GET);
        p.setRequestID(new Integer32(9));
        p.add(new VariableBinding(new OID(T + ".1.1.1.3.4")));
        Integer32 version = new Integer32(0);
        OctetString community = new OctetString("public");
        int len = version.getBERLength() + community.getBERLength() + p.getBERLength();
        ByteBuffer buf = ByteBuffer.allocate(1 + BER.getBERLengthOfLength(len) + len);
        org.snmp4j.asn1.BEROutputStream out = new org.snmp4j.asn1.BEROutputStream(buf);
        BER.encodeHeader(out, BER.SEQUENCE, len);
        version.encodeBER(out);
        community.encodeBER(out);
        p.encodeBER(out);
        return buf.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String hex(byte[] b) {
        return StandaloneAgent.hex(b);
    }
}
