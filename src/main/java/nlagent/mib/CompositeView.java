package nlagent.mib;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Several views with disjoint subtrees served as one (e.g. the interface MIBs of a namespace plus
 * the host-wide DCACHE-HEALTH-MIB in the default context). Each part is itself immutable, so the
 * composite is too. A part holds bindings only inside its own subtrees: a request is routed to the
 * part whose subtree it falls in ({@link SubtreeRouter}).
 */
public final class CompositeView implements MibView {
    private final List<MibView> parts;
    private final List<Oid> subtrees;
    private final SubtreeRouter router;
    private final IntFunction<MibView> partAt;

    /**
     * @param parts views with disjoint subtrees; a part that is itself a composite is taken apart
     *              into its own parts (the answers are the same), so that a walk through composites
     *              of composites (the standalone agent's default context is three deep) is routed
     *              once and its bindings pass one wrapper, not one per level (bench/README.md,
     *              "Flat views")
     */
    public CompositeView(List<? extends MibView> parts) {
        this.parts = flatten(parts);
        this.router = new SubtreeRouter(this.parts.size(), i -> this.parts.get(i).subtrees());
        this.subtrees = router.roots();
        this.partAt = this.parts::get;
    }

    private static List<MibView> flatten(List<? extends MibView> parts) {
        List<MibView> flat = new ArrayList<>(parts.size());
        for (MibView p : parts) {
            if (p instanceof CompositeView c) {
                flat.addAll(c.parts); // already flat
            } else {
                flat.add(p);
            }
        }
        return List.copyOf(flat);
    }

    /** The parts requests are routed to, composites taken apart (tests). */
    public List<MibView> parts() {
        return parts;
    }

    @Override
    public MibValue get(Oid oid) {
        int p = router.ownerOf(oid);
        return p < 0 ? MibValue.NO_SUCH_OBJECT : parts.get(p).get(oid);
    }

    @Override
    public VarBind next(Oid from, boolean include, Oid end) {
        return router.next(from, include, end, partAt); // only the part whose subtree the answer lies in
    }

    @Override
    public int walk(Oid from, boolean include, Oid end, int max, BindingSink sink) {
        return router.walk(from, include, end, max, partAt, sink); // routed once per run, not per binding
    }

    @Override
    public List<Oid> subtrees() {
        return subtrees;
    }
}
