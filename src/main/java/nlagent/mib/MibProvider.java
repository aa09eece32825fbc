package nlagent.mib;

import java.util.Set;

/**
 * The current view of every SNMP context. The default context ({@code ""}) is the agent's own
 * network namespace; every other context is a discovered namespace, named after it. Views are
 * replaced atomically when a new snapshot is taken; callers take one view per request.
 */
public interface MibProvider {

    /** The current view of {@code context}, or null when no such context exists. */
    MibView view(String context);

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
