package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * A builder with a previous view writes no name arrays of its own while every name is the previous view's at the
 * same position (a refresh that only moved counters: its view takes the previous view's name arrays), and once a
 * name differs it writes them as if it had from the start: the view is the fresh build's binding by binding, the
 * previous view's suffix array and equal value object are kept where the name is the previous view's at that
 * position, and a new suffix is shared with the previous column's equal one.
 */
class BuilderNameReuseTest {
    private static final Oid NUMBER = Oid.parse("1.3.6.1.2.1.2.1");
    private static final Oid ENTRY = Oid.parse("1.3.6.1.2.1.2.2.1");
    private static final Oid UNDECLARED = Oid.parse("1.3.6.1.4.1.8072.1.2");
    private static final int COLUMNS = 6;
    private static final int ROWS = 100;

    /** One step of a build: a binding, added by column and index or as a whole name, or a late object declaration. */
    private record Step(Oid column, int index, MibValue value, boolean whole) {
        static Step declare(Oid object) {
            return new Step(object, 0, null, false);
        }

        void to(SortedMibView.Builder b) {
            if (value == null) {
                b.object(column);
            } else if (whole) {
                b.add(column.append(index), value);
            } else {
                b.add(column, index, value);
            }
        }

        Oid name() {
            return column.append(index);
        }
    }

    /** One object per column, as the table builders hold them: the builder takes a column's next row the short way. */
    private static final Oid[] COLUMN_OIDS = new Oid[COLUMNS + 1];

    static {
        for (int c = 1; c <= COLUMNS; c++) {
            COLUMN_OIDS[c] = ENTRY.append(c);
        }
    }

    private static Oid column(int c) {
        return COLUMN_OIDS[c];
    }

    /**
     * ifNumber.0, columns 1–6 of rows 2, 4, …, 200 (every third binding added as a whole name), then an undeclared
     * name; the values are those of {@code generation}, every seventh binding moving with it.
     */
    private static List<Step> steps(int generation) {
        List<Step> out = new ArrayList<>();
        out.add(new Step(NUMBER, 0, MibValue.integer(ROWS), true));
        for (int c = 1; c <= COLUMNS; c++) {
            for (int r = 1; r <= ROWS; r++) {
                out.add(new Step(column(c), 2 * r, counter(c, 2 * r, generation), out.size() % 3 == 0));
            }
        }
        out.add(new Step(UNDECLARED, 3, MibValue.string("x"), true));
        return out;
    }

    private static MibValue counter(int c, int index, int generation) {
        return MibValue.counter32(c * 100_000L + index + ((c * 1000 + index) % 7 == 0 ? generation : 0));
    }

    /** A builder with the subtrees and objects declared, but for the columns {@code steps} declare late. */
    private static SortedMibView.Builder declared(SortedMibView previous, List<Step> steps) {
        SortedMibView.Builder b = SortedMibView.builder(previous).subtree(NUMBER).subtree(ENTRY).subtree(UNDECLARED).object(NUMBER);
        for (int c = 1; c <= COLUMNS; c++) {
            Oid column = column(c);
            if (steps.stream().noneMatch(s -> s.value() == null && s.column().equals(column))) {
                b.object(column);
            }
        }
        return b;
    }

    private static SortedMibView.Builder builder(SortedMibView previous, List<Step> steps) {
        SortedMibView.Builder b = declared(previous, steps);
        steps.forEach(s -> s.to(b));
        return b;
    }

    private static SortedMibView previous() {
        return builder(null, steps(1)).build();
    }

    /** Steps of generation 2 with {@code change} applied to the list. */
    private static List<Step> changed(Consumer<List<Step>> change) {
        List<Step> s = new ArrayList<>(steps(2));
        change.accept(s);
        return s;
    }

    /** The index in {@code steps} of {@code column(c)}'s binding at {@code index}. */
    private static int at(List<Step> steps, int c, int index) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).value() != null && steps.get(i).name().equals(column(c).append(index))) {
                return i;
            }
        }
        throw new AssertionError("no " + column(c).append(index));
    }

    /** {@code rebuilt} holds the fresh build's bindings, name and value, in the same order, and answers GET alike. */
    private static void assertAsFresh(SortedMibView fresh, SortedMibView rebuilt) {
        assertEquals(fresh.size(), rebuilt.size());
        for (int i = 0; i < fresh.size(); i++) {
            assertEquals(fresh.nameAt(i), rebuilt.nameAt(i), "binding " + i);
            assertArrayEquals(fresh.prefixAt(i), rebuilt.prefixAt(i), "binding " + i);
            assertEquals(fresh.valueAt(i), rebuilt.valueAt(i), "binding " + i);
            assertEquals(fresh.valueAt(i), rebuilt.get(fresh.nameAt(i)));
        }
        assertSame(MibValue.NO_SUCH_INSTANCE, rebuilt.get(column(1).append(999)));
        assertEquals(fresh.subtrees(), rebuilt.subtrees());
    }

    /**
     * For {@code steps} added in OID order against {@code previous}, what the builder keeps from it and shares: binding
     * {@code i} named as the previous view's binding {@code i} holds that binding's suffix array, and its value object
     * when equal, else the value added; any other suffix is the previous column's equal one when that column has it.
     */
    private static void assertReuseAndSharing(SortedMibView previous, List<Step> steps, SortedMibView rebuilt) {
        List<Step> added = steps.stream().filter(s -> s.value() != null).toList();
        int runStart = 0;
        int previousRunStart = 0;
        for (int i = 0; i < rebuilt.size(); i++) {
            if (i > 0 && rebuilt.prefixAt(i) != rebuilt.prefixAt(i - 1)) {
                previousRunStart = runStart;
                runStart = i;
            }
            String what = "binding " + i + " " + rebuilt.nameAt(i);
            boolean sameName = i < previous.size() && previous.nameAt(i).equals(rebuilt.nameAt(i));
            MibValue value = added.get(i).value();
            if (sameName) {
                assertSame(previous.suffixAt(i), rebuilt.suffixAt(i), what);
                assertSame(previous.valueAt(i).equals(value) ? previous.valueAt(i) : value, rebuilt.valueAt(i), what);
                continue;
            }
            assertSame(value, rebuilt.valueAt(i), what);
            for (int j = previousRunStart; j < runStart; j++) {
                if (Arrays.equals(rebuilt.suffixAt(j), rebuilt.suffixAt(i))) {
                    assertSame(rebuilt.suffixAt(j), rebuilt.suffixAt(i), what + ": shared with the previous column's");
                }
            }
        }
    }

    @Test
    void aRebuildWithTheSameNamesWritesNoNamesAndSharesThePreviousOnes() {
        SortedMibView previous = previous();
        List<Step> steps = steps(2);
        SortedMibView.Builder b = builder(previous, steps);
        assertFalse(b.namesWritten(), "every name the previous view's: no name arrays of its own");
        SortedMibView rebuilt = b.build();
        assertTrue(rebuilt.sharesNamesWith(previous));
        assertAsFresh(builder(null, steps).build(), rebuilt);
        assertReuseAndSharing(previous, steps, rebuilt);
        int moved = 0;
        for (int i = 0; i < rebuilt.size(); i++) {
            moved += rebuilt.valueAt(i) == previous.valueAt(i) ? 0 : 1;
        }
        assertTrue(moved > 0 && moved < rebuilt.size() / 4, moved + " values moved");

        // rows taken from the previous view without their values computed (the IF-MIB builder's way) write no names either
        SortedMibView.Builder taking = declared(rebuilt, steps);
        int taken = 0;
        for (Step s : steps) {
            if (s.whole() || !taking.addPreviousValue(s.column(), s.index())) {
                s.to(taking);
            } else {
                taken++;
            }
        }
        assertTrue(taken > ROWS, taken + " taken");
        assertFalse(taking.namesWritten());
        SortedMibView third = taking.build();
        assertTrue(third.sharesNamesWith(previous), "the very arrays of the first view, two builds on");
        assertAsFresh(builder(null, steps).build(), third);
        for (int i = 0; i < third.size(); i++) {
            assertSame(rebuilt.valueAt(i), third.valueAt(i));
        }
    }

    /** The first name unlike the previous view's is in the middle; the names before it were not written until then. */
    @Test
    void aRebuildThatDiffersInTheMiddleIsTheFreshBuild() {
        SortedMibView previous = previous();
        /** {@code sameIds}: our prefix ids are the previous view's, so the names are not written before the first differing one. */
        record Case(String what, List<Step> steps, boolean sameIds) {
            Case(String what, List<Step> steps) {
                this(what, steps, true);
            }
        }
        List<Case> cases = List.of(
                new Case("a row inserted", changed(s -> s.add(at(s, 3, 100) + 1, new Step(column(3), 101, MibValue.counter32(5), false)))),
                new Case("a row removed", changed(s -> s.remove(at(s, 3, 100)))),
                new Case("an index renamed", changed(s -> s.set(at(s, 4, 60), new Step(column(4), 61, MibValue.counter32(6), false)))),
                new Case("the last rows gone (every name the previous view's, fewer)", changed(s -> {
                    s.subList(at(s, COLUMNS, 2 * ROWS - 4), s.size()).clear();
                })),
                new Case("rows more at the end (the arrays grow)", changed(s -> {
                    for (int r = 1; r <= 3 * ROWS; r++) {
                        s.add(new Step(UNDECLARED, 3 + r, MibValue.counter32(r), r % 2 == 0));
                    }
                })),
                new Case("a column declared late (prefix ids unlike the previous view's), a row more at the end", changed(s -> {
                    s.add(at(s, 2, 2), Step.declare(column(2)));
                    s.add(new Step(UNDECLARED, 4, MibValue.integer(4), true));
                }), false),
                new Case("the same names, a column declared late", changed(s -> s.add(at(s, 2, 2), Step.declare(column(2)))), false));
        for (Case k : cases) {
            SortedMibView.Builder b = declared(previous, k.steps());
            int firstDiffering = -1;
            List<Step> added = new ArrayList<>();
            for (Step s : k.steps()) {
                s.to(b);
                if (s.value() == null) {
                    continue;
                }
                added.add(s);
                int i = added.size() - 1;
                if (firstDiffering < 0 && (i >= previous.size() || !previous.nameAt(i).equals(s.name()))) {
                    firstDiffering = i;
                }
                if (firstDiffering < 0 && k.sameIds()) {
                    assertFalse(b.namesWritten(), k.what() + ": the names are still the previous view's at " + i);
                }
            }
            assertTrue(firstDiffering < 0 || b.namesWritten(), k.what());
            SortedMibView rebuilt = b.build();
            assertAsFresh(builder(null, k.steps()).build(), rebuilt);
            assertReuseAndSharing(previous, k.steps(), rebuilt);
            assertEquals(rebuilt.size() == previous.size() && firstDiffering < 0, rebuilt.sharesNamesWith(previous), k.what());
        }
    }

    @Test
    void outOfOrderAddsAndDuplicatesInTheMiddleAreTheFreshBuilds() {
        SortedMibView previous = previous();
        List<Step> swapped = changed(s -> {
            int i = at(s, 3, 50);
            s.set(i, s.set(i + 1, s.get(i)));
        });
        SortedMibView.Builder b = builder(previous, swapped);
        assertTrue(b.namesWritten());
        SortedMibView rebuilt = b.build();
        assertAsFresh(builder(null, swapped).build(), rebuilt);
        assertAsFresh(builder(null, steps(2)).build(), rebuilt);
        assertFalse(rebuilt.sharesNamesWith(previous));

        for (int c : new int[] {1, 3, COLUMNS}) {
            List<Step> duplicate = changed(s -> s.add(at(s, c, 50) + 1, s.get(at(s, c, 50))));
            IllegalStateException fresh = assertThrows(IllegalStateException.class, () -> builder(null, duplicate).build());
            IllegalStateException reused = assertThrows(IllegalStateException.class, () -> builder(previous, duplicate).build());
            assertEquals(fresh.getMessage(), reused.getMessage());
        }
    }
}
