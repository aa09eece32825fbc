package nlagent.mib;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One context's view as several parts with disjoint subtrees, each built from the snapshot only
 * when a request first needs it. A poll of the interface tables then never builds the route,
 * neighbour and address tables, which on a host with thousands of interfaces are most of a view
 * (a full view of 2,254 interfaces allocated ~100 MB per snapshot: bench/README.md). Answers are
 * exactly those of one view holding every part ({@code LazyPartsViewTest}).
 *
 * <p>A part is built when a GET falls under one of its roots, or when a GETNEXT's answer could lie
 * in one of its roots: parts already built are asked first, and their candidate bounds the search,
 * so an unbuilt part whose roots all lie outside (from, candidate) stays unbuilt.
 */
public final class LazyPartsView implements MibView {
    private static final Logger LOG = Logger.getLogger(LazyPartsView.class.getName());

    /** One part: the subtrees it may hold bindings in, and how to build it. */
    public record Part(String name, List<Oid> roots, Supplier<SortedMibView> build) {
        public Part {
            roots = List.copyOf(roots);
        }
    }

    private static final class Slot {
        final Part part;
        final Oid[] roots;
        final Oid[] ends; // nextSibling of each root; null: no end
        private volatile SortedMibView built;

        Slot(Part part) {
            this.part = part;
            List<Oid> r = new ArrayList<>(part.roots());
            r.sort(null);
            this.roots = r.toArray(new Oid[0]);
            this.ends = new Oid[roots.length];
            for (int i = 0; i < roots.length; i++) {
                ends[i] = roots[i].nextSibling();
            }
        }

        SortedMibView view(String context) {
            SortedMibView v = built;
            if (v == null) {
                synchronized (this) {
                    v = built;
                    if (v == null) {
                        try {
                            v = part.build().get();
                        } catch (RuntimeException e) {
                            // serve the other parts rather than failing every request; logged once per snapshot and part
                            LOG.log(Level.WARNING, "cannot build the " + part.name() + " part of the MIB view of context '"
                                    + context + "': " + e, e);
                            v = SortedMibView.builder().build();
                        }
                        built = v;
                    }
                }
            }
            return v;
        }

        boolean covers(Oid oid) {
            for (Oid r : roots) {
                if (oid.startsWith(r)) {
                    return true;
                }
            }
            return false;
        }

        /** The smallest root start that may hold a binding after {@code from} and below {@code bound}; null: none. */
        Oid firstCandidate(Oid from, Oid bound) {
            for (int i = 0; i < roots.length; i++) {
                if (bound != null && roots[i].compareTo(bound) >= 0) {
                    return null; // roots are sorted: the rest start later still
                }
                if (ends[i] == null || ends[i].compareTo(from) > 0) {
                    return roots[i];
                }
            }
            return null;
        }
    }

    private final String context;
    private final Slot[] slots;
    private final List<Oid> subtrees;

    public LazyPartsView(String context, List<Part> parts) {
        this.context = context;
        this.slots = new Slot[parts.size()];
        List<Oid> all = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(parts.get(i));
            all.addAll(parts.get(i).roots());
        }
        all.sort(null);
        List<Oid> disjoint = new ArrayList<>();
        for (Oid r : all) {
            if (disjoint.isEmpty() || !r.startsWith(disjoint.get(disjoint.size() - 1))) {
                disjoint.add(r);
            }
        }
        this.subtrees = List.copyOf(disjoint);
    }

    @Override
    public MibValue get(Oid oid) {
        for (Slot s : slots) {
            if (s.covers(oid)) {
                return s.view(context).get(oid);
            }
        }
        return MibValue.NO_SUCH_OBJECT;
    }

    @Override
    public VarBind next(Oid from, boolean include, Oid end) {
        VarBind best = null;
        for (Slot s : slots) { // built parts first: free to ask, and their answer bounds the others
            SortedMibView v = s.built;
            if (v != null) {
                best = better(best, v.next(from, include, bound(end, best)));
            }
        }
        while (true) {
            Slot pick = null;
            Oid pickStart = null;
            Oid bound = bound(end, best);
            for (Slot s : slots) {
                if (s.built == null) {
                    Oid c = s.firstCandidate(from, bound);
                    if (c != null && (pickStart == null || c.compareTo(pickStart) < 0)) {
                        pick = s;
                        pickStart = c;
                    }
                }
            }
            if (pick == null) {
                return best;
            }
            best = better(best, pick.view(context).next(from, include, bound));
        }
    }

    private static Oid bound(Oid end, VarBind best) {
        if (best != null && (end == null || best.oid().compareTo(end) < 0)) {
            return best.oid(); // only a smaller candidate can win
        }
        return end;
    }

    private static VarBind better(VarBind best, VarBind vb) {
        return vb != null && (best == null || vb.oid().compareTo(best.oid()) < 0) ? vb : best;
    }

    @Override
    public List<Oid> subtrees() {
        return subtrees;
    }

    /** Builds every part now (the start-up warm-up compiles the builders this way). */
    public void buildAll() {
        for (Slot s : slots) {
            s.view(context);
        }
    }

    /** How many parts have been built so far (for tests and logs). */
    public int builtParts() {
        int n = 0;
        for (Slot s : slots) {
            if (s.built != null) {
                n++;
            }
        }
        return n;
    }
}
