package nlagent.mib;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of each OID arc array the built views hold. The views of pod namespaces name the
 * same instances (ifDescr.1, ifDescr.2, ... in every namespace), and each rebuild of a view names
 * what the previous one did: without sharing, the arc arrays were 11 of the 19 MB of live heap at
 * 200 namespaces with every view built (bench/README.md, "Memory"). Weakly held: an array no view
 * uses any more is collected and its entry removed. Arrays handed in must never be written again
 * (the views and {@link Oid} never write theirs). Thread-safe.
 */
final class ArcsInterner {
    private static final ConcurrentHashMap<Object, Ref> TABLE = new ConcurrentHashMap<>();
    private static final ReferenceQueue<int[]> CLEARED = new ReferenceQueue<>();

    private ArcsInterner() {
    }

    /** The shared array equal to {@code arcs}; {@code arcs} itself when it is the first of its content. */
    static int[] intern(int[] arcs) {
        expunge();
        Probe probe = new Probe(arcs);
        while (true) {
            Ref r = TABLE.get(probe);
            int[] shared = r == null ? null : r.get();
            if (shared != null) {
                return shared;
            }
            if (r != null) {
                TABLE.remove(r, r); // cleared but not yet expunged
            }
            Ref mine = new Ref(arcs, probe.hash);
            if (TABLE.putIfAbsent(mine, mine) == null) {
                return arcs;
            }
        }
    }

    /** Entries now (for tests and diagnostics). */
    static int size() {
        expunge();
        return TABLE.size();
    }

    private static void expunge() {
        for (Reference<? extends int[]> r = CLEARED.poll(); r != null; r = CLEARED.poll()) {
            TABLE.remove(r, r);
        }
    }

    /** A table key: content hash, equal to another key or probe of the same live content. */
    private static final class Ref extends WeakReference<int[]> {
        final int hash;

        Ref(int[] arcs, int hash) {
            super(arcs, CLEARED);
            this.hash = hash;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            int[] mine = get();
            if (mine == null) {
                return false;
            }
            if (o instanceof Ref r) {
                return hash == r.hash && Arrays.equals(mine, r.get());
            }
            return o instanceof Probe p && hash == p.hash && Arrays.equals(mine, p.arcs);
        }
    }

    /** A lookup key for content, never stored. */
    private static final class Probe {
        final int[] arcs;
        final int hash;

        Probe(int[] arcs) {
            this.arcs = arcs;
            this.hash = Arrays.hashCode(arcs);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ref r && r.equals(this);
        }
    }
}
