package nlagent.mib;

import java.util.List;

/**
 * What one SNMP context serves at one moment: immutable, so a request is answered from one view,
 * start to end, and never waits on the kernel. Shared by the standalone agent and the AgentX
 * subagent.
 */
public interface MibView {

    /**
     * The value of exactly {@code oid}; {@link MibValue#NO_SUCH_INSTANCE} when {@code oid} lies under
     * an object this view defines (a scalar or a column) but that instance does not exist, else
     * {@link MibValue#NO_SUCH_OBJECT}.
     */
    MibValue get(Oid oid);

    /**
     * The first binding whose name is greater than {@code from} (or equal, when {@code include}),
     * and less than {@code end} ({@code null}: no bound); {@code null} when there is none.
     */
    VarBind next(Oid from, boolean include, Oid end);

    /**
     * Up to {@code max} consecutive bindings, handed to {@code sink} in OID order: what {@code max}
     * calls of {@link #next} return when each continues after the previous answer (the first one
     * after {@code from}, or at it when {@code include}), all below {@code end} ({@code null}: no
     * bound); fewer when the view has no more or the sink refuses one (the walk ends there). A
     * GETBULK repetition run asks this once instead of {@code next} per binding, so a view can find
     * the first binding once and hand out the rest by position (and a composite route once per run,
     * not per binding), and hand out names as the arrays it holds them in ({@link BindingSink}).
     *
     * @return how many bindings {@code sink} took
     */
    default int walk(Oid from, boolean include, Oid end, int max, BindingSink sink) {
        int n = 0;
        Oid at = from;
        boolean inclusive = include;
        while (n < max) {
            VarBind vb = next(at, inclusive, end);
            if (vb == null || !sink.accept(Oid.NO_ARCS, vb.oid().arcsUnsafe(), vb.value())) {
                break;
            }
            n++;
            at = vb.oid();
            inclusive = false;
        }
        return n;
    }

    /** The subtrees this view answers for (registration roots), in OID order, none inside another. */
    List<Oid> subtrees();
}
