package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.TestMibProvider;

class RequestHandlerTest {
    private final TestMibProvider provider = new TestMibProvider(TestViews.view(1));
    private final RequestHandler handler = new RequestHandler(provider);
    private static final Oid PEN = TestViews.PEN;

    private Payload.Response ask(PduType type, String ctx, Payload p) {
        Pdu req = new Pdu(type, 0, 11, 22, 33, ctx, p);
        Pdu resp = handler.handle(req);
        assertEquals(PduType.RESPONSE, resp.type());
        assertEquals(11, resp.sessionId());
        assertEquals(22, resp.transactionId());
        assertEquals(33, resp.packetId());
        assertNull(resp.context());
        return (Payload.Response) resp.payload();
    }

    private Payload.Response next(SearchRange... ranges) {
        return ask(PduType.GET_NEXT, null, new Payload.Ranges(List.of(ranges)));
    }

    @Test
    void getDistinguishesMissingInstanceAndObject() {
        Payload.Response r = ask(PduType.GET, null, new Payload.Ranges(List.of(
                new SearchRange(PEN.append(1, 0), false, null),
                new SearchRange(PEN.append(1, 1), false, null),
                new SearchRange(PEN.append(99, 0), false, null))));
        assertEquals(0, r.error());
        assertEquals(List.of(AxVarBind.of(PEN.append(1, 0), MibValue.integer(1)),
                AxVarBind.of(PEN.append(1, 1), MibValue.NO_SUCH_INSTANCE),
                AxVarBind.of(PEN.append(99, 0), MibValue.NO_SUCH_OBJECT)), r.varBinds());
    }

    @Test
    void getNextHonoursIncludeEndAndNamesEndOfMibViewWithStart() {
        Oid first = PEN.append(1, 0);
        assertEquals(first, next(new SearchRange(first, true, null)).varBinds().get(0).name());
        assertEquals(PEN.append(2, 0), next(new SearchRange(first, false, null)).varBinds().get(0).name());
        assertEquals(first, next(new SearchRange(PEN, true, null)).varBinds().get(0).name());
        // end is exclusive: [1.0, 2.0) excluding 1.0 is empty
        AxVarBind eov = next(new SearchRange(first, false, PEN.append(2, 0))).varBinds().get(0);
        assertEquals(AxVarBind.END_OF_MIB_VIEW, eov.type());
        assertEquals(first, eov.name());
        // past our last instance
        Oid last = TestViews.SMALL_TABLE.append(2, TestViews.SMALL_ROWS);
        AxVarBind end = next(new SearchRange(last, false, null)).varBinds().get(0);
        assertEquals(AxVarBind.END_OF_MIB_VIEW, end.type());
        assertEquals(last, end.name());
        // a range starting in the middle of a table, as after a foreign registration split it
        assertEquals(TestViews.BIG_TABLE.append(2, 1),
                next(new SearchRange(TestViews.BIG_TABLE.append(1, TestViews.BIG_ROWS), false, PEN.append(21))).varBinds().get(0).name());
    }

    @Test
    void getBulkRepeatsAndStopsAtEnd() {
        Payload.Response r = ask(PduType.GET_BULK, null, new Payload.Bulk(1, 3, List.of(
                new SearchRange(PEN, false, null),
                new SearchRange(TestViews.SMALL_TABLE.append(1, TestViews.SMALL_ROWS - 1), false, TestViews.SMALL_TABLE.append(2)),
                new SearchRange(TestViews.SMALL_TABLE.append(2), false, null))));
        List<AxVarBind> v = r.varBinds();
        assertEquals(1 + 3 * 2, v.size());
        assertEquals(PEN.append(1, 0), v.get(0).name());
        assertEquals(TestViews.SMALL_TABLE.append(1, TestViews.SMALL_ROWS), v.get(1).name());
        assertEquals(TestViews.SMALL_TABLE.append(2, 1), v.get(2).name());
        assertEquals(AxVarBind.END_OF_MIB_VIEW, v.get(3).type());
        assertEquals(TestViews.SMALL_TABLE.append(2, 2), v.get(4).name());
        assertEquals(TestViews.SMALL_TABLE.append(2, 3), v.get(6).name());
    }

    @Test
    void getBulkKeepsResponsesUnder64KiB() {
        Payload.Response r = ask(PduType.GET_BULK, null, new Payload.Bulk(0, 500, List.of(new SearchRange(PEN.append(11), false, null))));
        int size = AgentxCodec.encodedSize(new Pdu(PduType.RESPONSE, 0, 0, 0, 0, null, r));
        assertTrue(size <= RequestHandler.MAX_RESPONSE_BYTES, "size " + size);
        assertEquals(PEN.append(12, 0), r.varBinds().get(1).name()); // the 60 KB string fits once
        // then fewer repetitions than asked: stopped by size, not by the end of the view
        assertTrue(r.varBinds().size() > 2 && r.varBinds().size() < 500, "rows " + r.varBinds().size());
        assertTrue(size + 1000 > RequestHandler.MAX_RESPONSE_BYTES, "filled up to the cap: " + size);
    }

    @Test
    void oversizedGetIsTooBigNotDropped() {
        Payload.Response r = next(new SearchRange(PEN.append(12, 0), true, null), new SearchRange(PEN.append(12, 0), true, null));
        assertEquals(Payload.Response.TOO_BIG, r.error());
        assertEquals(2, r.varBinds().size());
        // one 60 KB value alone fits
        assertEquals(0, next(new SearchRange(PEN.append(12, 0), true, null)).error());
    }

    @Test
    void setPhases() {
        Payload.Response test = ask(PduType.TEST_SET, "nsA", new Payload.VarBinds(List.of(AxVarBind.of(PEN.append(1, 0), MibValue.integer(5)))));
        assertEquals(17, test.error());
        assertEquals(1, test.index());
        assertEquals(0, ask(PduType.COMMIT_SET, null, Payload.Empty.INSTANCE).error());
        assertEquals(0, ask(PduType.UNDO_SET, null, Payload.Empty.INSTANCE).error());
        assertNull(handler.handle(new Pdu(PduType.CLEANUP_SET, 0, 1, 2, 3, null, Payload.Empty.INSTANCE)));
        assertEquals(Payload.Response.PROCESSING_ERROR, ask(PduType.PING, null, Payload.Empty.INSTANCE).error());
    }

    @Test
    void contextsAndUnknownContext() {
        provider.put("nsA", TestViews.view(2));
        Payload.Response r = ask(PduType.GET, "nsA", new Payload.Ranges(List.of(new SearchRange(PEN.append(1, 0), false, null))));
        assertEquals(MibValue.integer(2), r.varBinds().get(0).value());
        r = ask(PduType.GET, "gone", new Payload.Ranges(List.of(new SearchRange(PEN.append(1, 0), false, null))));
        assertEquals(AxVarBind.NO_SUCH_OBJECT, r.varBinds().get(0).type());
        r = ask(PduType.GET_NEXT, "gone", new Payload.Ranges(List.of(new SearchRange(PEN, true, null))));
        assertEquals(AxVarBind.END_OF_MIB_VIEW, r.varBinds().get(0).type());
    }
}
