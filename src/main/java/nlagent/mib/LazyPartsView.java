package nlagent.mib;

import java.util.List;
import java.util.function.IntFunction;
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
 * <p>A part is built when a GET falls under one of its roots, or when a GETNEXT reaches one of its
 * roots: a GETNEXT asks only the part holding the subtree {@code from} is in, then the parts of the
 * following subtrees in OID order until one answers ({@link SubtreeRouter}), so a part whose roots
 * all lie outside (from, answer] stays unbuilt.
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
        private volatile SortedMibView built;

        Slot(Part part) {
            this.part = part;
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
    }

    private final String context;
    private final Slot[] slots;
    private final List<Oid> subtrees;
    private final SubtreeRouter router;
    private final IntFunction<MibView> partAt;

    public LazyPartsView(String context, List<Part> parts) {
        this.context = context;
        this.slots = new Slot[parts.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(parts.get(i));
        }
        this.router = new SubtreeRouter(slots.length, i -> slots[i].part.roots());
        this.subtrees = router.roots();
        this.partAt = i -> slots[i].view(this.context);
    }

    @Override
    public MibValue get(Oid oid) {
        int p = router.ownerOf(oid);
        return p < 0 ? MibValue.NO_SUCH_OBJECT : slots[p].view(context).get(oid);
    }

    /** Asks (and so builds) only the parts whose subtrees the walk reaches, in OID order. */
    @Override
    public VarBind next(Oid from, boolean include, Oid end) {
        return router.next(from, include, end, partAt);
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

    /** Whether the part named {@code name} has been built (for tests). */
    public boolean isBuilt(String name) {
        for (Slot s : slots) {
            if (s.part.name().equals(name)) {
                return s.built != null;
            }
        }
        throw new IllegalArgumentException("no part named " + name);
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
