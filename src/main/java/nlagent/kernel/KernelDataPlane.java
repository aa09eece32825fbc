package nlagent.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.model.DataPlaneStats;
import nlagent.model.NetnsSnapshot;
import nlagent.model.SnapshotSource;
import nlagent.netlink.LinkMessage;
import nlagent.netlink.NetconfEntry;
import nlagent.netlink.NetconfMessage;
import nlagent.netlink.NlMessage;
import nlagent.netlink.NlSocket;
import nlagent.netlink.Rtnl;
import nlagent.sys.ErrnoException;
import nlagent.sys.Native;
import nlagent.time.Scheduler;
import nlagent.time.Ticker;

/**
 * The kernel data plane: one {@link NetnsHandle} for the agent's own namespace (context "") and
 * one per handle file in the configured directories (context = file name). Snapshots live in the
 * {@link SnapshotStore}; readers take them without ever touching the kernel. Refreshes run on
 * the injected {@link Scheduler} when the {@link RefreshPolicy} says: on demand, when a read finds
 * a namespace's reading a refresh interval old ({@link #awaitFresh}; nobody reading, nothing is
 * re-dumped, the agent's own namespace included), at the optional idle keep-alive, and soon
 * (coalesced) on RTM_NEWLINK/RTM_DELLINK, address changes, IPv6 ND-parameter notifications
 * (group 12) and ENOBUFS; netconf, neighbour and route notifications are merged without re-dumping.
 * A re-dump of an unread namespace leaves the neighbour tables out (see NetnsHandle#neighTables), and
 * one that nothing announced a change for leaves out netconf, addresses and routes (NetnsHandle#refreshKind). Namespaces that disappear from the directories are closed at once
 * (their sockets would otherwise keep them, and their host-side veths, alive).
 *
 * <p>Entry point: {@link #start(KernelConfig, Scope, Ticker, Scheduler)}: returns once the agent's own
 * namespace has a snapshot; the others are opened in the background, a few per scheduler task,
 * and appear to listeners as they come ({@link #awaitContext} waits for one).
 */
public final class KernelDataPlane implements SnapshotSource, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KernelDataPlane.class.getName());
    /** The agent's own namespace's SNMP context. */
    public static final String OWN_CONTEXT = "";

    /** Which namespaces a data plane opens: what its frontends can serve, nothing more. */
    public enum Scope {
        /**
         * The agent's own namespace only, for an AgentX subagent that registers no namespace context and
         * no standalone agent: nothing could read another namespace, and opening each costs sockets, fds,
         * a notification stream to follow and memory (at K = 2,000 about 8 CPU-s more at start and 24 MiB more peak RSS).
         */
        OWN,
        /** The agent's own namespace and every namespace whose handle the configured directories hold. */
        ALL
    }
    /**
     * Namespaces opened (and first read) per scheduler task: other work (the own namespace's
     * refresh, notifications) runs between batches while thousands of namespaces are opened.
     */
    static final int OPEN_BATCH = 32;
    /**
     * How long a read waits at most for the refresh of a stale namespace it started. A quarter of
     * net-snmp's agentxTimeout (1 s): the AgentX I/O thread waits too, the same request may then
     * build the namespace's view from the new snapshot (hundreds of ms for thousands of interfaces
     * on a loaded host), and a master that times a request out answers genErr and drops the session.
     */
    public static final long FRESH_WAIT_MS = 250;
    /** Completed by the first directory listing after which every namespace found was opened or tried. */
    private final CompletableFuture<Void> allOpened = new CompletableFuture<>();

    private final KernelConfig config;
    private final Ticker ticker;
    private final Scheduler scheduler;
    private final KernelCounters counters = new KernelCounters();
    private final NetnsSwitcher switcher = new NetnsSwitcher();
    private final NotificationPoller poller = new NotificationPoller();
    private final NamespaceRegistry<NetnsHandle> handles;
    private final SnapshotStore snapshots;
    private final RefreshPolicy<NetnsHandle> policy;
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    /** The configured handle directories, watched; null in {@link Scope#OWN}, which never lists them. */
    private final NetnsDirectories directories;
    private volatile boolean closed;
    private volatile long lastRefreshDurationNanos;
    /** Calls of {@link #expire} (the warm-up's thread only). */
    private int expiries;
    /** The kinds of refresh {@link #expire} takes turns at, counting the kept one twice and the minute's twice. */
    static final int EXPIRY_KINDS = 7;

    private KernelDataPlane(KernelConfig config, Scope scope, Ticker ticker, Scheduler scheduler) throws IOException {
        this.config = config;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.snapshots = new SnapshotStore(config.maxNamespaces() + 1L);
        this.policy = new RefreshPolicy<>(config.refreshIntervalMs(), config.idleRefreshIntervalMs(), ticker, scheduler,
                this::refresh, this::rescan);
        this.handles = new NamespaceRegistry<>(config.maxNamespaces(), OPEN_BATCH, new HandleLifecycle(),
                policy::requestRescan, policy::retryRescan);
        this.directories = scope == Scope.ALL
                ? new NetnsDirectories(config.netnsDirs(), config.netnsNamePattern(), policy::requestRescan) : null;
    }

    /**
     * Opens the agent's own namespace and takes its first snapshot (so {@link #snapshot}{@code ("")}
     * answers as soon as this returns), then opens the namespaces found in the directories in the
     * background on {@code scheduler} (a manual scheduler in tests: run its due tasks) and keeps
     * refreshing. Waiting for all of them made a host with hundreds of namespaces answer nothing
     * for minutes.
     *
     * In {@link Scope#OWN} nothing else is ever opened, and {@link #awaitAllOpened} returns at once.
     *
     * @throws IOException when the own namespace cannot be read at all (no netlink)
     */
    public static KernelDataPlane start(KernelConfig config, Scope scope, Ticker ticker, Scheduler scheduler)
            throws IOException {
        KernelDataPlane p = new KernelDataPlane(config, scope, ticker, scheduler);
        try {
            p.handles.add(OWN_CONTEXT, null);
            if (scope == Scope.ALL) {
                p.policy.requestRescan();
            } else {
                p.allOpened.complete(null);
            }
            return p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** {@link #start(KernelConfig, Scope, Ticker, Scheduler)} in {@link Scope#ALL}. */
    public static KernelDataPlane start(KernelConfig config, Ticker ticker, Scheduler scheduler) throws IOException {
        return start(config, Scope.ALL, ticker, scheduler);
    }

    /**
     * One snapshot of one namespace without starting the data plane (for {@code nlagent dump}):
     * opens only that namespace, reads it once and closes everything again.
     *
     * @param context "" for the agent's own namespace, else a handle file name in the configured directories
     */
    public static NetnsSnapshot snapshotOnce(KernelConfig config, String context, Ticker ticker) throws IOException {
        Path nsPath = null;
        if (!OWN_CONTEXT.equals(context)) {
            for (Path dir : config.netnsDirs()) {
                Path p = dir.resolve(context);
                if (context.indexOf('/') < 0 && java.nio.file.Files.exists(p)) {
                    nsPath = p;
                    break;
                }
            }
            if (nsPath == null) {
                throw new IOException("no namespace named '" + context + "' in " + config.netnsDirs());
            }
        }
        KernelCounters counters = new KernelCounters();
        try (NetnsSwitcher switcher = new NetnsSwitcher();
             NetnsHandle h = NetnsHandle.open(context, nsPath, switcher, counters)) {
            h.markRead(); // read as a frontend reads: with the neighbour tables and the held files
            return h.refresh(ticker, s -> { });
        }
    }

    @Override
    public NetnsSnapshot snapshot(String context) {
        return snapshots.get(context);
    }

    @Override
    public Set<String> contexts() {
        return snapshots.contexts();
    }

    /** Marks {@code context} read: its next refresh re-dumps its neighbour tables and entries. Never blocks. */
    @Override
    public void accessed(String context) {
        NetnsHandle h = handles.get(context);
        if (h != null) {
            h.markRead();
        }
    }

    /**
     * Makes {@code context}'s reading look a refresh interval old: its next read waits for an
     * on-demand refresh, as the first read of a poll after a quiet interval does. For the
     * standalone warm-up, whose passes must take that path, not a shortcut around it. The calls
     * take turns ({@link #EXPIRY_KINDS} of them, then again; the first three make a kept refresh, one
     * that reads everything as new and the minute's) at the kinds of refresh: one that keeps netconf,
     * addresses and routes (a poll's, when nothing
     * announced a change; twice in a turn), one that re-dumps them with the links in full and finds them
     * unchanged (after a notification, or every ten minutes), one that re-dumps them as the minute's bound
     * does, with the links through the light dumps ({@link NetnsHandle#ageDumps}; twice), one that reads
     * everything as new ({@link NetnsHandle#forgetPreviousDumps}), and one that decodes every
     * message and compares it with the previous one ({@link NetnsHandle#forgetDigests}, as a poll after a
     * quiet interval does for the messages that changed): the warm-up's refreshes of an unchanged host
     * would otherwise only ever take the first path, and the JIT compiled the others (decoding, joining
     * rows, comparing them) in the first NMS polls that brought a change (bench/README.md, tenth and
     * thirteenth rounds), or left a branch no warm-up refresh took to an uncommon trap in the first poll
     * that did (the sixteenth round).
     */
    public void expire(String context) {
        NetnsHandle h = handles.get(context);
        if (h != null) {
            h.expireReading();
            switch (++expiries % EXPIRY_KINDS) {
                case 2 -> h.forgetPreviousDumps();
                case 3, 0 -> h.ageDumps(NetnsHandle.STRUCTURE_DUMP_MAX_AGE_NANOS);
                case 4 -> h.forgetDigests();
                case 6 -> h.requestStructureDump();
                default -> { } // 1, 5
            }
        }
    }

    /**
     * Marks {@code context} read and, when its reading is {@code refreshIntervalMs} old or older,
     * refreshes it on the scheduler and waits for that at most {@link #FRESH_WAIT_MS} (a refresh
     * of a pod's namespace takes milliseconds; of a root namespace with thousands of veths, longer).
     * Past the bound the caller answers from the previous snapshot and the refresh completes in
     * the background. Waits only for a read of a stale namespace: a walk pays it once per interval.
     */
    @Override
    public void awaitFresh(String context) {
        NetnsHandle h = handles.get(context);
        if (h == null) {
            return;
        }
        h.markRead();
        CompletableFuture<Void> f = policy.refreshForRead(h);
        if (f == null) {
            return;
        }
        try {
            f.get(FRESH_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            counters.staleReads.increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // never: the policy completes it normally
        }
    }

    /** Reads answered from the previous snapshot because their refresh took longer than {@link #FRESH_WAIT_MS} (for tests). */
    long staleReads() {
        return counters.staleReads.sum();
    }

    /**
     * Waits until {@code context} has a snapshot (it is opened in the background after start).
     * For tests and benchmarks; with a manual scheduler nothing happens unless its tasks run.
     *
     * @return whether it has one
     */
    public boolean awaitContext(String context, long timeout, TimeUnit unit) throws InterruptedException {
        return snapshots.await(context, timeout, unit);
    }

    @Override
    public void addListener(Listener listener) {
        snapshots.addListener(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        snapshots.removeListener(listener);
    }

    /** Re-reads every namespace now, on the calling thread, read or not. */
    public void refreshAll() {
        for (NetnsHandle h : handles.all()) {
            refresh(h);
        }
    }

    /** Re-reads one namespace now, on the calling thread; returns its new snapshot (null: unknown or failed). */
    public NetnsSnapshot refresh(String context) {
        NetnsHandle h = handles.get(context);
        return h == null ? null : refresh(h);
    }

    private NetnsSnapshot refresh(NetnsHandle h) {
        try {
            boolean afterLoss = h.notificationsLost;
            h.notificationsLost = false;
            NetnsSnapshot s = h.refresh(ticker, snap -> publish(h, snap));
            lastRefreshDurationNanos = h.lastRefreshNanos();
            if (afterLoss && h.routingDumpRaced()) {
                // recovering from lost notifications, the neighbour/route dump ran during a burst of changes and
                // may have missed entries: dump again once it is quieter (requestRefresh keeps a gap)
                h.notificationsLost = true;
                policy.requestRefresh(h); // a raced route dump makes the next refresh re-dump the routes anyway
            }
            if (lastErrors.remove(h.context()) != null) {
                LOG.info("namespace '" + h.context() + "' readable again");
            }
            return s;
        } catch (ErrnoException | RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (!msg.equals(lastErrors.put(h.context(), msg))) { // log each new error once, not every poll
                LOG.log(Level.WARNING, "refresh of namespace '" + h.context() + "' failed, serving the previous snapshot: " + msg);
            }
            if (h.nsPath() != null && !NetnsIdentity.sameInode(h.nsPath(), h.id())) {
                policy.requestRescan();
            }
            return null;
        }
    }

    /** Called under the handle's lock, so it can never overtake that handle's close. */
    private void publish(NetnsHandle h, NetnsSnapshot s) {
        snapshots.publish(h.context(), s);
    }

    /** The handle serving {@code context}, or null (for tests). */
    NetnsHandle handle(String context) {
        return handles.get(context);
    }

    /** Refreshes of {@code context} started since it was opened, -1 when unknown (for tests and benchmarks). */
    public long refreshCount(String context) {
        NetnsHandle h = handles.get(context);
        return h == null ? -1 : h.refreshes();
    }

    /** Refreshes started for reads and keep-alives (not for notifications) since start (for tests). */
    long scheduledRefreshes() {
        return policy.scheduledRefreshes();
    }

    /** RTM_GETNEIGHTBL dumps made since start (for tests and benchmarks). */
    /** Refreshes whose light link dumps failed and that dumped the links in full (for tests). */
    long linkStatsFallbacks() {
        return counters.linkStatsFallbacks.sum();
    }

    long neighTableDumps() {
        return counters.neighTableDumps.sum();
    }

    /** Refreshes of {@code context} that re-dumped netconf, addresses and routes (for tests; -1: unknown context). */
    long structureDumps(String context) {
        NetnsHandle h = handles.get(context);
        return h == null ? -1 : h.structureDumps();
    }

    /** Refreshes of {@code context} that dumped the links in full (for tests; -1: unknown context). */
    long fullLinkDumps(String context) {
        NetnsHandle h = handles.get(context);
        return h == null ? -1 : h.fullLinkDumps();
    }

    /** Refreshes of {@code context} that kept netconf, addresses and routes (for tests; -1: unknown context). */
    long structureDumpsKept(String context) {
        NetnsHandle h = handles.get(context);
        return h == null ? -1 : h.structureDumpsKept();
    }

    /** RTM_GETNEXTHOP dumps of {@code context}'s refreshes (for tests; -1: unknown context). */
    long nexthopDumps(String context) {
        NetnsHandle h = handles.get(context);
        return h == null ? -1 : h.nexthopDumps();
    }

    /** RTM_GETNEIGH dumps so far (for tests). */
    long neighbourDumps() {
        return counters.neighbourDumps.sum();
    }

    /** Whether a notification-driven refresh of {@code context} is scheduled and not yet run (for tests). */
    boolean refreshPending(String context) {
        NetnsHandle h = handles.get(context);
        return h != null && policy.refreshPending(h);
    }

    /**
     * Lists the namespace directories now: closes namespaces whose handle file is gone (or now
     * names another namespace) and opens new ones, at most {@link #OPEN_BATCH} per call (the rest
     * in a follow-up task). A handle that cannot be opened yet (e.g. {@code ip netns add} created
     * the file but has not bind-mounted it) is retried shortly.
     */
    public synchronized void rescan() {
        if (closed || directories == null) {
            return; // Scope.OWN: the policy's periodic tick finds nothing to list
        }
        if (handles.rescan(directories.scan(), () -> closed)) { // close() waits for this lock
            allOpened.complete(null);
        }
    }

    /**
     * Waits until the namespaces found at start are open (the first listing that needed no further
     * batch; a namespace not readable yet is retried later and does not hold this up), at most
     * {@code timeout}. Returns whether they are. For the standalone warm-up, which should compile
     * the request path after the burst of opening, not race it.
     */
    public boolean awaitAllOpened(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            allOpened.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // never: completed normally only
        }
    }

    /** How a namespace starts and stops being served. */
    private final class HandleLifecycle implements NamespaceRegistry.Lifecycle<NetnsHandle> {
        @Override
        public NetnsHandle open(String context, Path nsPath) throws IOException {
            NetnsHandle h = NetnsHandle.open(context, nsPath, switcher, counters);
            counters.namespacesAdded.increment();
            policy.add(h); // before the notifications: their refresh requests need the namespace's schedule
            poller.register(h.listener(), new Notifications(h));
            return h;
        }

        @Override
        public void opened(NetnsHandle h) {
            refresh(h);
        }

        @Override
        public void closed(NetnsHandle h) {
            policy.remove(h);
            poller.unregisterAndWait(h.listener());
            h.close();
            lastErrors.remove(h.context());
            counters.namespacesRemoved.increment();
            snapshots.remove(h.context());
        }
    }

    /** What one namespace's notification socket triggers. */
    private final class Notifications implements NlSocket.NotificationHandler {
        private final NetnsHandle handle;
        private final RoutingUpdates routing;

        Notifications(NetnsHandle handle) {
            this.handle = handle;
            this.routing = RoutingUpdates.of(handle, scheduler, ticker, s -> publish(handle, s), () -> {
                handle.requestStructureDump(ticker.nanos()); // a route the table could not merge: re-dump the routes
                policy.requestRefresh(handle);
            });
        }

        @Override
        public void message(NlMessage m) {
            switch (m.type()) {
                case Rtnl.RTM_NEWNETCONF:
                case Rtnl.RTM_DELNETCONF:
                    NetconfEntry e = NetconfMessage.decode(m);
                    if (e != null) {
                        handle.offerNetconf(e, m.type() == Rtnl.RTM_DELNETCONF, ticker, s -> publish(handle, s));
                    }
                    break;
                case Rtnl.RTM_NEWLINK:
                case Rtnl.RTM_DELLINK:
                    LinkMessage.ifIndex(m); // validates the header; content is re-read by the dump
                    if (m.buffer().get(m.payloadOffset()) == Native.AF_INET6) {
                        handle.requestNeighTables(); // group 12: IPv6 ND parameters (base reachable time) changed
                    } else {
                        // a link that goes down or away takes its IPv4 routes with it, unannounced (fib_flush)
                        handle.requestStructureDump(ticker.nanos());
                    }
                    policy.requestRefresh(handle);
                    break;
                case Rtnl.RTM_NEWADDR:
                case Rtnl.RTM_DELADDR:
                case Rtnl.RTM_NEWNEXTHOP:
                case Rtnl.RTM_DELNEXTHOP:
                    // an address removal flushes the IPv4 routes that used it, and the routes that use a nexthop
                    // object change or go with it, unannounced
                    handle.requestStructureDump(ticker.nanos());
                    policy.requestRefresh(handle);
                    break;
                default:
                    routing.message(m); // neighbours and routes: applied incrementally
            }
        }

        @Override
        public void overrun() {
            handle.notificationsLost = true;
            handle.requestNeighTables();
            handle.requestNeighbourDump();
            handle.requestStructureDump(ticker.nanos());
            policy.requestRefresh(handle); // notifications were lost: re-dump everything of this namespace
        }

        @Override
        public void unwatched() {
            handle.markUnwatched();
            overrun();
        }
    }

    /** The data plane's self-accounting now. */
    public DataPlaneStats stats() {
        int held = 0;
        int stale = 0;
        long oldest = Long.MAX_VALUE;
        for (NetnsHandle h : handles.all()) {
            held += h.heldFds();
            stale += h.staleFds();
            NetnsSnapshot s = h.snapshot();
            if (s != null) {
                oldest = Math.min(oldest, s.takenAtNanos());
            }
        }
        var n = counters.netlink;
        return new DataPlaneStats(handles.size(), counters.namespacesAdded.sum(), counters.namespacesRemoved.sum(),
                n.dumps.sum(), n.dumpBytes.sum(), n.notifications.sum(), n.resyncs.sum(), n.errors.sum(),
                held, counters.fdReopens.sum(), stale, counters.procSysLookups.sum(), lastRefreshDurationNanos,
                oldest == Long.MAX_VALUE ? 0 : ticker.nanos() - oldest, n.rejected.sum(), directories != null);
    }

    /** Stops refreshing and closes every socket and fd in every namespace. */
    @Override
    public void close() {
        closed = true; // first, unlocked: a background rescan stops at its next namespace
        policy.close(); // no tick or requested refresh runs from now on
        synchronized (this) {
            // and now it has: no handle is added after this point
        }
        if (directories != null) {
            directories.close();
        }
        // ask the poller to close every listener at once, then wait: one round, not one per namespace
        var closing = handles.all().stream().map(h -> poller.unregister(h.listener())).toList();
        for (var f : closing) {
            try {
                f.get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warning("notification socket close not confirmed: " + e);
            }
        }
        for (String ctx : handles.contexts()) {
            handles.remove(ctx);
        }
        poller.close();
        switcher.close();
    }
}
