package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class SortedMibViewTest {
    static final Oid TABLE = Oid.parse("1.3.6.1.2.1.2.2");
    static final Oid DESCR = TABLE.append(1, 2);
    static final Oid MTU = TABLE.append(1, 4);
    static final Oid NUMBER = Oid.parse("1.3.6.1.2.1.2.1");

    static SortedMibView view() {
        return SortedMibView.builder()
                .subtree(NUMBER).subtree(TABLE)
                .object(NUMBER).object(DESCR).object(MTU)
                .add(MTU.append(10), MibValue.integer(1500))
                .add(DESCR.append(2), MibValue.string("eth0"))
                .add(NUMBER.append(0), MibValue.integer(2))
                .add(DESCR.append(10), MibValue.string("veth9"))
                .add(MTU.append(2), MibValue.integer(9000))
                .build();
    }

    @Test
    void getDistinguishesMissingInstanceFromMissingObject() {
        SortedMibView v = view();
        assertEquals(MibValue.string("eth0"), v.get(DESCR.append(2)));
        assertSame(MibValue.NO_SUCH_INSTANCE, v.get(DESCR.append(3)));
        assertSame(MibValue.NO_SUCH_INSTANCE, v.get(DESCR), "the column itself is not an instance");
        assertSame(MibValue.NO_SUCH_INSTANCE, v.get(NUMBER.append(1)));
        assertSame(MibValue.NO_SUCH_OBJECT, v.get(TABLE.append(1, 3, 2)), "column 3 is not defined");
        assertSame(MibValue.NO_SUCH_OBJECT, v.get(Oid.parse("1.3.6.1.2.1.1.5.0")));
    }

    @Test
    void nextWalksInNumericOrder() {
        SortedMibView v = view();
        Oid cur = Oid.parse("1.3");
        StringBuilder seen = new StringBuilder();
        for (VarBind vb; (vb = v.next(cur, false, null)) != null; cur = vb.oid()) {
            seen.append(vb.oid().suffix(8)).append(' ');
        }
        assertEquals("0 1.2.2 1.2.10 1.4.2 1.4.10 ", seen.toString(), "ifNumber.0, then column by column, rows by numeric index");
    }

    @Test
    void nextHonoursIncludeAndExclusiveEnd() {
        SortedMibView v = view();
        assertEquals(DESCR.append(2), v.next(DESCR.append(2), true, null).oid());
        assertEquals(DESCR.append(10), v.next(DESCR.append(2), false, null).oid());
        assertNull(v.next(DESCR.append(2), false, DESCR.append(10)), "end is exclusive");
        assertEquals(DESCR.append(10), v.next(DESCR.append(2), false, DESCR.append(10, 0)).oid());
        assertNull(v.next(MTU.append(10), false, null));
    }

    @Test
    void subtreesAreSortedAndDisjoint() {
        SortedMibView v = SortedMibView.builder().subtree(TABLE).subtree(TABLE.append(1)).subtree(NUMBER).build();
        assertEquals(List.of(NUMBER, TABLE), v.subtrees());
    }

    @Test
    void duplicatesAndExceptionValuesAreRejected() {
        assertThrows(IllegalStateException.class, () -> SortedMibView.builder()
                .add(NUMBER.append(0), MibValue.integer(1)).add(NUMBER.append(0), MibValue.integer(2)).build());
        assertThrows(IllegalArgumentException.class, () -> SortedMibView.builder().add(NUMBER, MibValue.NO_SUCH_OBJECT));
    }

    @Test
    void memoComputesOncePerKey() {
        SortedMibView v = view();
        AtomicInteger calls = new AtomicInteger();
        Object a = v.memo("k", x -> calls.incrementAndGet());
        Object b = v.memo("k", x -> calls.incrementAndGet());
        assertEquals(a, b);
        assertEquals(1, calls.get());
    }

    /**
     * A memo already computed is returned as it is, without compute and without allocating: PreEncodedView.of asks
     * for it on every request (a capturing lambda per call was ~0.3 MB of a spaced NMS poll's allocation).
     */
    @Test
    void memoHitReturnsTheSameObjectWithoutComputingOrAllocating() {
        SortedMibView v = view();
        AtomicInteger calls = new AtomicInteger();
        Function<SortedMibView, Object> compute = x -> {
            calls.incrementAndGet();
            return new Object();
        };
        Object first = v.memo(SortedMibViewTest.class, compute);
        assertSame(first, v.memo(SortedMibViewTest.class, compute));
        assertSame(first, v.memoIfPresent(SortedMibViewTest.class));
        assertEquals(1, calls.get());

        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled(), "no per-thread allocation counts");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int hits = 10_000;
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < hits; i++) {
            if (v.memo(SortedMibViewTest.class, compute) != first) {
                throw new AssertionError("hit " + i);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(1, calls.get());
        assertTrue(allocated < hits, allocated + " bytes for " + hits + " hits (a lambda per hit: 24 bytes each)");
    }

    @Test
    void compositeRoutesGetAndMergesNext() {
        Oid health = Oid.parse("1.3.6.1.4.1.8072.9999.9999.7");
        SortedMibView h = SortedMibView.builder().subtree(health).object(health.append(1))
                .add(health.append(1, 0), MibValue.gauge32(5)).build();
        CompositeView c = new CompositeView(List.of(h, view()));
        assertEquals(List.of(NUMBER, TABLE, health), c.subtrees());
        assertEquals(MibValue.gauge32(5), c.get(health.append(1, 0)));
        assertSame(MibValue.NO_SUCH_INSTANCE, c.get(health.append(1, 1)));
        assertEquals(MibValue.integer(1500), c.get(MTU.append(10)));
        assertEquals(health.append(1, 0), c.next(MTU.append(10), false, null).oid());
        assertEquals(NUMBER.append(0), c.next(Oid.parse("1"), false, null).oid());
        assertNull(c.next(health.append(1, 0), false, null));
        assertThrows(IllegalArgumentException.class, () -> new CompositeView(List.of(view(), view())));
    }

    @Test
    void valueConstructorsKeepSmiRanges() {
        assertEquals(5L, MibValue.counter32((1L << 32) + 5).number(), "Counter32 wraps");
        assertEquals(0xFFFF_FFFFL, MibValue.gauge32(1L << 40).number(), "Gauge32 latches at its maximum");
        assertEquals(0L, MibValue.gauge32(-3).number());
        assertEquals("Counter64: 18446744073709551615", MibValue.counter64(-1L).toString());
        assertThrows(IllegalArgumentException.class, () -> MibValue.ipAddress(new byte[3]));
    }
}
