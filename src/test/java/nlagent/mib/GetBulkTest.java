package nlagent.mib;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** The GetBulk walk both frontends share: snmpd's caps, prefix truncation, tooBig, search-range bounds. */
class GetBulkTest {
    private static final SortedMibView VIEW = SortedMibViewTest.view(); // ifNumber.0, ifDescr.2/.10, ifMtu.2/.10
    private static final GetBulk.Limits WIDE = new GetBulk.Limits(1000, 1000);

    private static GetBulk.Result<VarBind> walk(List<GetBulk.Start> starts, int n, int m, GetBulk.Limits l, int budget) {
        return GetBulk.walk(VIEW, starts, n, m, l, budget, Function.identity(), vb -> 10);
    }

    @Test
    void repetitionsFollowSnmpdsFormula() {
        GetBulk.Limits l = new GetBulk.Limits(7, 10);
        assertEquals(7, l.repetitions(Integer.MAX_VALUE, 1));
        assertEquals(3, l.repetitions(Integer.MAX_VALUE, 3));
        assertEquals(0, l.repetitions(Integer.MAX_VALUE, 11), "more repeaters than the response cap: none");
        assertEquals(2, l.repetitions(2, 1));
        assertEquals(0, l.repetitions(-5, 1));
        assertThrows(IllegalArgumentException.class, () -> new GetBulk.Limits(0, 10));
    }

    @Test
    void interleavesRowsAndEndsWithEndOfMibViewNamedByTheLastName() {
        GetBulk.Result<VarBind> r = walk(List.of(GetBulk.Start.after(Oid.parse("1.3")),
                GetBulk.Start.after(SortedMibViewTest.MTU.append(2))), 1, 3, WIDE, 1000);
        List<VarBind> v = r.varBinds();
        assertEquals(SortedMibViewTest.NUMBER.append(0), v.get(0).oid());
        assertEquals(SortedMibViewTest.MTU.append(10), v.get(1).oid());
        assertEquals(MibValue.END_OF_MIB_VIEW, v.get(2).value());
        assertEquals(SortedMibViewTest.MTU.append(10), v.get(2).oid());
        assertEquals(3, v.size(), "stops once every repeater ended");
    }

    @Test
    void capsBoundTheWorkAndBudgetCutsAPrefix() {
        List<GetBulk.Start> one = List.of(GetBulk.Start.after(Oid.parse("1.3")));
        assertEquals(2, walk(one, 0, Integer.MAX_VALUE, new GetBulk.Limits(2, 100), 1000).varBinds().size());
        assertEquals(3, walk(one, 0, Integer.MAX_VALUE, WIDE, 35).varBinds().size(), "3 x 10 bytes fit in 35");
        List<GetBulk.Start> two = List.of(GetBulk.Start.after(Oid.parse("1.3")), GetBulk.Start.after(Oid.parse("1.3")));
        assertTrue(walk(two, 2, 5, WIDE, 15).tooBig(), "non-repeaters that do not fit: tooBig");
        assertEquals(3, walk(two, 0, 5, WIDE, 35).varBinds().size(), "a row may be cut (RFC 3416 4.2.3)");
    }

    @Test
    void searchRangeIncludeAndEndApplyAsInAgentx() {
        Oid d2 = SortedMibViewTest.DESCR.append(2);
        GetBulk.Result<VarBind> r = walk(List.of(new GetBulk.Start(d2, true, SortedMibViewTest.MTU)), 0, 5, WIDE, 1000);
        assertEquals(List.of(d2, SortedMibViewTest.DESCR.append(10), SortedMibViewTest.DESCR.append(10)),
                r.varBinds().stream().map(VarBind::oid).toList());
        assertEquals(MibValue.END_OF_MIB_VIEW, r.varBinds().get(2).value());
        VarBind none = GetBulk.walk(null, List.of(GetBulk.Start.after(d2)), 0, 1, WIDE, 1000, Function.identity(), vb -> 1)
                .varBinds().get(0);
        assertEquals(new VarBind(d2, MibValue.END_OF_MIB_VIEW), none, "no view: endOfMibView");
    }
}
