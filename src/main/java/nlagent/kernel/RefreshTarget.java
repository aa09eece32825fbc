package nlagent.kernel;

/**
 * What the {@link RefreshPolicy} reads of one namespace to decide when to re-read it. Implemented
 * by {@link NetnsHandle}; tests give a fake, so the schedule is tested without root or kernel.
 * No method may wait for a running refresh: the policy runs on the scheduler's few threads, which
 * a slow namespace must not take from the others.
 */
interface RefreshTarget {

    /** The namespace's SNMP context ("" for the agent's own). */
    String context();

    /** The agent's own namespace: its registration starts the periodic directory rescan. */
    boolean ownNamespace();

    boolean isClosed();

    /** A refresh of this namespace is running now (on some thread). */
    boolean refreshRunning();

    /** A frontend read the context since its last refresh started. */
    boolean readSinceRefresh();

    /** Ticker time the last refresh started (far in the past before the first). */
    long lastRefreshStartNanos();

    /**
     * The reading lacks what only a read asks for (the neighbour tables and the held files of a namespace no
     * read has asked for yet, see NetnsHandle#neighTables and #openHeldFiles): the first read refreshes it
     * whatever its age. False once a refresh for a read ended, even failed (failures are then retried once per
     * interval, as any).
     */
    default boolean readingIncomplete() {
        return false;
    }

    /**
     * Ticker time the refresh whose reading is served now started (far in the past before the
     * first): what a read's freshness is measured by. Equals {@link #lastRefreshStartNanos()} unless
     * the last refresh failed or is still running.
     */
    long readingStartNanos();
}
