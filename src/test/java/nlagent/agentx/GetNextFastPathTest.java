package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import nlagent.mib.MibValue;
import nlagent.mib.MibView;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.TestMibProvider;
import nlagent.mib.VarBind;

/**
 * The GetNext fast path answers byte for byte as the general path (AgentxCodec.decode,
 * RequestHandler.handle, AgentxCodec.encode) does, and leaves to it everything it does not take,
 * untouched: over every binding of the test views, both byte orders, contexts, walks (its OID
 * reuse) and mutated PDUs.
 */
class GetNextFastPathTest {
    private static final Oid PEN = TestViews.PEN;

    private final TestMibProvider provider = new TestMibProvider(TestViews.view(1));
    private final RequestHandler handler = new RequestHandler(provider);
    /** The reference answers come from a handler of their own, so the request counts can be compared. */
    private final RequestHandler general = new RequestHandler(provider);
    private final GetNextFastPath fast = new GetNextFastPath(handler);
    private final ByteBuffer out = ByteBuffer.allocateDirect(AgentxCodec.NET_SNMP_MAX_PDU_BYTES);
    private int calls;

    GetNextFastPathTest() {
        provider.put("ns1", TestViews.view(2));
        provider.put("ns-\u00e9", TestViews.view(3));
    }

    private static byte[] request(String context, ByteOrder order, int packetId, SearchRange... ranges) {
        Pdu p = new Pdu(PduType.GET_NEXT, 0, 7, 1000 + packetId, packetId, context, new Payload.Ranges(List.of(ranges)));
        return bytes(AgentxCodec.encode(p, order));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    /** What the general path sends for {@code request}. */
    private byte[] generalAnswer(byte[] request) throws AgentxParseException {
        return bytes(AgentxCodec.encode(general.handle(AgentxCodec.decode(ByteBuffer.wrap(request)))));
    }

    /** The fast path's answer, or null when it leaves the PDU to the general path (then it must not have moved). */
    private byte[] fastAnswer(byte[] request) {
        ByteBuffer in = ByteBuffer.allocateDirect(request.length + 8);
        in.put(request).put(new byte[8]).flip().limit(request.length); // what lies after the PDU must not matter
        in.order(++calls % 2 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN); // nor the buffer's own byte order
        if (!fast.answer(in, out)) {
            assertEquals(0, in.position(), "a PDU left to the general path is not consumed");
            return null;
        }
        assertEquals(AgentxHeader.SIZE + AgentxHeader.decode(ByteBuffer.wrap(request)).payloadLength(), in.position(),
                "exactly the PDU is consumed");
        return bytes(out);
    }

    /** Asserts the fast path takes {@code request} and answers it as the general path; returns the answer's VarBind. */
    private AxVarBind same(byte[] request) throws AgentxParseException {
        byte[] expected = generalAnswer(request);
        byte[] actual = fastAnswer(request);
        if (actual == null) {
            fail("the fast path did not take " + AgentxCodec.decode(ByteBuffer.wrap(request)));
        }
        assertArrayEquals(expected, actual, () -> "answer to " + decodeQuietly(request));
        assertEquals(general.requests(), handler.requests(), "the fast path counts what it answers");
        Payload.Response r = (Payload.Response) AgentxCodec.decode(ByteBuffer.wrap(actual)).payload();
        return r.varBinds().get(0);
    }

    private static String decodeQuietly(byte[] b) {
        try {
            return AgentxCodec.decode(ByteBuffer.wrap(b)).toString();
        } catch (AgentxParseException e) {
            return e.toString();
        }
    }

    /** Start OIDs around every binding: the name, just before it (a prefix), inside it (an extension), after its subtree. */
    private static List<Oid> startsAround(List<VarBind> bindings) {
        List<Oid> starts = new ArrayList<>(List.of(Oid.of(0), Oid.parse("1.3.6.1"), PEN, PEN.append(0), PEN.nextSibling(),
                Oid.parse("1.3.6.1.255.7"), Oid.parse("2.1"), Oid.of(-1, -1)));
        for (VarBind vb : bindings) {
            Oid n = vb.oid();
            starts.add(n);
            starts.add(n.prefix(n.size() - 1));
            starts.add(n.append(0));
            starts.add(n.nextSibling());
        }
        return starts;
    }

    @Test
    void answersEveryStartAsTheGeneralPathInBothByteOrdersAndContexts() throws Exception {
        List<Oid> ends = Arrays.asList(null, PEN.append(21), TestViews.BIG_TABLE.append(2, 1000), PEN.append(1, 0));
        List<Oid> starts = startsAround(TestViews.bindings(1));
        String[] contexts = {null, "", "ns1", "ns-\u00e9", "no-such-context"};
        int n = 0;
        for (Oid start : starts) {
            for (boolean include : new boolean[] {false, true}) {
                Oid end = ends.get(n % ends.size());
                ByteOrder order = n % 2 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                same(request(contexts[(n / 2) % contexts.length], order, n, new SearchRange(start, include, end)));
                n++;
            }
        }
        assertTrue(n > 20_000, "compared " + n);
    }

    @Test
    void aWalkAsNetSnmpDoesItReusesItsOidsAndStillAnswersAsTheGeneralPath() throws Exception {
        for (String context : new String[] {null, "ns1"}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                // net-snmp asks from the name it was just given, up to the end of the registered subtree
                Oid from = PEN;
                int steps = 0;
                while (true) {
                    AxVarBind vb = same(request(context, order, steps, new SearchRange(from, false, PEN.nextSibling())));
                    if (vb.type() == AxVarBind.END_OF_MIB_VIEW) {
                        assertEquals(from, vb.name());
                        break;
                    }
                    from = vb.name();
                    steps++;
                }
                assertEquals(TestViews.bindings(1).size(), steps);
            }
        }
    }

    @Test
    void everyValueTypeAndPaddingAsTheGeneralPath() throws Exception {
        provider.put("", TestViews.view(-5)); // -5: a negative Integer beyond the shared small ones
        for (VarBind vb : TestViews.scalars(-5)) {
            AxVarBind answer = same(request(null, ByteOrder.BIG_ENDIAN, 1, new SearchRange(vb.oid(), true, null)));
            assertEquals(AxVarBind.of(vb), answer);
        }
    }

    @Test
    void leavesEverythingElseToTheGeneralPathUntouched() throws Exception {
        SearchRange r = new SearchRange(PEN, false, null);
        List<byte[]> others = new ArrayList<>();
        others.add(bytes(AgentxCodec.encode(new Pdu(PduType.GET, 0, 1, 2, 3, null, new Payload.Ranges(List.of(r))))));
        others.add(bytes(AgentxCodec.encode(new Pdu(PduType.GET_BULK, 0, 1, 2, 3, null, new Payload.Bulk(0, 5, List.of(r))))));
        others.add(request(null, ByteOrder.BIG_ENDIAN, 3, r, r)); // two ranges
        others.add(request(null, ByteOrder.BIG_ENDIAN, 3)); // none
        others.add(request("abcd", ByteOrder.BIG_ENDIAN, 3)); // none, after a context that fills the payload
        others.add(request("abcd", ByteOrder.LITTLE_ENDIAN, 3));
        byte[] ok = request(null, ByteOrder.BIG_ENDIAN, 3, r);
        others.add(Arrays.copyOf(ok, ok.length - 1)); // not all here yet
        others.add(Arrays.copyOf(ok, 19)); // not even the header
        byte[] version = ok.clone();
        version[0] = 2;
        others.add(version);
        byte[] nullStart = ok.clone();
        Arrays.fill(nullStart, 20, 24, (byte) 0);
        others.add(nullStart);
        byte[] trailing = Arrays.copyOf(ok, ok.length + 4);
        trailing[19] += 4; // payload_length (big-endian) covers 4 bytes after the range
        others.add(trailing);
        byte[] longOid = ok.clone();
        longOid[20] = (byte) 129; // more sub-identifiers than RFC 2741 allows
        others.add(longOid);
        for (byte[] b : others) {
            assertEquals(null, fastAnswer(b), () -> "taken: " + decodeQuietly(b));
        }
        assertEquals(0, handler.requests());
    }

    @Test
    void tooBigAndFailingLookupsAreAnsweredByTheGeneralPath() throws Exception {
        byte[] big = new byte[RequestHandler.MAX_RESPONSE_BYTES];
        provider.put("big", SortedMibView.builder().subtree(PEN).add(PEN.append(1, 0), MibValue.octets(big)).build());
        provider.put("failing", new MibView() {
            @Override
            public MibValue get(Oid oid) {
                throw new IllegalStateException("broken");
            }

            @Override
            public VarBind next(Oid from, boolean include, Oid end) {
                throw new IllegalStateException("broken");
            }

            @Override
            public List<Oid> subtrees() {
                return List.of(PEN);
            }
        });
        for (String context : new String[] {"big", "failing"}) {
            byte[] req = request(context, ByteOrder.BIG_ENDIAN, 1, new SearchRange(PEN, false, null));
            assertEquals(null, fastAnswer(req), context);
            int error = ((Payload.Response) AgentxCodec.decode(ByteBuffer.wrap(generalAnswer(req))).payload()).error();
            assertEquals(context.equals("big") ? Payload.Response.TOO_BIG : Payload.Response.GEN_ERR, error);
        }
    }

    /**
     * Mutated GetNexts: whatever the fast path takes, the general path decodes without error and
     * answers with the same bytes; whatever it leaves, it leaves unconsumed; it never throws.
     */
    @Test
    void mutatedGetNextsAreAnsweredAsTheGeneralPathOrLeftToIt() throws Exception {
        Random rnd = new Random(11);
        List<VarBind> bindings = TestViews.bindings(1);
        int taken = 0;
        int left = 0;
        for (int i = 0; i < 40_000; i++) {
            Oid start = bindings.get(rnd.nextInt(bindings.size())).oid();
            Oid end = rnd.nextBoolean() ? null : PEN.append(1 + rnd.nextInt(22));
            String context = rnd.nextInt(4) == 0 ? "ns1" : null;
            ByteOrder order = rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            byte[] b = request(context, order, i, new SearchRange(start, rnd.nextBoolean(), end));
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                b[rnd.nextInt(b.length)] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : rnd.nextInt(3));
            }
            if (rnd.nextInt(4) == 0) { // a payload_length that cuts the PDU anywhere, in the PDU's own byte order
                ByteBuffer.wrap(b).order((b[2] & AgentxHeader.FLAG_NETWORK_BYTE_ORDER) != 0 ? ByteOrder.BIG_ENDIAN
                        : ByteOrder.LITTLE_ENDIAN).putInt(16, rnd.nextInt(b.length - AgentxHeader.SIZE + 1));
            }
            byte[] actual = fastAnswer(b);
            if (actual == null) {
                left++;
                continue;
            }
            taken++;
            byte[] expected;
            try {
                expected = generalAnswer(b);
            } catch (AgentxParseException e) {
                throw new AssertionError("the fast path answered a PDU the general path refuses: " + e, e);
            }
            assertArrayEquals(expected, actual);
        }
        assertTrue(taken > 1_000 && left > 1_000, "taken " + taken + ", left " + left);
        assertEquals(general.requests(), handler.requests());
    }
}
