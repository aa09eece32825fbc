package nlagent.mib;

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

    public CompositeView(List<? extends MibView> parts) {
        this.parts = List.copyOf(parts);
        this.router = new SubtreeRouter(this.parts.size(), i -> this.parts.get(i).subtrees());
        this.subtrees = router.roots();
        this.partAt = this.parts::get;
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
