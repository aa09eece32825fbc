package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

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

    /**
     * add(column, index, value) builds the view add(column.append(index), value) builds: the same names in any
     * add order, under declared columns and undeclared ones (whose whole name is kept: it must not be the
     * builder's reused scratch array), with and without a previous view to reuse, whose name arrays are
     * shared when every name matches.
     */
    @Test
    void addingByColumnAndIndexBuildsTheSameView() {
        Random rnd = new Random(23);
        for (int round = 0; round < 20; round++) {
            List<Oid> columns = new ArrayList<>();
            for (int c = 1; c <= 6; c++) {
                columns.add(Oid.of(1, 3, 6, 1, 2, 1, 2, 2, 1, c));
            }
            columns.add(Oid.of(1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 1));
            // undeclared, and as long as the scratch's first size less one: a name that fills the scratch exactly
            columns.add(Oid.of(1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 1, 2, 3, 4, 5, 6));
            // longer than the scratch: it grows
            columns.add(Oid.of(1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
            List<int[]> bindings = new ArrayList<>(); // column number, index
            for (int c = 0; c < columns.size(); c++) {
                for (int row = 1; row <= 40; row++) {
                    if (rnd.nextInt(4) != 0) {
                        bindings.add(new int[] {c, row * (1 + rnd.nextInt(3)) + (rnd.nextBoolean() ? 0 : -1 >>> 1)});
                    }
                }
            }
            bindings = new ArrayList<>(bindings.stream().collect(Collectors.toMap(
                    b -> columns.get(b[0]).append(b[1]), b -> b, (x, y) -> x, LinkedHashMap::new)).values());
            List<Oid> expected = bindings.stream().map(b -> columns.get(b[0]).append(b[1])).sorted().collect(Collectors.toList());
            if (round % 2 == 1) {
                Collections.shuffle(bindings, rnd);
            } else { // in OID order, as the table builders add: the path that shares the previous view's arrays
                bindings.sort((x, y) -> columns.get(x[0]).append(x[1]).compareTo(columns.get(y[0]).append(y[1])));
            }
            SortedMibView previous = null;
            for (int pass = 0; pass < 3; pass++) {
                // pass 2: some rows gone and some names added whole in between (the column's short way must stop
                // and restart), against the previous view of pass 1
                List<int[]> these = pass < 2 ? bindings : bindings.stream().filter(b -> rnd.nextInt(8) != 0).collect(Collectors.toList());
                List<Oid> want = these.stream().map(b -> columns.get(b[0]).append(b[1])).sorted().collect(Collectors.toList());
                SortedMibView.Builder whole = SortedMibView.builder(previous);
                SortedMibView.Builder byColumn = SortedMibView.builder(previous);
                for (int c = 0; c < columns.size(); c += 2) { // columns 0, 2, 4, 6, 8 declared; 1, 3, 5, 7 not
                    whole.object(columns.get(c));
                    byColumn.object(columns.get(c));
                }
                for (int[] b : these) {
                    Oid column = columns.get(b[0]);
                    MibValue v = MibValue.integer(pass == 0 ? b[1] : b[1] + b[0] + pass);
                    whole.add(column.append(b[1]), v);
                    if (pass == 2 && rnd.nextInt(10) == 0) {
                        byColumn.add(column.append(b[1]), v);
                    } else {
                        byColumn.add(column, b[1], v);
                    }
                }
                SortedMibView a = whole.build();
                SortedMibView z = byColumn.build();
                assertEquals(want.size(), z.size());
                for (int i = 0; i < a.size(); i++) {
                    assertEquals(want.get(i), z.nameAt(i), "binding " + i);
                    assertEquals(a.nameAt(i), z.nameAt(i), "binding " + i);
                    assertEquals(a.valueAt(i), z.valueAt(i), "binding " + i);
                }
                assertEquals(a.distinctSuffixArrays(), z.distinctSuffixArrays(), "suffixes shared alike");
                if (pass == 1) {
                    assertEquals(round % 2 == 0, z.sharesNamesWith(previous), "in order, every name matched the previous view's: its arrays serve");
                }
                if (previous != null) {
                    assertEquals(a.sharesNamesWith(previous), z.sharesNamesWith(previous));
                    int sameValues = 0;
                    int sameValuesWhole = 0;
                    for (int i = 0; i < z.size(); i++) {
                        sameValues += z.valueAt(i) == previous.valueAt(Math.min(i, previous.size() - 1)) ? 1 : 0;
                        sameValuesWhole += a.valueAt(i) == previous.valueAt(Math.min(i, previous.size() - 1)) ? 1 : 0;
                    }
                    assertEquals(sameValuesWhole, sameValues, "previous values taken over alike");
                }
                previous = z;
            }
        }
    }

    @Test
    void theNextRowOfAColumnIsStillCheckedForOrderAndAgainstThePreviousViewsColumn() {
        Oid c1 = ENTRY.append(1);
        Oid c2 = ENTRY.append(2);
        Oid c3 = ENTRY.append(3);
        // the only step out of order is between two rows of one column
        SortedMibView.Builder b = SortedMibView.builder().object(c1).object(c2);
        b.add(c1, 1, MibValue.integer(1)).add(c1, 3, MibValue.integer(3)).add(c1, 2, MibValue.integer(2)).add(c2, 1, MibValue.integer(4));
        SortedMibView v = b.build();
        assertEquals(List.of(c1.append(1), c1.append(2), c1.append(3), c2.append(1)),
                List.of(v.nameAt(0), v.nameAt(1), v.nameAt(2), v.nameAt(3)));

        // the previous view has the same row indexes at the same positions, under other columns
        SortedMibView.Builder p = SortedMibView.builder().object(c1).object(c2).object(c3);
        p.add(c1, 1, MibValue.integer(7)).add(c2, 2, MibValue.integer(7)).add(c3, 3, MibValue.integer(7));
        SortedMibView previous = p.build();
        SortedMibView.Builder n = SortedMibView.builder(previous).object(c1).object(c2).object(c3);
        n.add(c1, 1, MibValue.integer(7)).add(c1, 2, MibValue.integer(7)).add(c1, 3, MibValue.integer(7));
        SortedMibView next = n.build();
        assertEquals(List.of(c1.append(1), c1.append(2), c1.append(3)), List.of(next.nameAt(0), next.nameAt(1), next.nameAt(2)));
        assertFalse(next.sharesNamesWith(previous));
    }

    @Test
    void anExceptionValueByColumnAndIndexIsRefusedWithItsName() {
        SortedMibView.Builder b = SortedMibView.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.add(ENTRY.append(3), 7, MibValue.NO_SUCH_INSTANCE));
        assertTrue(e.getMessage().endsWith(ENTRY.append(3, 7).toString()), e.getMessage());
    }

    /**
     * {@code addPreviousValue}: the previous view's value of that very name, on a column's next row only; false (and
     * nothing added) for a column's first row, a name the previous view does not hold at that position, no previous view.
     */
    @Test
    void addPreviousValueTakesThePreviousValueOfThatNameOnly() {
        Oid col1 = Oid.parse("1.3.6.1.2.1.99.1.1");
        Oid col2 = Oid.parse("1.3.6.1.2.1.99.1.2");
        SortedMibView.Builder b0 = SortedMibView.builder().object(col1).object(col2);
        for (Oid c : List.of(col1, col2)) {
            for (int r = 1; r <= 4; r++) {
                b0.add(c, r, MibValue.integer(r * 10 + c.get(c.size() - 1)));
            }
        }
        SortedMibView previous = b0.build();
        SortedMibView.Builder b = SortedMibView.builder(previous).object(col1).object(col2);
        assertFalse(SortedMibView.builder().object(col1).addPreviousValue(col1, 1), "no previous view");
        assertFalse(b.addPreviousValue(col1, 1), "a column's first row is not the short way");
        b.add(col1, 1, MibValue.integer(99));
        assertTrue(b.addPreviousValue(col1, 2));
        assertFalse(b.addPreviousValue(col1, 4), "position 2 holds row 3 in the previous view");
        assertFalse(b.addPreviousValue(col2, 3), "another column than the last added");
        b.add(col1, 3, MibValue.integer(7));
        assertTrue(b.addPreviousValue(col1, 4));
        b.add(col2, 1, MibValue.integer(12));
        for (int r = 2; r <= 4; r++) {
            assertTrue(b.addPreviousValue(col2, r));
        }
        SortedMibView v = b.build();
        assertEquals(8, v.size());
        assertEquals(MibValue.integer(99), v.get(col1.append(1)));
        assertSame(previous.valueAt(1), v.valueAt(1), "row 2: the previous object");
        assertEquals(MibValue.integer(7), v.get(col1.append(3)));
        assertSame(previous.valueAt(3), v.valueAt(3));
        for (int i = 5; i < 8; i++) {
            assertSame(previous.valueAt(i), v.valueAt(i));
        }
    }
}
