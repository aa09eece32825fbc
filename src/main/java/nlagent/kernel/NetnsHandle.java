package nlagent.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

import nlagent.model.Reuse;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.IpCounters;
import nlagent.model.IpStatistics;
import nlagent.model.NetnsId;
import nlagent.model.NetnsSnapshot;
import nlagent.model.Nexthops;
import nlagent.model.RouteEntry;
import nlagent.netlink.AddressInfo;
import nlagent.netlink.DumpRequest;
import nlagent.netlink.Inet6Link;
import nlagent.netlink.Inet6LinkStats;
import nlagent.netlink.LinkCounters;
import nlagent.netlink.LinkInfo;
import nlagent.netlink.LinkMessage;
import nlagent.netlink.NeighParms;
import nlagent.netlink.NeighTableMessage;
import nlagent.netlink.NeighbourMessage;
import nlagent.netlink.NetconfEntry;
import nlagent.netlink.NetconfMessage;
import nlagent.netlink.NexthopMessage;
import nlagent.netlink.NlMessage;
import nlagent.netlink.NlSocket;
import nlagent.netlink.RouteMessage;
import nlagent.netlink.Rtnl;
import nlagent.sys.ErrnoException;
import nlagent.sys.Native;
import nlagent.time.Ticker;

/**
 * Everything the agent holds in one network namespace: a dump socket, a notification socket, a
 * UDP socket whose options give the default TTL and hop limit ({@link IpDefaultsSocket}), one
 * held sysctl fd (ipfrag_time, opened through the agent's {@link PrivateProc} instance, so no
 * dentry of ours joins the host's /proc/sys chains) and the namespace's /proc/net snmp, netstat
 * and snmp6 (seq files under /proc/thread-self/net, not sysctls), all created once inside the
 * namespace by the {@link NetnsSwitcher}: the sockets when it opens, the held files at its first
 * read ({@link #openHeldFiles()}; the own namespace's when it opens). The sockets pin the namespace, so {@link #close()} must
 * run as soon as it disappears. A refresh is up to ten dumps (links in full or the two light dumps, or
 * both when the light ones list other links; neighbour tables, netconf, addresses, neighbours, IPv4 and
 * IPv6 routes, nexthops), two getsockopt and four preads — no path lookup (the first read's refresh also opens the held files, on the setns thread);
 * netconf, addresses and routes only when a notification or a lost one asks for them, or when they
 * may have changed unannounced, the links in full only when a notification asks or every ten minutes
 * ({@link #refreshKind}); otherwise the links' counters and IPv6 blocks come from two lighter dumps
 * ({@link LinkCountersMerge}).
 * Thread-safe: refresh, netconf merges and close are serialized on this handle; the notification
 * thread never waits for a refresh (netconf changes are handed over through {@link ChangeHandOff}).
 */
final class NetnsHandle implements RefreshTarget, NamespaceRegistry.Namespace, AutoCloseable {
    /**
     * Groups whose messages change what we serve: links, IPv4/IPv6 addresses, IPv6 ND parameters, IPv4/IPv6
     * forwarding, neighbours, routes, and nexthop objects (routes using one change with it, unannounced). All
     * are joined through bind's group mask (NlSocket#openListener); NETLINK_ROUTE has at least 32 groups on any
     * kernel, so a kernel without nexthop objects (before 5.3) just never sends to group 32. Not to be added:
     * RTNLGRP_IPV4_MROUTE_R and RTNLGRP_IPV6_MROUTE_R (30, 31) need CAP_NET_ADMIN, and one group refused fails
     * the whole bind.
     */
    static final int[] GROUPS = {Rtnl.RTNLGRP_LINK, Rtnl.RTNLGRP_IPV4_IFADDR, Rtnl.RTNLGRP_IPV6_IFADDR, Rtnl.RTNLGRP_IPV6_IFINFO,
        Rtnl.RTNLGRP_IPV4_NETCONF, Rtnl.RTNLGRP_IPV6_NETCONF,
        Rtnl.RTNLGRP_NEIGH, Rtnl.RTNLGRP_IPV4_ROUTE, Rtnl.RTNLGRP_IPV6_ROUTE, Rtnl.RTNLGRP_NEXTHOP};
    private static final int LISTENER_BUFFER_BYTES = 1 << 20;
    /**
     * A refresh re-dumps netconf, addresses and routes at least this long after the last one that did,
     * even with no notification asking for it (see {@link #refreshKind}): a bound on how long a
     * change the kernel does not announce, or a merge that went wrong, is served. Every change we know
     * of is announced (or counted down, see there); the bound is for the ones we do not know of. Once a
     * minute is what snmpd's own route and address caches are, at 1/12 of the cost of re-dumping them
     * at every 5 s refresh.
     */
    static final long STRUCTURE_DUMP_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /**
     * A refresh dumps the links in full at least this long after the last one that did, even with no
     * notification asking for it (see {@link #refreshKind}). The minute's structure dump reads the links
     * through the two light dumps instead: in the default context of K pods the full dump costs the kernel
     * K² steps (each veth's peer-namespace id is a linear search), 7.6–9.2 ms at K = 1,000, and a poll a
     * minute or more after the last structure dump (an NMS's cadence) paid it every time. What the full
     * dump alone would catch is a link change the kernel does not announce: the one we know of is an alias
     * set on an interface that is down (announced only for one that is up). Ten minutes bounds that, at
     * one K² dump per ten minutes.
     */
    static final long LINK_DUMP_MAX_AGE_NANOS = TimeUnit.MINUTES.toNanos(10);
    /**
     * A change is read by a structure dump that starts at least this long after its notification was
     * handled: the kernel announces some changes before it finishes them (RTM_DELADDR before the IPv4
     * routes of the address are flushed, RTM_NEWLINK before the routes of a link that went down are), and
     * a dump already running then would read the half-done state. The notification's own refresh comes
     * {@link RefreshPolicy#NOTIFY_BATCH_NANOS} later, so it is the one that re-dumps.
     */
    static final long STRUCTURE_SETTLE_NANOS = RefreshPolicy.NOTIFY_BATCH_NANOS;
    private static final IpstatsLayout IPSTATS_LAYOUT = IpstatsLayout.forRunningKernel();
    /**
     * The value neither rtnetlink nor a socket option carries, per namespace (ip_default_ttl and
     * conf/all/hop_limit come from {@link IpDefaultsSocket}).
     */
    static final List<String> SYSCTLS = List.of("net/ipv4/ipfrag_time");
    /** The namespace's IP statistics files, held like the sysctls (index order used by {@link #readStatistics}). */
    static final List<String> PROC_NET_FILES = List.of("snmp", "netstat", "snmp6");

    private final String context;
    private final Path nsPath;
    private final NetnsId id;
    private final NlSocket dump;
    private final NlSocket listener;
    private final HeldSysctl[] sysctls;
    private final HeldProcNetFile[] procNet;
    private final IpDefaultsSocket ipDefaults;
    private final boolean[] reopened = new boolean[SYSCTLS.size()];
    private final NetnsSwitcher switcher;
    private final KernelCounters counters;
    private final LinkSpeed speed = new LinkSpeed();
    /** Neighbour and route entries, dumped on refresh and updated by notifications in between. */
    final NeighbourTable neighbours = new NeighbourTable();
    final RouteTable routes = new RouteTable();
    /** The last refresh's neighbour or route dump overlapped changes (see {@link NeighbourTable#replaceAll}). */
    private volatile boolean routingDumpRaced;
    /** The last route dump overlapped route notifications: the next refresh dumps the routes again (see {@link #refreshKind}). */
    private boolean routeDumpRaced;
    /** Notifications were dropped (ENOBUFS) and the refresh that recovers has not completed yet. */
    volatile boolean notificationsLost;
    /** Set when the next refresh must re-dump the neighbour tables (see {@link #neighTables}). */
    private final AtomicBoolean neighTablesDue = new AtomicBoolean(true);
    /**
     * A refresh for a read has run (always true for the own namespace): from then on the neighbour tables are
     * dumped when due ({@link #neighTables}) and the held files are open ({@link #openHeldFiles}); before, the
     * reading is incomplete ({@link #readingIncomplete}).
     */
    private volatile boolean askedByRead;
    /**
     * A refresh that began with a read pending has ended (published, or failed): until then the reading is
     * incomplete for {@link #readingIncomplete} (set after the publish, so a reader racing that first refresh
     * waits for it; set after a failure too, so a namespace that keeps failing is retried once per interval).
     */
    private volatile boolean readRefreshEnded;
    /** The held files of another namespace are open ({@link #openHeldFiles()}); guarded by this handle. */
    private boolean heldFilesOpened;
    /** Set when the next refresh must re-dump the neighbour entries (see {@link #neighboursDue}). */
    private final AtomicBoolean neighbourDumpDue = new AtomicBoolean(true);
    /** Set when the next refresh must re-dump netconf, addresses and routes (see {@link #refreshKind}). */
    private final AtomicBoolean structureDumpRequested = new AtomicBoolean(true);
    /** Ticker time the latest notification asking for a structure dump was handled (see {@link #STRUCTURE_SETTLE_NANOS}). */
    private final AtomicLong structureNoticeNanos = new AtomicLong(Long.MIN_VALUE / 2);
    /** Nothing reads this namespace's notifications (its socket could not be watched): every refresh dumps everything. */
    private volatile boolean unwatched;
    /** Ticker time the last refresh that re-dumped netconf, addresses and routes started. */
    private long lastStructureDumpNanos;
    /** Ticker time the last refresh that dumped the links in full and published them started. */
    private long lastFullLinkDumpNanos;
    /** The last address dump has an address whose remaining lifetime counts down (set with each address dump). */
    private boolean addressesCountDown;
    /** Refreshes that re-dumped netconf, addresses and routes, and refreshes that kept them (guarded by the handle). */
    private long structureDumps;
    private long structureDumpsKept;
    /** Refreshes that dumped the links in full and published them (guarded by the handle). */
    private long fullLinkDumps;
    /** Added to the next refresh's time where {@link #refreshKind} ages the last dumps (the warm-up's, see {@link #ageDumps}). */
    private long dumpAgeOffsetNanos;
    /** RTM_GETNEXTHOP dumps made (guarded by the handle): only while a route names an object and nothing else of its path. */
    private long nexthopDumps;
    /** Netconf notifications waiting for a running refresh of this namespace. */
    private final ChangeHandOff<NetconfChange> netconfChanges = new ChangeHandOff<>();
    /** Runs at the start of every refresh, holding the namespace (tests make one namespace slow with it). */
    volatile Runnable refreshHook = () -> { };
    /** A frontend read this context since the last refresh started: the periodic refresh is due. */
    private volatile boolean readSinceRefresh;
    private volatile long refreshes;
    private KernelReading reading;
    // The last link, neighbour-table, netconf, address and route dumps, for the next ones to compare with (ReusingDump).
    private ReusingDump.Previous<LinkRead> linkDump = ReusingDump.Previous.none();
    // The counters and IPv6-block dumps that stand in for the full link dump unless it is due (LinkCountersMerge, refreshKind).
    private ReusingDump.Previous<LinkCounters> linkStatsDump = ReusingDump.Previous.none();
    private ReusingDump.Previous<LinkCountersMerge.Inet6Read> inet6LinkDump = ReusingDump.Previous.none();
    /** The kernel refused RTM_GETSTATS (before 4.7): every refresh dumps the links in full. */
    private boolean linkStatsUnsupported;
    /** The first failure of the light dumps is logged (one line for the agent, not one per namespace); the rest counted. */
    private static final AtomicBoolean LIGHT_DUMP_FAILURE_LOGGED = new AtomicBoolean();
    private static final Logger LOG = Logger.getLogger(NetnsHandle.class.getName());
    private ReusingDump.Previous<NeighParms> neighTableDump = ReusingDump.Previous.none();
    private ReusingDump.Previous<NetconfEntry> netconfDump = ReusingDump.Previous.none();
    private ReusingDump.Previous<AddressInfo> addressDump = ReusingDump.Previous.none();
    private ReusingDump.Previous<RouteMessage> route4Dump = ReusingDump.Previous.none();
    private ReusingDump.Previous<RouteMessage> route6Dump = ReusingDump.Previous.none();
    private ReusingDump.Previous<NexthopMessage> nexthopDump = ReusingDump.Previous.none();
    // The tables built from the last netconf and address dumps (null: none yet), the same objects while they read the same.
    private NetconfTable netconfTable;
    private Map<Integer, byte[]> linkLocalTable;
    /** The reading {@code snapshot} was assembled from (null: none yet). */
    private KernelReading assembledFrom;
    /** The map built from {@code neighTableDump}'s items (null: none yet). */
    private Map<Long, NeighParms> neighTableMap;
    private NetnsSnapshot snapshot;
    /** Written under the handle's lock, read without it: the scheduler must never wait for a running refresh. */
    private volatile boolean closed;
    private long lastRefreshNanos;
    private volatile long lastRefreshStartNanos = Long.MIN_VALUE / 2;
    /** Start of the refresh whose reading is served now: a read's freshness (see RefreshPolicy#refreshForRead). */
    private volatile long readingStartNanos = Long.MIN_VALUE / 2;

    private NetnsHandle(String context, Path nsPath, NetnsId id, Opened o, NetnsSwitcher switcher, KernelCounters counters) {
        this.context = context;
        this.nsPath = nsPath;
        this.askedByRead = nsPath == null; // the own namespace: everything at once, as before
        this.readRefreshEnded = nsPath == null;
        this.id = id;
        this.dump = o.dump;
        this.listener = o.listener;
        this.sysctls = o.sysctls;
        this.procNet = o.procNet;
        this.ipDefaults = o.ipDefaults;
        this.switcher = switcher;
        this.counters = counters;
    }

    private record NetconfChange(NetconfEntry entry, boolean deleted) {
    }

    private static final SortedMap<Integer, IpCounters> EMPTY_COUNTERS = java.util.Collections.emptySortedMap();

    /**
     * One RTM_NEWLINK message of a dump: the link and its IFLA_INET6_STATS counters (null: no IPv6
     * device), read in one pass so that {@link ReusingDump} keeps both for an unchanged message.
     */
    record LinkRead(LinkInfo link, IpCounters inet6) {
        /** {@code inet6Before}: the previous reading's counters by ifindex, whose equal object is kept ({@link Reuse}). */
        static LinkRead decode(NlMessage m, SortedMap<Integer, IpCounters> inet6Before) {
            LinkInfo link = LinkMessage.decode(m);
            Inet6LinkStats st = Inet6LinkStats.decode(m); // same message, second walk: no extra dump
            IpCounters c = st == null ? null : Reuse.previousIfEqual(inet6Before.get(st.ifIndex()), IPSTATS_LAYOUT.counters(st.ipstats()));
            return new LinkRead(link, c);
        }
    }

    /** A message of the AF_INET6 link dump, its counters as {@link LinkRead#decode} makes them. */
    private static LinkCountersMerge.Inet6Read decodeInet6(NlMessage m, SortedMap<Integer, IpCounters> inet6Before,
                                                          LinkCountersMerge.KeptLinks kept) {
        Inet6Link l = kept.share(Inet6Link.decode(m));
        long[] st = l.ipstats();
        IpCounters c = st == null ? null : Reuse.previousIfEqual(inet6Before.get(l.ifIndex()), IPSTATS_LAYOUT.counters(st));
        return new LinkCountersMerge.Inet6Read(l.withoutIpstats(), c);
    }

    private record Opened(NlSocket dump, NlSocket listener, HeldSysctl[] sysctls, HeldProcNetFile[] procNet,
                          IpDefaultsSocket ipDefaults) {
        void closeFiles() {
            if (ipDefaults != null) {
                ipDefaults.close();
            }
            for (HeldSysctl h : sysctls) {
                if (h != null) {
                    h.close();
                }
            }
            for (HeldProcNetFile f : procNet) {
                if (f != null) {
                    f.close();
                }
            }
        }
    }

    /**
     * Opens the namespace's sockets and sysctl fds. {@code nsPath} null means the agent's own
     * namespace. A value that cannot be read (e.g. IPv6 disabled at boot) reads -1.
     */
    static NetnsHandle open(String context, Path nsPath, NetnsSwitcher switcher, KernelCounters counters) throws IOException {
        Opened o = switcher.call(nsPath, () -> {
            NlSocket d = NlSocket.openDump(counters.netlink);
            NlSocket l = null;
            IpDefaultsSocket ip = null;
            HeldSysctl[] s = new HeldSysctl[SYSCTLS.size()];
            HeldProcNetFile[] p = new HeldProcNetFile[PROC_NET_FILES.size()];
            try {
                l = NlSocket.openListener(counters.netlink, LISTENER_BUFFER_BYTES, GROUPS);
                ip = IpDefaultsSocket.open();
                if (nsPath == null) { // another namespace's at its first read (openHeldFiles)
                    openHeldFiles(s, p, true, counters);
                }
                return new Opened(d, l, s, p, ip);
            } catch (ErrnoException | RuntimeException e) {
                d.close();
                if (l != null) {
                    l.close();
                }
                new Opened(d, l, s, p, ip).closeFiles();
                throw e;
            }
        });
        try {
            NetnsId id = NetnsIdentity.of(nsPath != null ? nsPath : Path.of("/proc/thread-self/ns/net"));
            if (id.cookie() == 0) {
                id = new NetnsId(o.dump.netnsCookie(), id.dev(), id.inode());
            }
            return new NetnsHandle(context, nsPath, id, o, switcher, counters);
        } catch (IOException | RuntimeException e) {
            o.dump.close();
            o.listener.close();
            o.closeFiles();
            throw e;
        }
    }

    /** Opens {@code sysctls} and {@code procNet} in the calling thread's namespace; one that cannot be opened stays null. */
    private static void openHeldFiles(HeldSysctl[] sysctls, HeldProcNetFile[] procNet, boolean ownNamespace,
                                      KernelCounters counters) {
        for (int i = 0; i < sysctls.length; i++) {
            sysctls[i] = tryOpen(SYSCTLS.get(i), ownNamespace, counters);
        }
        for (int i = 0; i < procNet.length; i++) {
            procNet[i] = tryOpenProcNet(PROC_NET_FILES.get(i));
        }
    }

    /**
     * Opens another namespace's held files (ipfrag_time, snmp, netstat, snmp6) at its first read, inside it;
     * true once they are (a file the namespace lacks stays null, read as absent), false when the setns thread
     * failed or did not answer, or the path now names another namespace (the next listing closes this handle):
     * the next read's refresh tries again. Not at open: a namespace nobody reads needs none of them, and opening
     * ipfrag_time walks the private procfs instance's /proc/sys/net/ipv4 chain, which holds one entry per
     * namespace whose ipfrag_time is open (K² steps over K). Files the setns thread opens after this thread gave
     * up waiting are closed by whichever of the two comes last: an open /proc/net file pins its namespace.
     */
    private boolean openHeldFiles() {
        HeldSysctl[] s = new HeldSysctl[sysctls.length];
        HeldProcNetFile[] p = new HeldProcNetFile[procNet.length];
        AtomicInteger handOff = new AtomicInteger(HANDOFF_PENDING);
        boolean opened;
        try {
            opened = switcher.call(nsPath, () -> {
                if (!NetnsIdentity.of(Path.of("/proc/thread-self/ns/net")).sameNamespace(id)) {
                    return false;
                }
                openHeldFiles(s, p, false, counters);
                if (!handOff.compareAndSet(HANDOFF_PENDING, HANDOFF_TAKEN)) {
                    new Opened(null, null, s, p, null).closeFiles(); // the caller gave up meanwhile
                    return false;
                }
                return true;
            });
        } catch (IOException | RuntimeException e) {
            if (!handOff.compareAndSet(HANDOFF_PENDING, HANDOFF_ABANDONED)) {
                new Opened(null, null, s, p, null).closeFiles(); // opened just after the wait ended
            }
            return false;
        }
        if (opened) {
            System.arraycopy(s, 0, sysctls, 0, s.length);
            System.arraycopy(p, 0, procNet, 0, p.length);
        }
        return opened;
    }

    private static final int HANDOFF_PENDING = 0;
    private static final int HANDOFF_TAKEN = 1;
    private static final int HANDOFF_ABANDONED = 2;

    /**
     * Through the private procfs instance; without one, through the host's /proc/sys only in the
     * agent's own namespace (whose dentry is the host's own, not one more in the chain), else null.
     */
    private static HeldSysctl tryOpen(String rel, boolean ownNamespace, KernelCounters counters) {
        try {
            return openSysctl(rel, ownNamespace, counters);
        } catch (ErrnoException e) {
            return null;
        }
    }

    /** A statistics file that cannot be opened (IPv6 disabled at boot: no snmp6) reads as absent. */
    private static HeldProcNetFile tryOpenProcNet(String name) {
        try {
            return HeldProcNetFile.open(name);
        } catch (ErrnoException e) {
            return null;
        }
    }

    private static HeldSysctl openSysctl(String rel, boolean ownNamespace, KernelCounters counters) throws ErrnoException {
        PrivateProc proc = PrivateProc.get();
        if (proc != null) {
            return proc.open(rel);
        }
        if (ownNamespace) {
            return HeldSysctl.open(rel, counters);
        }
        throw new ErrnoException("no private procfs instance: " + PrivateProc.unavailableReason());
    }

    @Override
    public String context() {
        return context;
    }

    @Override
    public Path nsPath() {
        return nsPath;
    }

    @Override
    public boolean stillNamedBy(Path handleFile) {
        return handleFile.equals(nsPath) && NetnsIdentity.sameInode(handleFile, id);
    }

    @Override
    public boolean ownNamespace() {
        return nsPath == null;
    }

    NetnsId id() {
        return id;
    }

    NlSocket listener() {
        return listener;
    }

    /** The dump socket (for tests: its port id and sequence). */
    NlSocket dumpSocket() {
        return dump;
    }

    /** The reading the served snapshot was assembled from (tests: which tables a refresh kept). */
    synchronized KernelReading assembledFrom() {
        return assembledFrom;
    }

    synchronized NetnsSnapshot snapshot() {
        return snapshot;
    }

    synchronized long lastRefreshNanos() {
        return lastRefreshNanos;
    }

    /** Called on every request for this context: a volatile read, and a write only on the first read after a refresh. */
    void markRead() {
        if (!readSinceRefresh) {
            readSinceRefresh = true;
        }
    }

    @Override
    public boolean readSinceRefresh() {
        return readSinceRefresh;
    }

    /** Refreshes that re-dumped netconf, addresses and routes (for tests). */
    synchronized long structureDumps() {
        return structureDumps;
    }

    /** Refreshes that dumped the links in full (for tests). */
    synchronized long fullLinkDumps() {
        return fullLinkDumps;
    }

    /** RTM_GETNEXTHOP dumps made (for tests). */
    synchronized long nexthopDumps() {
        return nexthopDumps;
    }

    /** Refreshes that kept netconf, addresses and routes as notifications left them (for tests). */
    synchronized long structureDumpsKept() {
        return structureDumpsKept;
    }

    /** Refreshes started since open (for tests and benchmarks). */
    long refreshes() {
        return refreshes;
    }

    /** Ticker time the last refresh started (readable without waiting for a running one). */
    @Override
    public long lastRefreshStartNanos() {
        return lastRefreshStartNanos;
    }

    @Override
    public long readingStartNanos() {
        return readingStartNanos;
    }

    @Override
    public boolean readingIncomplete() {
        return nsPath != null && !readRefreshEnded;
    }

    /** Makes the reading look a refresh interval old, so that the next read refreshes it on demand. */
    void expireReading() {
        lastRefreshStartNanos = Long.MIN_VALUE / 2;
        readingStartNanos = Long.MIN_VALUE / 2;
    }

    /**
     * Makes the next refresh re-dump everything and decode every message, comparing each with the
     * previous object at its position as it does for a message whose bytes changed (the warm-up's
     * fourth kind of refresh, see {@link ReusingDump.Previous#withoutDigests}). Waits for a running refresh.
     */
    synchronized void forgetDigests() {
        linkDump = linkDump.withoutDigests();
        linkStatsDump = linkStatsDump.withoutDigests();
        inet6LinkDump = inet6LinkDump.withoutDigests();
        neighTableDump = neighTableDump.withoutDigests();
        netconfDump = netconfDump.withoutDigests();
        addressDump = addressDump.withoutDigests();
        route4Dump = route4Dump.withoutDigests();
        route6Dump = route6Dump.withoutDigests();
        nexthopDump = nexthopDump.withoutDigests();
        structureDumpRequested.set(true);
        neighTablesDue.set(true);
    }

    /**
     * Makes the last structure dump and the last full link dump look {@code nanos} older to the next
     * refresh, which then takes the branch that their age bounds take ({@link #refreshKind}): with
     * {@link #STRUCTURE_DUMP_MAX_AGE_NANOS}, the warm-up's light structure dump, the kind of refresh that comes
     * once a minute, so that the JIT has seen it before a poll meets it.
     * Best effort, like the requests: whichever refresh comes next takes the offset, one for a notification
     * too (it then dumps in full anyway). Waits for a running refresh.
     */
    synchronized void ageDumps(long nanos) {
        dumpAgeOffsetNanos = nanos;
    }

    /**
     * Makes the next refresh decode every message and join every row as if it were the first since
     * the previous reading (no digests, no kept tables, no reading to take rows from); what it reads
     * is the same, only the work to get there is the full one. Waits for a running refresh.
     */
    synchronized void forgetPreviousDumps() {
        linkDump = ReusingDump.Previous.none();
        linkStatsDump = ReusingDump.Previous.none();
        inet6LinkDump = ReusingDump.Previous.none();
        neighTableDump = ReusingDump.Previous.none();
        netconfDump = ReusingDump.Previous.none();
        addressDump = ReusingDump.Previous.none();
        route4Dump = ReusingDump.Previous.none();
        route6Dump = ReusingDump.Previous.none();
        nexthopDump = ReusingDump.Previous.none();
        structureDumpRequested.set(true);
        netconfTable = null;
        linkLocalTable = null;
        assembledFrom = null;
    }

    /**
     * Re-dumps what may have changed (the links' counters and IPv6 blocks, or the links in full;
     * netconf, addresses and routes when {@link #refreshKind} says; the neighbour tables and entries
     * when due), assembles a new
     * snapshot and hands it to {@code publish} while still
     * holding this handle (so a concurrent {@link #close()} can never be overtaken by a late
     * publish). Returns null when the handle is closed. Netconf notifications that arrive meanwhile
     * are merged right after it, on this thread.
     */
    NetnsSnapshot refresh(Ticker ticker, Consumer<NetnsSnapshot> publish) throws ErrnoException {
        boolean forRead = readSinceRefresh;
        try {
            return netconfChanges.runExclusive(() -> {
                synchronized (this) {
                    refreshHook.run();
                    return refreshLocked(ticker, publish);
                }
            }, batch -> applyNetconf(batch, ticker, publish));
        } finally {
            if (forRead || askedByRead) { // askedByRead: a read this refresh took although it came for another reason
                readRefreshEnded = true;
            }
        }
    }

    private synchronized NetnsSnapshot refreshLocked(Ticker ticker, Consumer<NetnsSnapshot> publish) throws ErrnoException {
        if (closed) {
            return null;
        }
        long start = ticker.nanos();
        lastRefreshStartNanos = start;
        boolean polled = readSinceRefresh;
        readSinceRefresh = false; // reads during this refresh mark it again: they may have seen the old snapshot
        refreshes++;
        if (polled) {
            askedByRead = true;
            if (nsPath != null && !heldFilesOpened) {
                heldFilesOpened = openHeldFiles();
            }
        }
        SortedMap<Integer, IpCounters> inet6Before = reading == null ? EMPTY_COUNTERS : reading.ipStatistics().ipv6Interfaces();
        RefreshKind kind = refreshKind(start);
        boolean structure = kind != RefreshKind.KEPT;
        List<LinkInfo> links;
        SortedMap<Integer, IpCounters> inet6Stats;
        Map<Long, NeighParms> neigh;
        boolean linksInFull = false;
        try {
            LinkCountersMerge.Merged merged = kind == RefreshKind.FULL ? null : readCounters(inet6Before);
            if (merged != null) {
                links = merged.links();
                inet6Stats = merged.inet6();
            } else {
                ReusingDump<LinkRead> linkRead = dump.dump(DumpRequest.links(), () -> new ReusingDump<>(m -> LinkRead.decode(m, inet6Before), linkDump));
                linkDump = linkRead.next(); // its objects are decodes of its own messages: valid whatever happens next
                counters.linksDecoded.add(linkRead.decoded());
                linksInFull = true;
                links = new ArrayList<>(linkRead.items().size());
                inet6Stats = new TreeMap<>();
                for (LinkRead r : linkRead.items()) {
                    links.add(r.link());
                    if (r.inet6() != null) {
                        inet6Stats.put(r.link().ifIndex(), r.inet6());
                    }
                }
                // the set of links changed (a link whose notification is still on its way): the rest may have too
                structure = structure || reading.links().size() != links.size() || hasNewLink(reading.links(), links);
            }
            neigh = neighTables(polled, links);
        } catch (ErrnoException | RuntimeException e) {
            if (structure) {
                structureDumpRequested.set(true); // taken by refreshKind, not read: the next refresh tries again
            }
            throw e;
        }
        if (structure) {
            try {
                readStructure(ticker, polled, links, neigh, inet6Stats, start);
            } catch (ErrnoException | RuntimeException e) {
                structureDumpRequested.set(true); // not read: the next refresh tries again
                throw e;
            }
            lastStructureDumpNanos = start;
        } else {
            // netconf, addresses and routes as the last structure dump and the notifications since left them
            boolean raced = false;
            if (neighboursDue(polled)) {
                raced = dumpNeighbours(ticker);
            }
            routingDumpRaced = raced;
            structureDumpsKept++;
            reading = new KernelReading(links, neigh, reading.netconf(), reading.linkLocal(), ipDefaults.defaultTtl(), readScalar(0),
                    ipDefaults.ipv6HopLimit(), start, reading.addresses(), readStatistics(inet6Stats));
        }
        publishLocked(ticker, publish);
        if (linksInFull) { // only now: a refresh that failed after the full link dump served nothing of it
            fullLinkDumps++;
            lastFullLinkDumpNanos = start;
        }
        readingStartNanos = start;
        lastRefreshNanos = ticker.nanos() - start;
        return snapshot;
    }

    /** The full part of a refresh: netconf, addresses, neighbours (when due) and routes, into a new {@code reading}. */
    private void readStructure(Ticker ticker, boolean polled, List<LinkInfo> links, Map<Long, NeighParms> neigh,
                               SortedMap<Integer, IpCounters> inet6Stats, long start) throws ErrnoException {
        ReusingDump<NetconfEntry> netconfRead = dump.dump(DumpRequest.netconf(), () -> new ReusingDump<>(NetconfMessage::decode, netconfDump));
        if (netconfTable == null || !netconfRead.unchanged()) {
            netconfTable = NetconfTable.of(netconfRead.items());
        }
        netconfDump = netconfRead.next(); // after the table: it always is the one built from that dump
        NetconfTable netconf = netconfTable; // the same object while the dump reads the same (SnapshotAssembler's shortcut)
        ReusingDump<AddressInfo> addressRead = dump.dump(DumpRequest.addresses(), () -> new ReusingDump<>(AddressInfo::decode, addressDump));
        List<AddressInfo> addresses = addressRead.items();
        if (linkLocalTable == null || !addressRead.unchanged()) {
            // a finite lifetime counts down in every dump: the link-local addresses alone decide whether the table is new
            Map<Integer, byte[]> linkLocal = new HashMap<>();
            for (AddressInfo a : addresses) {
                if (a.scope() == Rtnl.RT_SCOPE_LINK && a.family() == Native.AF_INET6) {
                    linkLocal.putIfAbsent(a.ifIndex(), a.address());
                }
            }
            if (linkLocalTable == null || !sameAddresses(linkLocalTable, linkLocal)) {
                linkLocalTable = linkLocal;
            }
        }
        addressDump = addressRead.next();
        addressesCountDown = hasFiniteLifetime(addresses);
        Map<Integer, byte[]> linkLocal = linkLocalTable;
        boolean raced = false;
        if (neighboursDue(polled)) {
            raced = dumpNeighbours(ticker);
        }
        routes.dumpStarting();
        // decoded route messages are kept for the next dump only in the agent's own namespace (thousands of
        // routes on a host of pods, refreshed at every poll); a pod's few routes are decoded again (ReusingDump)
        boolean keepRoutes = nsPath == null;
        ReusingDump<RouteMessage> v4 = dump.dump(DumpRequest.routes(Native.AF_INET),
                () -> new ReusingDump<>(RouteMessage::decode, route4Dump, keepRoutes));
        ReusingDump<RouteMessage> v6 = dump.dump(DumpRequest.routes(Native.AF_INET6),
                () -> new ReusingDump<>(RouteMessage::decode, route6Dump, keepRoutes));
        routeDumpRaced = routes.replaceAll(v4.items(), v6.items(), v4.unchanged() && v6.unchanged());
        raced |= routeDumpRaced;
        route4Dump = v4.next(); // only once the table holds both: "unchanged" then means the table is theirs
        route6Dump = v6.next();
        readNexthops(keepRoutes);
        routingDumpRaced = raced;
        structureDumps++;
        reading = new KernelReading(links, neigh, netconf, linkLocal, ipDefaults.defaultTtl(), readScalar(0), ipDefaults.ipv6HopLimit(),
                start, addresses, readStatistics(inet6Stats));
    }

    /**
     * Reads the nexthop objects into {@link #routes} when a route names one and nothing else of its path
     * (net.ipv4.nexthop_compat_mode 0): a namespace without such routes (no nexthop objects, or compat
     * mode 1, where route messages carry the path) makes no nexthop dump. Read after the routes, so an
     * object a route names exists in the dump unless it went meanwhile, and then its notification asks
     * for the next structure dump. In compat mode 0 a changed object leaves the route dump as it was (the
     * route table is kept): the objects read here are what changes the snapshot then.
     */
    private void readNexthops(boolean keepDecoded) throws ErrnoException {
        if (!routes.needsNexthops()) {
            nexthopDump = ReusingDump.Previous.none();
            routes.nexthops(Nexthops.NONE);
            return;
        }
        // after forgetPreviousDumps nothing says the held table is the last dump's: an empty dump would read "unchanged"
        boolean forgotten = nexthopDump == ReusingDump.Previous.<NexthopMessage>none();
        ReusingDump<NexthopMessage> read = dump.dump(DumpRequest.nexthops(),
                () -> new ReusingDump<>(NexthopMessage::decode, nexthopDump, keepDecoded));
        nexthopDumps++;
        if (!read.unchanged() || forgotten) { // else the objects read as the last dump's, whose table the route table holds
            routes.nexthops(Reuse.previousIfEqual(routes.nexthops(), NexthopTable.of(read.items())));
        }
        nexthopDump = read.next();
    }

    /** Re-dumps the neighbour entries into {@link #neighbours}; true if the dump overlapped changes. */
    private boolean dumpNeighbours(Ticker ticker) throws ErrnoException {
        neighbours.dumpStarting();
        List<NeighbourMessage> read;
        try {
            read = dump.dump(DumpRequest.neighbours(), () -> NlSocket.DumpCollector.toList(NeighbourMessage::decode));
        } catch (ErrnoException | RuntimeException e) {
            neighbourDumpDue.set(true); // not read: the next refresh tries again
            throw e;
        }
        boolean raced = neighbours.replaceAll(read, ticker.nanos());
        counters.neighbourDumps.increment();
        return raced;
    }

    /** What a refresh dumps besides the neighbour tables and entries (see {@link #refreshKind}). */
    enum RefreshKind {
        /** The links' counters and IPv6 blocks; netconf, addresses and routes kept as notifications left them. */
        KEPT,
        /** Netconf, addresses and routes too (the structure dump), the links through the light dumps unless they list other links. */
        STRUCTURE,
        /** The structure dump with the links in full. */
        FULL
    }

    /**
     * What this refresh re-dumps. Between structure dumps the kernel announces every change of netconf,
     * addresses, routes and links to the namespace's listener: netconf and route changes are merged from
     * their notifications, and an address, link or nexthop notification, a lost notification or a route
     * the table could not merge asks for a structure dump ({@link #requestStructureDump(long)}). What
     * changes without a notification is dumped anyway: the links' counters (RTM_GETSTATS) and IPv6 blocks
     * (per-device IPv6 settings, ND times, IPv6 statistics: the AF_INET6 link dump), the /proc/net
     * statistics with the preads; the IPv4 per-device settings of the full link message (IFLA_INET_CONF)
     * are not served, except forwarding, which netconf notifications bring. So a refresh for a read dumps
     * four light things instead of seven ({@link RefreshKind#KEPT}).
     * <p>{@link RefreshKind#FULL}: a notification asking for a structure dump ({@link #requestStructureDump(long)})
     * had not settled ({@link #STRUCTURE_SETTLE_NANOS}) when the last structure dump or the last full link dump
     * started (both: a structure dump of the light kind does not read a link change, and a full link dump in a
     * refresh that kept the rest does not read an address change), a refresh asked for it
     * ({@link #requestStructureDump()}: a failed dump, the warm-up), nothing reads the notifications, there is
     * no reading yet, or the last full link dump is {@link #LINK_DUMP_MAX_AGE_NANOS} old. A refresh that finds
     * another set of links in the light dumps dumps them in full as well (refreshLocked).
     * <p>{@link RefreshKind#STRUCTURE}: nothing asked, but the last structure dump is
     * {@link #STRUCTURE_DUMP_MAX_AGE_NANOS} old, the last route dump raced changes, or an address or a default
     * route has a finite lifetime (what is left of it, served in ipAddressPrefixTable and
     * ipDefaultRouterTable, counts down without notifications). None of these is about the links.
     */
    private RefreshKind refreshKind(long startNanos) {
        boolean requested = structureDumpRequested.getAndSet(false);
        long agedNanos = startNanos + dumpAgeOffsetNanos;
        dumpAgeOffsetNanos = 0;
        long notice = structureNoticeNanos.get();
        if (requested || reading == null || unwatched
                || lastStructureDumpNanos - notice < STRUCTURE_SETTLE_NANOS
                || lastFullLinkDumpNanos - notice < STRUCTURE_SETTLE_NANOS
                || agedNanos - lastFullLinkDumpNanos >= LINK_DUMP_MAX_AGE_NANOS) {
            return RefreshKind.FULL;
        }
        if (routeDumpRaced || agedNanos - lastStructureDumpNanos >= STRUCTURE_DUMP_MAX_AGE_NANOS
                || addressesCountDown || hasExpiringRoute(routes.entries())) {
            return RefreshKind.STRUCTURE;
        }
        return RefreshKind.KEPT;
    }

    /**
     * The links of a refresh that needs no structure dump: the kept links with the counters of an
     * RTM_GETSTATS dump and the IPv6 blocks of an AF_INET6 link dump ({@link LinkCountersMerge}), or
     * null when the refresh must dump the links in full: those dumps list other links than the kept
     * ones (a link came or went; its notification is still on its way; or an IPv6 device's fields changed
     * before its RTM_NEWLINK was handled), or they failed (logged once for the agent, counted; a kernel
     * before 4.7 refuses RTM_GETSTATS with EOPNOTSUPP: from then on every refresh dumps the links in full).
     */
    private LinkCountersMerge.Merged readCounters(SortedMap<Integer, IpCounters> inet6Before) throws ErrnoException {
        if (linkStatsUnsupported) {
            return null;
        }
        ReusingDump<LinkCounters> stats;
        ReusingDump<LinkCountersMerge.Inet6Read> inet6;
        LinkCountersMerge.KeptLinks kept = new LinkCountersMerge.KeptLinks(reading.links());
        try {
            stats = dump.dump(DumpRequest.linkStats(), () -> new ReusingDump<>(m -> kept.share(LinkCounters.decode(m)), linkStatsDump));
            inet6 = dump.dump(DumpRequest.inet6Links(), () -> new ReusingDump<>(m -> decodeInet6(m, inet6Before, kept), inet6LinkDump));
        } catch (ErrnoException e) {
            // this refresh dumps the links in full; a kernel before 4.7 (RTM_GETSTATS unknown: EOPNOTSUPP) from now on
            linkStatsUnsupported = e.errno() == Native.EOPNOTSUPP;
            counters.linkStatsFallbacks.increment();
            if (LIGHT_DUMP_FAILURE_LOGGED.compareAndSet(false, true)) {
                LOG.warning("link counters dump failed in namespace " + context + ", dumping the links in full"
                        + (linkStatsUnsupported ? " from now on" : " for this refresh") + ": " + e.getMessage());
            }
            return null;
        }
        linkStatsDump = stats.next();
        inet6LinkDump = inet6.next();
        counters.linksDecoded.add(stats.decoded() + inet6.decoded());
        return LinkCountersMerge.merge(reading.links(), stats.items(), inet6.items());
    }

    /** A default route learnt with a lifetime: what is left of it is served (ipDefaultRouterLifetime). */
    private static boolean hasExpiringRoute(List<RouteEntry> entries) {
        for (RouteEntry r : entries) {
            if (r.prefixLength() == 0 && r.expiresCentis() > 0) {
                return true;
            }
        }
        return false;
    }

    /** An address whose remaining lifetime counts down (0 < lifetime < forever: 0 is a deprecated address's, and stays 0). */
    private static boolean hasFiniteLifetime(List<AddressInfo> addresses) {
        for (AddressInfo a : addresses) {
            if (countsDown(a.validLifetimeSeconds()) || countsDown(a.preferredLifetimeSeconds())) {
                return true;
            }
        }
        return false;
    }

    private static boolean countsDown(long lifetimeSeconds) {
        return lifetimeSeconds > 0 && lifetimeSeconds != AddressInfo.FOREVER;
    }

    /** The next refresh re-dumps netconf, addresses, routes and the links in full (tests, the warm-up, and a dump that failed). */
    void requestStructureDump() {
        structureDumpRequested.set(true);
    }

    /**
     * A notification handled at ticker time {@code nowNanos} says netconf, addresses or routes changed in a
     * way notifications do not describe in full: the structure dump that reads it must start at least
     * {@link #STRUCTURE_SETTLE_NANOS} later (the notification's own refresh does).
     */
    void requestStructureDump(long nowNanos) {
        structureNoticeNanos.accumulateAndGet(nowNanos, Math::max);
    }

    /** Nothing will read this namespace's notifications: from now on every refresh dumps everything. */
    void markUnwatched() {
        unwatched = true;
    }

    private static boolean sameAddresses(Map<Integer, byte[]> a, Map<Integer, byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> e : a.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hands a netconf notification to this namespace: merged now, or, while a refresh holds the
     * namespace, by that refresh as soon as it ends. Never blocks (called by the notification thread).
     */
    void offerNetconf(NetconfEntry entry, boolean deleted, Ticker ticker, Consumer<NetnsSnapshot> publish) {
        netconfChanges.offer(new NetconfChange(entry, deleted), batch -> applyNetconf(batch, ticker, publish));
    }

    /** Whether a refresh (or a netconf merge) holds this namespace now: a caller that must not wait should come back later. */
    @Override
    public boolean refreshRunning() {
        return netconfChanges.busy();
    }

    /** Netconf notifications waiting for this namespace's running refresh (for tests). */
    int pendingNetconf() {
        return netconfChanges.pending();
    }

    /** Merges netconf notifications, in order, into the last reading and republishes once, without any kernel I/O. */
    private synchronized void applyNetconf(List<NetconfChange> batch, Ticker ticker, Consumer<NetnsSnapshot> publish) {
        if (closed || reading == null) {
            return;
        }
        NetconfTable t = reading.netconf();
        for (NetconfChange c : batch) {
            t = c.deleted() ? t.remove(c.entry().family(), c.entry().ifIndex()) : t.merge(c.entry());
        }
        reading = reading.withNetconf(t);
        publishLocked(ticker, publish);
    }

    private void publishLocked(Ticker ticker, Consumer<NetnsSnapshot> publish) {
        snapshot = SnapshotAssembler.assemble(context, id, reading, assembledFrom, snapshot, ticker.nanos(), this::speedOf);
        assembledFrom = reading;
        snapshot = snapshot.withRouting(neighbours.entries(), routes.entries(), routes.nexthops(), snapshot.generation());
        publish.accept(snapshot);
    }

    boolean routingDumpRaced() {
        return routingDumpRaced;
    }

    /** Republishes the last snapshot with the neighbour and route tables as notifications left them; no kernel I/O. */
    synchronized void republishRouting(Consumer<NetnsSnapshot> publish) {
        if (closed || snapshot == null) {
            return;
        }
        snapshot = snapshot.withRouting(neighbours.entries(), routes.entries(), routes.nexthops(), snapshot.generation() + 1);
        publish.accept(snapshot);
    }

    /**
     * The neighbour-table parameters: re-dumped only when they may have changed in a way nothing
     * told us about and someone looks — the agent's own namespace, a namespace read since its last
     * refresh, a new interface, or a flag set by an IPv6 ND-parameter notification or a
     * lost-notification overrun ({@link #requestNeighTables()}). Otherwise the last dump is kept: the
     * kernel's RTM_GETNEIGHTBL dump walks every device of every namespace on the host (the parms list
     * is global), so re-dumping each idle namespace made idle CPU grow with K². A namespace no read has
     * asked for has none until one does ({@link #readingIncomplete()}: that first read refreshes it
     * before it is answered): dumping them when it opens made opening K namespaces cost K² steps (at
     * K = 2,000 the dump is milliseconds, the largest part of opening a pod). IPv4 ARP parameter changes
     * send no notification: in a namespace nobody polls they show up at the first refresh after someone does.
     */
    private Map<Long, NeighParms> neighTables(boolean polled, List<LinkInfo> links) throws ErrnoException {
        if (!askedByRead) {
            return Map.of(); // nobody has read this namespace yet
        }
        boolean flagged = neighTablesDue.getAndSet(false);
        if (!(flagged || polled || nsPath == null || reading == null || neighTableMap == null
                || hasNewLink(reading.links(), links))) {
            return neighTableMap; // the last dump's, even if its refresh failed later
        }
        ReusingDump<NeighParms> read;
        try {
            read = dump.dump(DumpRequest.neighTables(), () -> new ReusingDump<>(NeighTableMessage::decode, neighTableDump));
        } catch (ErrnoException | RuntimeException e) {
            neighTablesDue.set(true); // not read: the next refresh tries again
            throw e;
        }
        counters.neighTableDumps.increment();
        if (!read.unchanged() || neighTableMap == null) {
            Map<Long, NeighParms> neigh = new HashMap<>();
            for (NeighParms p : read.items()) {
                neigh.put(KernelReading.neighKey(p.family(), p.ifIndex()), p);
            }
            neighTableMap = neigh;
        }
        neighTableDump = read.next();
        return neighTableMap;
    }

    /**
     * Whether this refresh re-dumps the neighbour entries. Notifications keep the table current
     * between dumps except for what the kernel does not announce (entries traffic creates while
     * resolving, reachable → delay → probe), so the dump runs when someone looks (the agent's own
     * namespace, a namespace read since its last refresh), for the first reading, and to recover
     * from lost notifications or a dump that raced changes. Keep-alive refreshes of namespaces
     * nobody polls skip it: the kernel keeps one ARP and one ND table for the whole host, so each
     * namespace's dump walks every entry of every namespace, and re-dumping each idle namespace
     * would make idle CPU grow with K times the host's neighbours.
     */
    private boolean neighboursDue(boolean polled) {
        boolean requested = neighbourDumpDue.getAndSet(false);
        return requested || polled || nsPath == null || reading == null || routingDumpRaced;
    }

    /** The next refresh re-dumps the neighbour entries (notifications were lost). */
    void requestNeighbourDump() {
        neighbourDumpDue.set(true);
    }

    /** Whether {@code now} has a link {@code before} does not (by ifIndex). */
    private static boolean hasNewLink(List<LinkInfo> before, List<LinkInfo> now) {
        Set<Integer> known = new HashSet<>(before.size() * 2);
        for (LinkInfo l : before) {
            known.add(l.ifIndex());
        }
        for (LinkInfo l : now) {
            if (!known.contains(l.ifIndex())) {
                return true;
            }
        }
        return false;
    }

    /** The next refresh re-dumps the neighbour tables (an IPv6 ND-parameter change, or lost notifications). */
    void requestNeighTables() {
        neighTablesDue.set(true);
    }

    /** Speed changes come with carrier changes, so ask the driver only for new rows and oper-state changes. */
    private long speedOf(LinkInfo l, InterfaceSnapshot previous) {
        if (previous != null && previous.operState() == l.operState() && previous.name().equals(l.name())) {
            return previous.speedMbps();
        }
        return speed.speedMbps(dump.fd(), l.name());
    }

    /**
     * pread of held sysctl {@code i}. ENOENT means its table was unregistered: evict the fd and, if
     * the namespace is still the one behind our path, reopen it once (one counted lookup).
     */
    private int readScalar(int i) {
        HeldSysctl h = sysctls[i];
        if (h == null) {
            return -1;
        }
        try {
            return (int) h.readLong();
        } catch (ErrnoException e) {
            if (e.errno() != Native.ENOENT) {
                return -1;
            }
            h.close();
            sysctls[i] = null;
            if (reopened[i] || (nsPath != null && !NetnsIdentity.sameInode(nsPath, id))) {
                return -1;
            }
            reopened[i] = true;
            try {
                sysctls[i] = switcher.call(nsPath, () -> openSysctl(SYSCTLS.get(i), nsPath == null, counters));
                counters.fdReopens.increment();
                return (int) sysctls[i].readLong();
            } catch (ErrnoException again) {
                return -1;
            }
        }
    }

    /**
     * The namespace's counters: preads of the held snmp, netstat and snmp6 files. A file that fails
     * (the namespace is going away) reads as absent for this refresh; the handle is closed soon after.
     */
    private IpStatistics readStatistics(java.util.SortedMap<Integer, IpCounters> inet6Stats) {
        IpCounters.Builder v4 = IpCounters.builder();
        String snmp = readProcNet(0);
        if (snmp != null) {
            ProcNetStats.addPairedLines(snmp, "Ip:", v4);
        }
        String netstat = readProcNet(1);
        if (netstat != null) {
            ProcNetStats.addPairedLines(netstat, "IpExt:", v4);
        }
        String snmp6 = readProcNet(2);
        return new IpStatistics(v4.build(), snmp6 == null ? IpCounters.NONE : ProcNetStats.parseSnmp6(snmp6), inet6Stats);
    }

    private String readProcNet(int i) {
        HeldProcNetFile f = procNet[i];
        if (f == null) {
            return null;
        }
        try {
            return f.read();
        } catch (ErrnoException e) {
            return null;
        }
    }

    /** Held sysctl {@code i} of {@link #SYSCTLS}, or null (for tests). */
    synchronized HeldSysctl sysctl(int i) {
        return sysctls[i];
    }

    /** /proc/sys fds held open now. */
    synchronized int heldFds() {
        int n = 0;
        for (HeldSysctl h : sysctls) {
            n += h != null && h.isOpen() ? 1 : 0;
        }
        return n;
    }

    /** Sysctl fds lost (ENOENT or could not be opened) and not re-opened; none before a namespace's first read. */
    synchronized int staleFds() {
        return closed || nsPath != null && !askedByRead ? 0 : SYSCTLS.size() - heldFds();
    }

    /** Closes the dump socket and the sysctl fds (the notification socket is closed by its poller). */
    @Override
    public synchronized void close() {
        closed = true;
        dump.close();
        listener.close(); // idempotent: normally the poller closed it already
        ipDefaults.close();
        for (int i = 0; i < sysctls.length; i++) {
            if (sysctls[i] != null) {
                sysctls[i].close();
                sysctls[i] = null;
            }
        }
        for (int i = 0; i < procNet.length; i++) {
            if (procNet[i] != null) {
                procNet[i].close();
                procNet[i] = null;
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
