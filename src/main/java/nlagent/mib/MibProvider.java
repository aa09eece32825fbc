package nlagent.mib;

import java.util.Set;

/**
 * The current view of every SNMP context. The default context ({@code ""}) is the agent's own
 * network namespace; every other context is a discovered namespace, named after it. Views are
 * replaced atomically when a new snapshot is taken; callers take one view per request.
 */
public interface MibProvider {

    /** The current view of {@code context}, or null when no such context exists. A read: it keeps the context fresh. */
    MibView view(String context);

    /**
     * The subtrees {@code context}'s view answers for, or null when no such context exists. Not a
     * read: AgentX registration asks this of every context at every resync, and a read would make
     * the kernel layer refresh every namespace at the polled rate (and keep every view built).
     */
    default java.util.List<Oid> subtrees(String context) {
        MibView v = view(context);
        return v == null ? null : v.subtrees();
    }

    /** The contexts served now. */
    Set<String> contexts();

    /** Called when contexts appear or disappear, e.g. to register them with an AgentX master. */
    interface ContextListener {
        void contextAdded(String context);

        void contextRemoved(String context);
    }

    void addContextListener(ContextListener listener);

    void removeContextListener(ContextListener listener);
}
