package nlagent.model;

/**
 * The data plane's self-accounting at one moment: proves the agent itself does not add to the
 * dcache problem, and feeds DCACHE-HEALTH-MIB. All counters are monotonic since start.
 *
 * @param namespaces             namespaces served now (including the agent's own)
 * @param namespacesAdded        namespaces discovered since start
 * @param namespacesRemoved      namespaces that disappeared since start
 * @param netlinkDumps           dump requests completed
 * @param netlinkDumpBytes       bytes received in dump replies
 * @param netlinkNotifications   change notifications received
 * @param netlinkResyncs         full re-dumps forced by ENOBUFS or NLM_F_DUMP_INTR
 * @param netlinkErrors          failed dumps (NLMSG_ERROR, errno in NLMSG_DONE, I/O errors)
 * @param heldFds                /proc/sys and /sys fds held open now
 * @param fdReopens              held fds re-opened after ENOENT
 * @param staleFds               held fds known stale now (ENOENT not yet re-opened)
 * @param procSysLookups         path lookups under /proc/sys the agent itself made (every open of such a path); must not move in steady state
 * @param lastRefreshDurationNanos duration of the last full refresh of one namespace
 * @param oldestSnapshotAgeNanos age of the oldest snapshot served now
 * @param netlinkRejected        netlink messages dropped because the kernel did not send them (sender
 *                               nl_pid not 0) or they were not addressed to our dump (port id, sequence)
 * @param allNamespaces          whether every namespace in the configured directories is opened; false for an
 *                               AgentX-only subagent without namespace contexts, which opens its own alone, so
 *                               {@code namespaces} (1) then says nothing about how many the host has
 */
public record DataPlaneStats(int namespaces, long namespacesAdded, long namespacesRemoved,
                             long netlinkDumps, long netlinkDumpBytes, long netlinkNotifications,
                             long netlinkResyncs, long netlinkErrors,
                             int heldFds, long fdReopens, int staleFds, long procSysLookups,
                             long lastRefreshDurationNanos, long oldestSnapshotAgeNanos, long netlinkRejected,
                             boolean allNamespaces) {

    /** Every namespace opened, none rejected (test values). */
    public DataPlaneStats(int namespaces, long namespacesAdded, long namespacesRemoved,
                          long netlinkDumps, long netlinkDumpBytes, long netlinkNotifications,
                          long netlinkResyncs, long netlinkErrors,
                          int heldFds, long fdReopens, int staleFds, long procSysLookups,
                          long lastRefreshDurationNanos, long oldestSnapshotAgeNanos) {
        this(namespaces, namespacesAdded, namespacesRemoved, netlinkDumps, netlinkDumpBytes, netlinkNotifications,
                netlinkResyncs, netlinkErrors, heldFds, fdReopens, staleFds, procSysLookups, lastRefreshDurationNanos,
                oldestSnapshotAgeNanos, 0, true);
    }
}
