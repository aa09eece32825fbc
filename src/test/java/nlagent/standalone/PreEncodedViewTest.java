package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;

/**
 * The pre-encoded form of a view ({@link PreEncodedView}) and the run copy of {@link ResponseWriter}:
 * for every start, length and byte budget, a run copied from it is the very octets (and the very
 * count) of the same bindings encoded one by one; a view built from the previous one's names takes
 * the previous octets only for values that are the same object, and lets the previous view go.
 */
class PreEncodedViewTest {
    private static final Oid T = Oid.parse("1.3.6.1.2.1.99");

    /** A table of {@code rows} rows and 6 columns of mixed value types, plus names under no declared object. */
    private static SortedMibView view(int rows, long bump, SortedMibView previous) {
        SortedMibView.Builder b = SortedMibView.builder(previous).subtree(T);
        for (int c = 1; c <= 6; c++) {
            Oid column = T.append(1, c);
            b.object(column);
            for (int r = 1; r <= rows; r++) {
                b.add(column, r * 7, value(c, r, bump));
            }
        }
        b.add(T.append(2, 5, 1), MibValue.integer(-5));
        b.add(T.append(2, 0xFFFF_FFFF), MibValue.counter32(7 + bump));
        return b.build();
    }

    /** Column 3 moves with {@code bump} in every fifth row, column 5 in every row; the rest stays. */
    private static MibValue value(int column, int row, long bump) {
        return switch (column) {
            case 1 -> MibValue.integer(row);
            case 2 -> MibValue.string("veth" + row + "x".repeat(row % 40));
            case 3 -> MibValue.counter32((row * 123_457L + (row % 5 == 0 ? bump : 0)) & 0xFFFF_FFFFL);
            case 4 -> MibValue.oid(Oid.parse("1.3.6.1.4.1." + row));
            case 5 -> MibValue.counter64(row * 1_000_000_007L + bump * row);
            default -> MibValue.octets(new byte[] {2, 0, 0, (byte) row, (byte) (row >> 8), 1});
        };
    }

    /** The octets {@link ResponseWriter#accept} writes for bindings from {@code first} on within {@code budget}, and how many. */
    private static Object[] oneByOne(SortedMibView v, int first, int stop, int budget) {
        ResponseWriter w = new ResponseWriter().start(budget);
        int i = first;
        while (i < stop && w.accept(v.prefixAt(i), v.suffixAt(i), v.valueAt(i))) {
            i++;
        }
        return new Object[] {i - first, varBinds(w)};
    }

    private static Object[] asRun(SortedMibView v, int first, int stop, int budget) {
        ResponseWriter w = new ResponseWriter().start(budget);
        int taken = w.acceptRun(v, first, stop);
        return new Object[] {taken, varBinds(w)};
    }

    /** The varbind octets a writer holds (its message, header cut off: the varbind list is the last part). */
    private static byte[] varBinds(ResponseWriter w) {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(70_000);
        w.messageTo(out, new byte[] {'c'}, 1, 0, 0);
        byte[] all = new byte[out.remaining()];
        out.get(all);
        return Arrays.copyOfRange(all, all.length - w.varBindBytes(), all.length);
    }

    @Test
    void aRunIsTheOctetsAndCountOfItsBindingsEncodedOneByOne() {
        SortedMibView v = view(300, 0, null); // 1,802 bindings: 15 chunks, runs across their borders
        Random random = new Random(11);
        for (int t = 0; t < 3_000; t++) {
            int first = random.nextInt(v.size());
            int stop = Math.min(v.size(), first + 1 + random.nextInt(t % 3 == 0 ? 400 : 40));
            int budget = switch (t % 4) {
                case 0 -> Integer.MAX_VALUE;
                case 1 -> random.nextInt(60); // mostly not even one
                default -> random.nextInt(3_000);
            };
            Object[] expected = oneByOne(v, first, stop, budget);
            Object[] actual = asRun(v, first, stop, budget);
            assertEquals(expected[0], actual[0], "taken from " + first + " to " + stop + " within " + budget);
            assertArrayEquals((byte[]) expected[1], (byte[]) actual[1], "octets from " + first + " to " + stop + " within " + budget);
        }
    }

    @Test
    void aFullWriterTakesNothingMoreAndARunAfterSingleBindingsContinuesTheAnswer() {
        SortedMibView v = view(50, 0, null);
        ResponseWriter w = new ResponseWriter().start(100);
        int taken = w.acceptRun(v, 0, v.size());
        assertTrue(taken > 0 && taken < v.size(), "taken " + taken);
        assertEquals(0, w.acceptRun(v, taken, v.size()), "a writer that refused one takes no more");
        assertFalse(w.accept(v.prefixAt(taken), v.suffixAt(taken), v.valueAt(taken)));

        ResponseWriter mixed = new ResponseWriter().start(Integer.MAX_VALUE);
        assertTrue(mixed.accept(v.prefixAt(0), v.suffixAt(0), v.valueAt(0)));
        assertEquals(v.size() - 1, mixed.acceptRun(v, 1, v.size()));
        assertArrayEquals((byte[]) oneByOne(v, 0, v.size(), Integer.MAX_VALUE)[1], varBinds(mixed));
    }

    @Test
    void aViewWithThePreviousNamesReusesOnlyTheOctetsOfTheVerySameValues() {
        SortedMibView first = view(300, 0, null);
        PreEncodedView firstEncoded = PreEncodedView.of(first);
        for (int i = 0; i < first.size(); i += PreEncodedView.CHUNK) {
            firstEncoded.chunkOf(i);
        }
        SortedMibView second = view(300, 1, first); // column 3 every fifth row, column 5 every row, one scalar moved
        assertSame(first, second.predecessor(), "built from the previous names");
        assertNull(first.predecessor());
        SortedMibView fresh = view(300, 1, null);
        assertNull(fresh.predecessor());
        // every run against the fresh view's one-by-one octets: a reuse of a changed value's old octets would differ
        PreEncodedView secondEncoded = PreEncodedView.of(second);
        for (int i = 0; i < second.size(); i += PreEncodedView.CHUNK) {
            PreEncodedView.Chunk c = secondEncoded.chunkOf(i);
            int n = c.ends().length;
            byte[] got = Arrays.copyOfRange(c.octets(), 0, c.ends()[n - 1]);
            byte[] want = (byte[]) oneByOne(fresh, c.base(), c.base() + n, Integer.MAX_VALUE)[1];
            assertArrayEquals(want, got, "chunk at " + c.base());
        }
        assertNull(second.predecessor(), "every chunk encoded: the previous view is let go");
        // column 1 (bindings 0..299) did not move: its chunks are the previous ones, not copies; column 5's are new
        assertSame(firstEncoded.chunkOf(0), secondEncoded.chunkOf(0));
        assertSame(firstEncoded.chunkOf(PreEncodedView.CHUNK), secondEncoded.chunkOf(PreEncodedView.CHUNK));
        assertFalse(firstEncoded.chunkOf(4 * 300 + 10) == secondEncoded.chunkOf(4 * 300 + 10));
        // and the unchanged values really are the previous objects, so the copies took place
        assertSame(first.valueAt(0), second.valueAt(0));
        assertFalse(first.valueAt(4 * 300 + 1) == second.valueAt(4 * 300 + 1), "column 5 moved in every row");
    }

    /** A previous view with only some chunks encoded: the others are encoded afresh, every chunk as a fresh view's. */
    @Test
    void aPredecessorWithSomeChunksEncodedGivesWhatItHas() {
        SortedMibView first = view(300, 0, null);
        PreEncodedView firstEncoded = PreEncodedView.of(first);
        firstEncoded.chunkOf(0);
        firstEncoded.chunkOf(3 * PreEncodedView.CHUNK);
        SortedMibView second = view(300, 1, first);
        assertSame(first, second.predecessor());
        SortedMibView fresh = view(300, 1, null);
        PreEncodedView secondEncoded = PreEncodedView.of(second);
        for (int i = second.size() - 1; i >= 0; i -= PreEncodedView.CHUNK) { // from the end: the order must not matter
            PreEncodedView.Chunk c = secondEncoded.chunkOf(i);
            int n = c.ends().length;
            assertArrayEquals((byte[]) oneByOne(fresh, c.base(), c.base() + n, Integer.MAX_VALUE)[1],
                    Arrays.copyOfRange(c.octets(), 0, c.ends()[n - 1]), "chunk at " + c.base());
        }
        assertSame(firstEncoded.chunkOf(0), secondEncoded.chunkOf(0), "unchanged and encoded before: the very chunk");
    }

    /** Without anything derived from the previous view, a new view does not hold on to it (AgentX-only agents). */
    @Test
    void aPreviousViewWithNothingDerivedIsNotHeld() {
        SortedMibView first = view(50, 0, null);
        SortedMibView second = view(50, 1, first);
        assertNull(second.predecessor());
    }

    /** A GETNEXT (a run of one) on a chunk not encoded yet encodes its one binding, not the chunk. */
    @Test
    void aShortRunOnAFreshChunkIsEncodedOneByOne() {
        SortedMibView v = view(300, 0, null);
        PreEncodedView e = PreEncodedView.of(v);
        ResponseWriter w = new ResponseWriter().start(Integer.MAX_VALUE);
        assertEquals(1, w.acceptRun(v, 700, 701));
        assertFalse(e.isEncodedAt(700), "one binding asked: no chunk encoded");
        assertArrayEquals((byte[]) oneByOne(v, 700, 701, Integer.MAX_VALUE)[1], varBinds(w));
        e.chunkOf(700);
        ResponseWriter again = new ResponseWriter().start(Integer.MAX_VALUE);
        assertEquals(1, again.acceptRun(v, 700, 701));
        assertArrayEquals((byte[]) oneByOne(v, 700, 701, Integer.MAX_VALUE)[1], varBinds(again), "from the chunk, the same octets");
    }

    @Test
    void aViewWithOtherNamesHasNoPredecessorAndEncodesItsOwn() {
        SortedMibView first = view(300, 0, null);
        PreEncodedView.of(first).chunkOf(0);
        SortedMibView other = view(299, 0, first); // one row fewer: names at the same position differ
        assertNull(other.predecessor());
        Object[] expected = oneByOne(other, 0, other.size(), Integer.MAX_VALUE);
        Object[] actual = asRun(other, 0, other.size(), Integer.MAX_VALUE);
        assertEquals(expected[0], actual[0]);
        assertArrayEquals((byte[]) expected[1], (byte[]) actual[1]);
    }

    @Test
    void chunksAreEncodedOnlyWhereAWalkReaches() {
        SortedMibView v = view(300, 0, null);
        PreEncodedView e = PreEncodedView.of(v);
        ResponseWriter w = new ResponseWriter().start(Integer.MAX_VALUE);
        int at = 5 * PreEncodedView.CHUNK + 3;
        assertEquals(25, w.acceptRun(v, at, at + 25));
        for (int k = 0; k * PreEncodedView.CHUNK < v.size(); k++) {
            assertEquals(k == 5, e.isEncoded(k), "chunk " + k);
        }
        assertNotNull(e.chunkOf(at));
        assertSame(e, PreEncodedView.of(v), "one pre-encoded form per view");
    }
}
