package nlagent.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import nlagent.netlink.NlMessage;
import nlagent.netlink.NlSocket;

/**
 * One attempt at reading a dump, decoding only the messages whose payload differs from the message
 * at the same position of the previous dump of the same request ({@link PayloadDigest}); the others
 * are the previous dump's decoded objects, taken as they are. {@link #unchanged()} says whether
 * the whole result is the previous one, so that what a refresh derives from it (a map, a table)
 * can be kept too.
 *
 * <p>Why: on a host of 1,000 pods the root namespace's neighbour-table, netconf, address and route
 * dumps are ~9,000 messages per refresh, and a poll spaced as an NMS spaces it refreshes first. Each
 * was decoded into fresh objects that, with the maps built from them, lived until the next refresh:
 * the young collector promoted them and the old generation filled with them (a full collection
 * every third to fifth poll: bench/README.md, "Polls spaced as an NMS spaces them"). A message
 * position is the count of messages before it in the dump (decoded to null or not), so a decoder
 * that skips messages keeps the positions aligned.
 *
 * <p>{@code keepDecoded} false keeps only the digests for the next dump (8 bytes per message): every
 * message is decoded, and {@link #unchanged()} still tells a dump that read as the previous one. For
 * objects nothing else keeps until the next refresh (route messages: the route table keeps entries
 * made from them), where holding them in every pod's namespace would cost more memory than their
 * decoding costs CPU.
 *
 * <p>A message whose bytes changed but that decodes to an object equal to the previous one (fields the
 * decoder does not read: RTM_GETNEIGHTBL's table headers, which decode to null, carry timestamps
 * and host-wide lookup counts that move with every dump) counts as unchanged and hands on the
 * previous object, when decoded objects are kept. A type whose equals compares arrays by reference
 * (a record with a byte[]) then counts as changed: more work, never a stale result.
 *
 * @param <T> the decoded type: immutable (it is handed to the next reading as is)
 */
final class ReusingDump<T> implements NlSocket.DumpCollector<ReusingDump<T>> {
    /** What one dump leaves for the next: per message position, its digest and decoded object (null: skipped; array null: not kept). */
    static final class Previous<T> {
        private static final Previous<?> NONE = new Previous<>(new long[0], new Object[0], true);
        private final long[] digests;
        private final Object[] decoded;
        /** False: no message counts as the same bytes; each is decoded and compared with the previous object. */
        private final boolean digestsValid;

        private Previous(long[] digests, Object[] decoded, boolean digestsValid) {
            this.digests = digests;
            this.decoded = decoded;
            this.digestsValid = digestsValid;
        }

        /**
         * This dump's objects without its digests: the next dump decodes every message and compares it
         * with the object at its position, as it does for a message whose bytes changed (the warm-up's
         * refreshes of an idle host otherwise bring that comparison only the link messages whose counters
         * moved, and the first poll after a quiet interval deoptimized it for the others: bench/README.md,
         * thirteenth round).
         */
        Previous<T> withoutDigests() {
            return digests.length == 0 ? this : new Previous<>(digests, decoded, false);
        }

        @SuppressWarnings("unchecked")
        static <T> Previous<T> none() {
            return (Previous<T>) NONE;
        }
    }

    private final Function<NlMessage, T> decoder;
    private final Previous<T> before;
    private final boolean keepDecoded;
    private final PayloadDigest digest = new PayloadDigest();
    private long[] digests;
    private Object[] decoded;
    private int messages;
    private int fresh;
    private final List<T> items = new ArrayList<>();

    ReusingDump(Function<NlMessage, T> decoder, Previous<T> before) {
        this(decoder, before, true);
    }

    /** @param keepDecoded whether the next dump may take this one's decoded objects (else: digests only) */
    ReusingDump(Function<NlMessage, T> decoder, Previous<T> before, boolean keepDecoded) {
        this.decoder = decoder;
        this.before = before == null ? Previous.none() : before;
        this.keepDecoded = keepDecoded;
        int capacity = Math.max(16, this.before.digests.length);
        this.digests = new long[capacity];
        this.decoded = keepDecoded ? new Object[capacity] : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void accept(NlMessage m) {
        int i = messages++;
        long d = digest.of(m);
        boolean known = i < before.digests.length;
        boolean same = known && before.digestsValid && before.digests[i] == d;
        Object was = known && before.decoded != null ? before.decoded[i] : null;
        T t;
        if (same && before.decoded != null) {
            t = (T) was;
        } else {
            t = decoder.apply(m);
            if (!same) {
                // other bytes, the same meaning (a table header's timestamps, a reference count the decoder skips)
                boolean sameObject = before.decoded != null && known && (was == null ? t == null : was.equals(t));
                if (sameObject) {
                    t = (T) was;
                } else {
                    fresh++;
                }
            }
        }
        if (i == digests.length) {
            digests = Arrays.copyOf(digests, i * 2);
            decoded = decoded == null ? null : Arrays.copyOf(decoded, i * 2);
        }
        digests[i] = d;
        if (decoded != null) {
            decoded[i] = t;
        }
        if (t != null) {
            items.add(t);
        }
    }

    @Override
    public ReusingDump<T> result() {
        return this;
    }

    /** The decoded objects in dump order (skipped messages left out). */
    List<T> items() {
        return items;
    }

    /** Whether every message read as the previous dump's at the same position, and there were as many. */
    boolean unchanged() {
        return fresh == 0 && messages == before.digests.length && before.digestsValid;
    }

    /** Messages that read differently from the previous dump's at their position. */
    int decoded() {
        return fresh;
    }

    /** What the next dump of the same request compares with. */
    Previous<T> next() {
        if (unchanged() && (before.decoded != null) == keepDecoded) {
            return before;
        }
        return new Previous<>(Arrays.copyOf(digests, messages), decoded == null ? null : Arrays.copyOf(decoded, messages), true);
    }
}
