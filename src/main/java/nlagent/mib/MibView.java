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

    /** The subtrees this view answers for (registration roots), in OID order, none inside another. */
    List<Oid> subtrees();
}
