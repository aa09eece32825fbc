package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The compact name layout (declared object + shared instance suffix) answers exactly like a sorted
 * list of whole names, whatever order bindings are added in and whether or not a name is under a
 * declared object; and the rows of a table share one suffix array across its columns.
 */
class SortedMibViewLayoutTest {
    private static final Oid ENTRY = Oid.parse("1.3.6.1.2.1.4.34.1");
    private static final Oid SCALAR = Oid.parse("1.3.6.1.2.1.4.1");

    @Test
    void rowsShareOneSuffixAcrossColumns() {
        SortedMibView.Builder b = SortedMibView.builder().subtree(ENTRY);
        for (int c = 1; c <= 10; c++) {
            b.object(ENTRY.append(c));
        }
        for (int c = 1; c <= 10; c++) {
            for (int row = 1; row <= 100; row++) {
                b.add(ENTRY.append(c).append(2, 16, 254, 128, 0, 0, 0, 0, 0, 0, row, 0, 0, 0, 0, 0, 0, 1), MibValue.integer(row));
            }
        }
        SortedMibView v = b.build();
        assertEquals(1000, v.size());
        assertEquals(100, v.distinctSuffixArrays(), "one index array per row, not per binding");
        assertEquals(ENTRY.append(3).append(2, 16, 254, 128, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 1), v.nameAt(206), "column 3, row 7");
    }

    @Test
    void answersLikeASortedListOfWholeNames() {
        Random rnd = new Random(11);
        SortedMibView.Builder b = SortedMibView.builder().subtree(Oid.of(1));
        List<Oid> objects = new ArrayList<>();
        for (int c = 1; c <= 6; c += 2) { // columns 1, 3, 5 are declared; 2, 4 are not (names kept whole)
            objects.add(Oid.of(1, 3, c));
        }
        objects.add(SCALAR);
        objects.forEach(b::object);
        List<Oid> names = new ArrayList<>();
        while (names.size() < 400) {
            Oid o = rnd.nextInt(10) == 0 ? SCALAR.append(0)
                    : Oid.of(1, 3, 1 + rnd.nextInt(5)).append(rnd.nextInt(4), rnd.nextInt(30));
            if (!names.contains(o)) {
                names.add(o);
            }
        }
        Collections.shuffle(names, rnd);
        for (Oid n : names) {
            b.add(n, MibValue.string(n.toString()));
        }
        SortedMibView v = b.build();
        names.sort(null);
        assertEquals(names.size(), v.size());
        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.get(i), v.nameAt(i));
            assertEquals(MibValue.string(names.get(i).toString()), v.get(names.get(i)));
        }
        assertSame(MibValue.NO_SUCH_INSTANCE, v.get(Oid.of(1, 3, 1, 9, 9)), "declared column, no such row");
        assertSame(MibValue.NO_SUCH_OBJECT, v.get(Oid.of(1, 3, 2, 9, 9)), "undeclared column");
        Oid cur = Oid.of(1);
        int seen = 0;
        for (VarBind vb; (vb = v.next(cur, false, null)) != null; cur = vb.oid()) {
            assertEquals(names.get(seen++), vb.oid());
        }
        assertEquals(names.size(), seen);
        assertNull(v.next(names.get(0), true, names.get(0)), "end is exclusive");
    }

    @Test
    void duplicatesAreRejectedUnderADeclaredObject() {
        assertThrows(IllegalStateException.class, () -> SortedMibView.builder().object(SCALAR)
                .add(SCALAR.append(0), MibValue.integer(1)).add(Oid.of(1), MibValue.integer(0))
                .add(SCALAR.append(0), MibValue.integer(2)).build());
    }
}
