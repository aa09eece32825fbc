package nlagent.standalone;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import nlagent.mib.SortedMibView;

/**
 * The bindings of one {@link SortedMibView} as BER-encoded varbinds back to back, exactly as
 * {@link VarBindEncoder} writes them one by one, in chunks of {@link #CHUNK} consecutive bindings,
 * each encoded the first time a walk reaches it. A GETBULK answer is then a copy of a byte range or
 * two ({@link ResponseWriter#acceptRun}) instead of 25 names and values encoded from the view's
 * arrays, which was most of the listen thread's own CPU in a poll (perf: the encoding and the walk
 * over the view's arrays were 13 % of the listen thread's samples at K = 1,000, and 67 % of the lean
 * path's CPU with the kernel left out; bench/README.md, "Pre-encoded varbinds").
 *
 * <p>The next snapshot's view of the same part mostly holds the same names and values: when it was
 * built with this view's names ({@link SortedMibView#predecessor()}), a chunk takes the previous
 * view's octets for every run of bindings whose value is the very same object (the view builder keeps
 * the previous value object when equal) and encodes only the others. A poll after a refresh that
 * changed a few counters then copies, rather than encodes, almost the whole view once, and a chunk
 * whose values are all the previous ones is the previous chunk itself (a new copy per poll would
 * only be promoted and fill the old generation: the views live from one poll to the next).
 *
 * <p>Memory: the encoded size of the chunks walked (~20-25 octets a varbind, 4 more for its end
 * offset: ~1 MB for ifTable and ifXTable of 1,000 interfaces), held with the view (its memo) and
 * dropped with it. The predecessor is let go once every chunk is encoded. Thread-safe: two threads
 * reaching the same chunk may both encode it (the same octets); one is kept.
 */
final class PreEncodedView {
    /** Bindings per chunk: a GETBULK of 25 encodes a chunk or two on a fresh view (a GETNEXT none: {@link ResponseWriter#SHORT_RUN}). */
    static final int CHUNK = 128;

    /** Octets of bindings {@code base .. base + ends.length - 1}; binding {@code base + j} ends at {@code ends[j]}. */
    record Chunk(int base, byte[] octets, int[] ends) {
        /** Where binding {@code base + j} starts. */
        int start(int j) {
            return j == 0 ? 0 : ends[j - 1];
        }
    }

    private final SortedMibView view;
    private final AtomicReferenceArray<Chunk> chunks;
    private final AtomicInteger unencoded;

    private PreEncodedView(SortedMibView view) {
        this.view = view;
        int n = (view.size() + CHUNK - 1) / CHUNK;
        this.chunks = new AtomicReferenceArray<>(n);
        this.unencoded = new AtomicInteger(n);
    }

    /** The view's pre-encoded form, made on first use and kept with the view. */
    static PreEncodedView of(SortedMibView view) {
        return view.memo(PreEncodedView.class, PreEncodedView::new);
    }

    /** The view's pre-encoded form if one was made; null: none (nothing is made). */
    static PreEncodedView ifMade(SortedMibView view) {
        return view.memoIfPresent(PreEncodedView.class);
    }

    /** The chunk holding binding {@code index} (0 <= index < the view's size), encoded if it was not yet. */
    Chunk chunkOf(int index) {
        int k = index / CHUNK;
        Chunk c = chunks.get(k);
        if (c != null) {
            return c;
        }
        c = encode(k);
        if (chunks.compareAndSet(k, null, c)) {
            if (unencoded.decrementAndGet() == 0) {
                view.forgetPredecessor(); // nothing more to take from it
            }
            return c;
        }
        return chunks.get(k);
    }

    /** Whether chunk {@code k} has been encoded (tests). */
    boolean isEncoded(int k) {
        return chunks.get(k) != null;
    }

    /** Whether the chunk holding binding {@code index} has been encoded. */
    boolean isEncodedAt(int index) {
        return chunks.get(index / CHUNK) != null;
    }

    private Chunk encode(int k) {
        int base = k * CHUNK;
        int n = Math.min(CHUNK, view.size() - base);
        SortedMibView before = view.predecessor();
        PreEncodedView encodedBefore = before == null ? null : before.memoIfPresent(PreEncodedView.class);
        Chunk old = encodedBefore == null || k >= encodedBefore.chunks.length() ? null : encodedBefore.chunks.get(k);
        int leading = old == null ? 0 : sameUntil(before, base, 0, n);
        if (leading == n) {
            return old; // nothing new to hold: a chunk per poll would be promoted garbage (full collections)
        }
        int[] ends = new int[n];
        byte[] out = new byte[old != null ? old.octets.length + 64 : n * 24];
        VarBindEncoder encoder = new VarBindEncoder();
        int pos = 0;
        int j = 0;
        while (j < n) {
            int r = old == null ? j : j == 0 ? leading : sameUntil(before, base, j, n);
            if (r > j) {
                // a run of the very same values under the very same names: the previous octets
                int from = old.start(j);
                int length = old.ends[r - 1] - from;
                out = room(out, pos, length);
                System.arraycopy(old.octets, from, out, pos, length);
                for (int t = j; t < r; t++) {
                    ends[t] = pos + old.ends[t] - from;
                }
                pos += length;
                j = r;
            } else {
                int i = base + j;
                int length = encoder.measure(view.prefixAt(i), view.suffixAt(i), view.valueAt(i));
                out = room(out, pos, length);
                pos = encoder.write(out, pos, view.prefixAt(i), view.suffixAt(i), view.valueAt(i));
                ends[j] = pos;
                j++;
            }
        }
        return new Chunk(base, out.length - pos > pos / 4 ? Arrays.copyOf(out, pos) : out, ends);
    }

    /**
     * The end of the run of bindings from {@code base + j} on (within the chunk's {@code n}) that hold the very
     * value objects of {@code before}'s: a chunk offset {@code >= j} ({@code j}: none).
     */
    private int sameUntil(SortedMibView before, int base, int j, int n) {
        while (j < n && view.valueAt(base + j) == before.valueAt(base + j)) {
            j++;
        }
        return j;
    }

    private static byte[] room(byte[] out, int pos, int more) {
        return more <= out.length - pos ? out : Arrays.copyOf(out, Math.max(pos + more, 2 * out.length));
    }
}
