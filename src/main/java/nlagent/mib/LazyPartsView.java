package nlagent.mib;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
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

    /**
     * One part: the subtrees it may hold bindings in, how to build it, given the same part of the
     * previous view of the context if that one was built (null: none), whose arrays the new part may
     * reuse ({@link SortedMibView#builder(SortedMibView)}), and what the build reads.
     *
     * @param inputs everything {@code build} reads from the snapshot, as values with a content
     *               {@code equals} (lists compared element by element): when the previous view's part
     *               was built from equal inputs it is taken as it is, without a build. Null: always built.
     *               A part whose inputs leave out something its build reads would serve stale answers;
     *               {@code PartInputsTest} changes every snapshot field one at a time to catch that.
     */
    public record Part(String name, List<Oid> roots, Build build, Object[] inputs) {
        public Part {
            roots = List.copyOf(roots);
            inputs = inputs == null ? null : inputs.clone();
        }

        /** A copy: the array is this part's. */
        @Override
        public Object[] inputs() {
            return inputs == null ? null : inputs.clone();
        }

        /** A part built for every snapshot. */
        public Part(String name, List<Oid> roots, UnaryOperator<SortedMibView> build) {
            this(name, roots, (previous, previousInputs) -> build.apply(previous), null);
        }

        /**
         * Whether this part, given {@code before} (the inputs the previous view's part was built from),
         * would build the very same bindings. Identity first: a refresh keeps the previous snapshot's
         * objects wherever they are equal (nlagent.model.Reuse), so this is mostly reference compares.
         */
        boolean sameInputsAs(Object[] before) {
            if (inputs == null || before == null || inputs.length != before.length) {
                return false;
            }
            for (int i = 0; i < inputs.length; i++) {
                if (!same(inputs[i], before[i])) {
                    return false;
                }
            }
            return true;
        }

        private static boolean same(Object a, Object b) {
            if (a == b) {
                return true;
            }
            if (a instanceof List<?> x && b instanceof List<?> y) {
                if (x.size() != y.size()) {
                    return false;
                }
                for (int i = 0; i < x.size(); i++) {
                    Object p = x.get(i);
                    Object q = y.get(i);
                    if (p != q && (p == null || !p.equals(q))) {
                        return false;
                    }
                }
                return true;
            }
            return a != null && a.equals(b);
        }
    }

    /** How a part is built. */
    @FunctionalInterface
    public interface Build {
        /**
         * @param previous       the same part of the previous view, whose arrays and values the new one may reuse
         *                       ({@link SortedMibView#builder(SortedMibView)}); null: none
         * @param previousInputs the {@link Part#inputs} {@code previous} was built from (null: none or unknown): a
         *                       build may take the previous value of a row whose source is the very same object
         */
        SortedMibView build(SortedMibView previous, Object[] previousInputs);
    }

    /** A built part and the inputs it was built from (null: unknown, never taken as is). */
    private record Version(SortedMibView view, Object[] inputs) {
    }

    private static final class Slot {
        final Part part;
        private volatile Version built;
        /**
         * The newest built version of this part from an earlier view, until this one is built (then
         * dropped, so views never chain). Volatile: the next view's constructor may read it on another thread.
         */
        private volatile Version previous;

        Slot(Part part, Version previous) {
            this.part = part;
            this.previous = previous;
        }

        SortedMibView view(String context) {
            Version v = built;
            if (v == null) {
                synchronized (this) {
                    v = built;
                    if (v == null) {
                        Version before = previous;
                        if (before != null && part.sameInputsAs(before.inputs())) {
                            // built from equal inputs: the same bindings, no build (Part#inputs); held with this
                            // snapshot's inputs, not the old ones (equal, but the old objects would be kept alive)
                            v = new Version(before.view(), part.inputs());
                        } else {
                            v = buildPart(context, before);
                        }
                        built = v;
                        previous = null;
                    }
                }
            }
            return v.view();
        }

        private Version buildPart(String context, Version before) {
            try {
                SortedMibView view = before == null ? part.build().build(null, null)
                        : part.build().build(before.view(), before.inputs());
                return new Version(view, part.inputs());
            } catch (RuntimeException e) {
                // serve the other parts rather than failing every request; logged once per snapshot and part
                LOG.log(Level.WARNING, "cannot build the " + part.name() + " part of the MIB view of context '"
                        + context + "': " + e, e);
                return new Version(SortedMibView.builder().build(), null);
            }
        }
    }

    private final String context;
    private final Slot[] slots;
    private final List<Oid> subtrees;
    private final SubtreeRouter router;
    private final IntFunction<MibView> partAt;

    public LazyPartsView(String context, List<Part> parts) {
        this(context, parts, null);
    }

    /**
     * @param previous the context's view of the previous snapshot (null: none): each part of it that
     *                 was built is handed to the build of the same-named part here, to reuse
     */
    public LazyPartsView(String context, List<Part> parts, LazyPartsView previous) {
        this.context = context;
        this.slots = new Slot[parts.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(parts.get(i), previous == null ? null : previous.reusableVersion(parts.get(i).name()));
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
    public int walk(Oid from, boolean include, Oid end, int max, BindingSink sink) {
        return router.walk(from, include, end, max, partAt, sink); // routed once per run, not per binding
    }

    @Override
    public List<Oid> subtrees() {
        return subtrees;
    }

    /** Builds every part now (tests: a view read through, whose every part the next refresh may reuse). */
    public void buildAll() {
        for (Slot s : slots) {
            s.view(context);
        }
    }

    /**
     * What the same part of the next view may reuse: this part if built; if this view was never read
     * (no part built), the earlier version it holds for reuse itself. A namespace refreshed several
     * times between two polls builds no view in between, and without the carry-over every poll built
     * its view from scratch: a new copy of every name and value, all promoted, a full collection every
     * second poll (bench/README.md, "Reusing what did not change"). A view that was read passes on only
     * what it built: a part one sweep built, which the polls since do not read, is not kept for ever.
     * Null: none, or no such part.
     */
    private Version reusableVersion(String name) {
        boolean read = builtParts() > 0;
        for (Slot s : slots) {
            if (s.part.name().equals(name)) {
                // previous first: Slot.view sets built before it clears previous, so one of the two is seen
                Version previous = s.previous;
                Version built = s.built;
                return built != null ? built : read ? null : previous;
            }
        }
        return null;
    }

    /** The part named {@code name} if it has been built; null: not built, or no such part. */
    SortedMibView builtPart(String name) {
        for (Slot s : slots) {
            if (s.part.name().equals(name)) {
                Version v = s.built;
                return v == null ? null : v.view();
            }
        }
        return null;
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

    /**
     * How many parts of an earlier view this one still holds for reuse: parts not built here yet whose previous version
     * it was handed (for tests: a view that was read hands the next one only the parts it built).
     */
    public int heldPreviousParts() {
        int n = 0;
        for (Slot s : slots) {
            if (s.built == null && s.previous != null) {
                n++;
            }
        }
        return n;
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
