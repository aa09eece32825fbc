package nlagent.mib;

import java.util.ArrayList;
import java.util.List;

/**
 * Several views with disjoint subtrees served as one (e.g. the interface MIBs of a namespace plus
 * the host-wide DCACHE-HEALTH-MIB in the default context). Each part is itself immutable, so the
 * composite is too.
 */
public final class CompositeView implements MibView {
    private final List<MibView> parts;
    private final List<Oid> subtrees;

    public CompositeView(List<? extends MibView> parts) {
        this.parts = List.copyOf(parts);
        List<Oid> all = new ArrayList<>();
        for (MibView p : parts) {
            all.addAll(p.subtrees());
        }
        all.sort(null);
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).startsWith(all.get(i - 1))) {
                throw new IllegalArgumentException("overlapping subtrees " + all.get(i - 1) + " and " + all.get(i));
            }
        }
        this.subtrees = List.copyOf(all);
    }

    @Override
    public MibValue get(Oid oid) {
        for (MibView p : parts) {
            for (Oid root : p.subtrees()) {
                if (oid.startsWith(root)) {
                    return p.get(oid);
                }
            }
        }
        return MibValue.NO_SUCH_OBJECT;
    }

    @Override
    public VarBind next(Oid from, boolean include, Oid end) {
        VarBind best = null;
        for (MibView p : parts) {
            Oid bound = end;
            if (best != null && (bound == null || best.oid().compareTo(bound) < 0)) {
                bound = best.oid(); // only a smaller candidate can win
            }
            VarBind vb = p.next(from, include, bound);
            if (vb != null && (best == null || vb.oid().compareTo(best.oid()) < 0)) {
                best = vb;
            }
        }
        return best;
    }

    @Override
    public List<Oid> subtrees() {
        return subtrees;
    }
}
