package nlagent.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsId;
import nlagent.model.NetnsSnapshot;
import nlagent.netlink.DumpRequest;
import nlagent.netlink.IfAddress;
import nlagent.netlink.LinkInfo;
import nlagent.netlink.LinkMessage;
import nlagent.netlink.Native;
import nlagent.netlink.NeighParms;
import nlagent.netlink.NeighbourMessage;
import nlagent.netlink.NeighTableMessage;
import nlagent.netlink.NetconfEntry;
import nlagent.netlink.NetconfMessage;
import nlagent.netlink.NetlinkException;
import nlagent.netlink.NlSocket;
import nlagent.netlink.RouteMessage;
import nlagent.netlink.Rtnl;
import nlagent.time.Ticker;

/**
 * Everything the agent holds in one network namespace: a dump socket, a notification socket and
 * three held /proc/sys fds, all created once inside the namespace by the {@link NetnsSwitcher}.
 * The two sockets pin the namespace, so {@link #close()} must run as soon as it disappears.
 * A refresh is seven dumps (links, neighbour tables, netconf, IPv6 addresses, neighbours, IPv4
 * and IPv6 routes) plus three preads — no path lookup. Thread-safe: refresh, netconf
 * merges and close are serialized on this handle.
 */
final class NetnsHandle implements AutoCloseable {
    /** Groups whose messages change what we serve: links, IPv6 addresses, IPv6 ND parameters, IPv4/IPv6 forwarding, neighbours, routes. */
    static final int[] GROUPS = {Rtnl.RTNLGRP_LINK, Rtnl.RTNLGRP_IPV6_IFADDR, Rtnl.RTNLGRP_IPV6_IFINFO,
        Rtnl.RTNLGRP_IPV4_NETCONF, Rtnl.RTNLGRP_IPV6_NETCONF,
        Rtnl.RTNLGRP_NEIGH, Rtnl.RTNLGRP_IPV4_ROUTE, Rtnl.RTNLGRP_IPV6_ROUTE};
    private static final int LISTENER_BUFFER_BYTES = 1 << 20;
    /** The values rtnetlink does not carry, per namespace. */
    static final List<String> SYSCTLS = List.of("net/ipv4/ip_default_ttl", "net/ipv4/ipfrag_time", "net/ipv6/conf/all/hop_limit");

    private final String context;
    private final Path nsPath;
    private final NetnsId id;
    private final NlSocket dump;
    private final NlSocket listener;
    private final HeldSysctl[] sysctls;
    private final boolean[] reopened = new boolean[SYSCTLS.size()];
    private final NetnsSwitcher switcher;
    private final KernelCounters counters;
    private final LinkSpeed speed = new LinkSpeed();
    /** Neighbour and route entries, dumped on refresh and updated by notifications in between. */
    final NeighbourTable neighbours = new NeighbourTable();
    final RouteTable routes = new RouteTable();
    /** The last refresh's neighbour or route dump overlapped changes (see {@link NeighbourTable#replaceAll}). */
    private volatile boolean routingDumpRaced;
    /** Notifications were dropped (ENOBUFS) and the refresh that recovers has not completed yet. */
    volatile boolean notificationsLost;
    final AtomicBoolean refreshPending = new AtomicBoolean();
    /** Its periodic tick (set once by the data plane after opening; cancelled on removal). */
    volatile nlagent.time.Scheduler.Cancellable periodic;
    /** A frontend read this context since the last refresh started: the periodic refresh is due. */
    private volatile boolean readSinceRefresh;
    private volatile long refreshes;
    private KernelReading reading;
    private NetnsSnapshot snapshot;
    private boolean closed;
    private long lastRefreshNanos;
    private volatile long lastRefreshStartNanos = Long.MIN_VALUE / 2;

    private NetnsHandle(String context, Path nsPath, NetnsId id, Opened o, NetnsSwitcher switcher, KernelCounters counters) {
        this.context = context;
        this.nsPath = nsPath;
        this.id = id;
        this.dump = o.dump;
        this.listener = o.listener;
        this.sysctls = o.sysctls;
        this.switcher = switcher;
        this.counters = counters;
    }

    private record Opened(NlSocket dump, NlSocket listener, HeldSysctl[] sysctls) {
    }

    /**
     * Opens the namespace's sockets and sysctl fds. {@code nsPath} null means the agent's own
     * namespace. A sysctl that cannot be opened (e.g. IPv6 disabled at boot) reads -1.
     */
    static NetnsHandle open(String context, Path nsPath, NetnsSwitcher switcher, KernelCounters counters) throws IOException {
        Opened o = switcher.call(nsPath, () -> {
            NlSocket d = NlSocket.openDump(counters.netlink);
            NlSocket l = null;
            HeldSysctl[] s = new HeldSysctl[SYSCTLS.size()];
            try {
                l = NlSocket.openListener(counters.netlink, LISTENER_BUFFER_BYTES, GROUPS);
                for (int i = 0; i < s.length; i++) {
                    s[i] = tryOpen(SYSCTLS.get(i), counters);
                }
                return new Opened(d, l, s);
            } catch (NetlinkException | RuntimeException e) {
                d.close();
                if (l != null) {
                    l.close();
                }
                for (HeldSysctl h : s) {
                    if (h != null) {
                        h.close();
                    }
                }
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
            for (HeldSysctl h : o.sysctls) {
                if (h != null) {
                    h.close();
                }
            }
            throw e;
        }
    }

    private static HeldSysctl tryOpen(String rel, KernelCounters counters) {
        try {
            return HeldSysctl.open(rel, counters);
        } catch (NetlinkException e) {
            return null;
        }
    }

    String context() {
        return context;
    }

    Path nsPath() {
        return nsPath;
    }

    NetnsId id() {
        return id;
    }

    NlSocket listener() {
        return listener;
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

    boolean readSinceRefresh() {
        return readSinceRefresh;
    }

    /** Refreshes started since open (for tests and benchmarks). */
    long refreshes() {
        return refreshes;
    }

    /** Ticker time the last refresh started (readable without waiting for a running one). */
    long lastRefreshStartNanos() {
        return lastRefreshStartNanos;
    }

    /**
     * Re-dumps everything, assembles a new snapshot and hands it to {@code publish} while still
     * holding this handle (so a concurrent {@link #close()} can never be overtaken by a late
     * publish). Returns null when the handle is closed.
     */
    synchronized NetnsSnapshot refresh(Ticker ticker, Consumer<NetnsSnapshot> publish) throws NetlinkException {
        if (closed) {
            return null;
        }
        long start = ticker.nanos();
        lastRefreshStartNanos = start;
        readSinceRefresh = false; // reads during this refresh mark it again: they may have seen the old snapshot
        refreshes++;
        List<LinkInfo> links = dump.dump(DumpRequest.links(), () -> NlSocket.DumpCollector.toList(LinkMessage::decode));
        Map<Long, NeighParms> neigh = new HashMap<>();
        for (NeighParms p : dump.dump(DumpRequest.neighTables(), () -> NlSocket.DumpCollector.toList(NeighTableMessage::decode))) {
            neigh.put(KernelReading.neighKey(p.family(), p.ifIndex()), p);
        }
        NetconfTable netconf = NetconfTable.of(dump.dump(DumpRequest.netconf(), () -> NlSocket.DumpCollector.toList(NetconfMessage::decode)));
        Map<Integer, byte[]> linkLocal = new HashMap<>();
        for (IfAddress a : dump.dump(DumpRequest.ipv6Addresses(), () -> NlSocket.DumpCollector.toList(IfAddress::decode))) {
            if (a.scope() == Rtnl.RT_SCOPE_LINK && a.family() == Native.AF_INET6) {
                linkLocal.putIfAbsent(a.ifIndex(), a.address());
            }
        }
        neighbours.dumpStarting();
        boolean raced = neighbours.replaceAll(dump.dump(DumpRequest.neighbours(),
                () -> NlSocket.DumpCollector.toList(NeighbourMessage::decode)), ticker.nanos());
        routes.dumpStarting();
        raced |= routes.replaceAll(dump.dump(DumpRequest.routes(Native.AF_INET), () -> NlSocket.DumpCollector.toList(RouteMessage::decode)),
                dump.dump(DumpRequest.routes(Native.AF_INET6), () -> NlSocket.DumpCollector.toList(RouteMessage::decode)));
        routingDumpRaced = raced;
        reading = new KernelReading(links, neigh, netconf, linkLocal, readScalar(0), readScalar(1), readScalar(2), start);
        publishLocked(ticker, publish);
        lastRefreshNanos = ticker.nanos() - start;
        return snapshot;
    }

    /** Merges a netconf notification into the last reading and republishes, without any kernel I/O. */
    synchronized void applyNetconf(NetconfEntry entry, boolean deleted, Ticker ticker, Consumer<NetnsSnapshot> publish) {
        if (closed || reading == null) {
            return;
        }
        NetconfTable t = deleted ? reading.netconf().remove(entry.family(), entry.ifIndex()) : reading.netconf().merge(entry);
        reading = reading.withNetconf(t);
        publishLocked(ticker, publish);
    }

    private void publishLocked(Ticker ticker, Consumer<NetnsSnapshot> publish) {
        snapshot = SnapshotAssembler.assemble(context, id, reading, snapshot, ticker.nanos(), this::speedOf);
        snapshot = snapshot.withRouting(neighbours.entries(), routes.entries(), snapshot.generation());
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
        snapshot = snapshot.withRouting(neighbours.entries(), routes.entries(), snapshot.generation() + 1);
        publish.accept(snapshot);
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
        } catch (NetlinkException e) {
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
                sysctls[i] = switcher.call(nsPath, () -> HeldSysctl.open(SYSCTLS.get(i), counters));
                counters.fdReopens.increment();
                return (int) sysctls[i].readLong();
            } catch (NetlinkException again) {
                return -1;
            }
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

    /** Sysctl fds lost (ENOENT or never opened) and not re-opened. */
    synchronized int staleFds() {
        return closed ? 0 : SYSCTLS.size() - heldFds();
    }

    /** Closes the dump socket and the sysctl fds (the notification socket is closed by its poller). */
    @Override
    public synchronized void close() {
        closed = true;
        dump.close();
        listener.close(); // idempotent: normally the poller closed it already
        for (int i = 0; i < sysctls.length; i++) {
            if (sysctls[i] != null) {
                sysctls[i].close();
                sysctls[i] = null;
            }
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
