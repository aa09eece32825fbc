package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Views built from equal names share one array per name; content and order stay as built. */
class ArcsInternerTest {
    private static SortedMibView view(long counter) {
        return SortedMibView.builder()
                .add(Oid.parse("1.3.6.1.2.1.2.2.1.10.2"), MibValue.counter32(counter))
                .add(Oid.parse("1.3.6.1.2.1.2.2.1.2.1"), MibValue.string("lo"))
                .add(Oid.parse("1.3.6.1.2.1.2.2.1.2.2"), MibValue.string("eth0"))
                .build();
    }

    @Test
    void twoViewsWithTheSameNamesShareTheirArrays() {
        SortedMibView a = view(5);
        SortedMibView b = view(7); // e.g. the next snapshot of the same namespace, or another pod
        assertEquals(3, b.size());
        for (int i = 0; i < a.size(); i++) {
            assertSame(a.nameAt(i).arcsUnsafe(), b.nameAt(i).arcsUnsafe(), "name " + a.nameAt(i));
        }
        // order and content as built
        assertEquals(List.of("1.3.6.1.2.1.2.2.1.2.1", "1.3.6.1.2.1.2.2.1.2.2", "1.3.6.1.2.1.2.2.1.10.2"),
                List.of(b.nameAt(0).toString(), b.nameAt(1).toString(), b.nameAt(2).toString()));
        assertEquals(MibValue.counter32(7), b.get(Oid.parse("1.3.6.1.2.1.2.2.1.10.2")));
    }

    @Test
    void equalContentGivesTheFirstArrayDifferentContentItsOwn() {
        int[] first = {1, 3, 6, 1, 99, 424242};
        int[] same = first.clone();
        int[] other = {1, 3, 6, 1, 99, 424243};
        assertSame(first, ArcsInterner.intern(first));
        assertSame(first, ArcsInterner.intern(same));
        int[] o = ArcsInterner.intern(other);
        assertNotSame(first, o);
        assertArrayEquals(new int[] {1, 3, 6, 1, 99, 424243}, o);
    }
}
