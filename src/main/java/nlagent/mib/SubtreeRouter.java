package nlagent.mib;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * GETNEXT over parts with disjoint subtrees, asking only the part whose subtree the answer can lie
 * in: the subtree holding {@code from} (or the first one after it), then the following subtrees in
 * OID order until one has a binding. A part holds bindings only inside its declared subtrees
 * ({@link MibView#subtrees()}), so no other part can have a smaller answer. Asking every part and
 * keeping the smallest answer cost one binary search (or tree lookup) per part and varbind: at
 * 2,004 interfaces most of a poll's walking CPU (bench/README.md, "Warm poll").
 */
final class SubtreeRouter {
    /** The subtrees of all parts, sorted; none inside another. */
    private final Oid[] roots;
    /** {@link Oid#nextSibling()} of each root: the exclusive end of its subtree; null: no end. */
    private final Oid[] ends;
    /** Index of the part that owns each root. */
    private final int[] owner;
    /**
     * The root of the last step: a walk stays in one subtree for many steps, so checking it first
     * saves the search. A plain int shared by all threads: a stale value only costs the search.
     */
    private int last;

    /**
     * @param subtreesOfPart the subtrees of part {@code i}, for i in [0, parts)
     * @throws IllegalArgumentException when two subtrees overlap
     */
    SubtreeRouter(int parts, IntFunction<List<Oid>> subtreesOfPart) {
        List<Oid> r = new ArrayList<>();
        List<Integer> o = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            for (Oid root : subtreesOfPart.apply(p)) {
                r.add(root);
                o.add(p);
            }
        }
        Integer[] order = new Integer[r.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> r.get(a).compareTo(r.get(b)));
        List<Oid> sorted = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (Integer i : order) {
            Oid root = r.get(i);
            int last = sorted.size() - 1;
            if (last >= 0 && root.startsWith(sorted.get(last))) {
                if (owners.get(last).equals(o.get(i))) {
                    continue; // a part's subtree inside another of its own: the outer one covers it
                }
                throw new IllegalArgumentException("overlapping subtrees " + sorted.get(last) + " and " + root);
            }
            sorted.add(root);
            owners.add(o.get(i));
        }
        roots = sorted.toArray(new Oid[0]);
        ends = new Oid[roots.length];
        owner = new int[roots.length];
        for (int i = 0; i < roots.length; i++) {
            ends[i] = roots[i].nextSibling();
            owner[i] = owners.get(i);
        }
    }

    /** The roots in OID order (the composite's subtrees). */
    List<Oid> roots() {
        return List.of(roots);
    }

    /** The part owning the subtree that holds {@code oid}; -1: none. */
    int ownerOf(Oid oid) {
        int k = firstEndingAfter(oid);
        return k < roots.length && oid.startsWith(roots[k]) ? owner[k] : -1;
    }

    /**
     * {@link MibView#next} over the parts: the first binding after {@code from} below {@code end}
     * in the subtrees, each subtree's part asked with the subtree's end as bound.
     */
    VarBind next(Oid from, boolean include, Oid end, IntFunction<MibView> part) {
        for (int k = firstEndingAfter(from); k < roots.length; k++) {
            if (end != null && roots[k].compareTo(end) >= 0) {
                return null;
            }
            VarBind vb = part.apply(owner[k]).next(from, include, bound(k, end));
            if (vb != null) {
                last = k;
                return vb;
            }
        }
        return null;
    }

    /**
     * {@link MibView#walk} over the parts: each subtree's part asked for what is still missing,
     * within the subtree: the first one after {@code from}, every later one from its root on (a
     * part may own several subtrees, so {@code from} alone would hand out its earlier subtrees'
     * bindings again). Ends when the sink refuses a binding: a later part is then neither asked
     * nor, for lazily built parts, built.
     */
    int walk(Oid from, boolean include, Oid end, int max, IntFunction<MibView> part, BindingSink sink) {
        // a run the caller made for this walk (GetBulk, an outer part's router) serves here as it is: one
        // wrapper per binding however many views deep the walk goes, not one per level; it records the
        // same (refused, last name), and was not refused before, so a refusal it reports is this walk's
        TakenRun taking = sink instanceof TakenRun run && !run.refused ? run : new TakenRun(sink);
        int n = 0;
        int first = firstEndingAfter(from);
        for (int k = first; k < roots.length && n < max && !taking.refused; k++) {
            if (end != null && roots[k].compareTo(end) >= 0) {
                break;
            }
            Oid bound = bound(k, end);
            MibView p = part.apply(owner[k]);
            int got = k == first ? p.walk(from, include, bound, max - n, taking) : p.walk(roots[k], true, bound, max - n, taking);
            if (got > 0) {
                last = k;
                n += got;
            }
        }
        return n;
    }

    /** The bound a part is asked with in subtree {@code k}: the subtree's end or the caller's, whichever is first. */
    private Oid bound(int k, Oid end) {
        return ends[k] == null || (end != null && end.compareTo(ends[k]) < 0) ? end : ends[k];
    }

    /** Index of the first root whose subtree ends after {@code oid} (holds it or lies after it); roots.length: none. */
    private int firstEndingAfter(Oid oid) {
        int k = last;
        if (k < roots.length && endsAfter(k, oid) && (k == 0 || !endsAfter(k - 1, oid))) {
            return k;
        }
        int lo = 0;
        int hi = roots.length; // ends are increasing: the roots are sorted and disjoint
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (endsAfter(mid, oid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private boolean endsAfter(int k, Oid oid) {
        return ends[k] == null || ends[k].compareTo(oid) > 0;
    }
}
