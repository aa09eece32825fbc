package nlagent.kernel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nlagent.model.Nexthops;
import nlagent.model.Reuse;
import nlagent.model.RouteEntry;
import nlagent.netlink.RouteMessage;
import nlagent.netlink.Rtnl;
import nlagent.sys.Native;

/**
 * The routes of one namespace that the agent serves (IPv4 main table, IPv6 every table, as
 * net-snmp reads /proc/net/route and /proc/net/ipv6_route), kept current between dumps by applying
 * RTM_NEWROUTE / RTM_DELROUTE notifications. Rows stay in the kernel's dump order (net-snmp
 * numbers IPv6 rows in that order); routes added later go to the end of their family.
 *
 * <p>A notification is applied only when its effect is certain. A route appended next to another
 * with the same key, or one next hop of an IPv6 multipath route added or removed, is answered
 * with {@link Result#RESYNC}: the caller re-dumps (coalesced) rather than guess the sibling set.
 * So is a route that names a nexthop object the last dump did not read (compat mode 0, where the
 * message says nothing else of where the route goes): the structure dump reads the objects with it.
 *
 * <p>The table also holds the nexthop objects read with the last route dump ({@link #nexthops()}),
 * so that the routes and the objects they name are handed on together.
 */
final class RouteTable {
    /** What a notification did. */
    enum Result { UNCHANGED, CHANGED, RESYNC }

    /**
     * The kernel's identity of a route (fib_alias / fib6_info lookup key). Connected routes to the
     * same prefix on different devices are separate routes (fe80::/64 on every link), so their
     * device is part of the key; routes via gateways with the same key are one (multipath) route.
     */
    private record Key(int family, int table, ByteBuffer destination, int prefixLength, int tos, long metric, int connectedIfIndex) {
    }

    private Map<Key, RouteEntry> v4 = new LinkedHashMap<>();
    private Map<Key, RouteEntry> v6 = new LinkedHashMap<>();
    /** Keys the last dump had more than one route for (IPv4 twins): the table shows one, so removing it needs the dump. */
    private Set<Key> twinned = Set.of();
    private List<RouteEntry> list = List.of();
    private boolean dirty;
    private List<RouteMessage> duringDump;
    /** A notification was applied since the last {@link #replaceAll}: the maps may differ from that dump's. */
    private boolean touchedSinceDump = true;
    /** The nexthop objects read after the last route dump ({@link Nexthops#NONE} when no route needed them). */
    private Nexthops nexthops = Nexthops.NONE;

    /** Whether this table keeps {@code m}'s route at all. */
    static boolean served(RouteMessage m) {
        return m.family() == Native.AF_INET6 || m.table() == Rtnl.RT_TABLE_MAIN;
    }

    synchronized void dumpStarting() {
        duringDump = new ArrayList<>();
    }

    /**
     * Replaces everything with an IPv4 and an IPv6 dump, then re-applies what came in meanwhile;
     * true when something did (the dump may be inconsistent: see {@link NeighbourTable#replaceAll}).
     */
    synchronized boolean replaceAll(List<RouteMessage> ipv4, List<RouteMessage> ipv6) {
        return replaceAll(ipv4, ipv6, false);
    }

    /**
     * {@link #replaceAll(List, List)}; {@code sameAsLastDump}: both dumps read exactly as the ones of the
     * last call ({@link ReusingDump#unchanged()}), so when no notification touched the table since,
     * it already is what they would build and is kept as it is (no new keys, entries or maps).
     */
    synchronized boolean replaceAll(List<RouteMessage> ipv4, List<RouteMessage> ipv6, boolean sameAsLastDump) {
        if (sameAsLastDump && !touchedSinceDump && (duringDump == null || duringDump.isEmpty())) {
            duringDump = null;
            return false;
        }
        Map<Key, RouteEntry> old4 = v4;
        Map<Key, RouteEntry> old6 = v6;
        v4 = new LinkedHashMap<>();
        v6 = new LinkedHashMap<>();
        Set<Key> twins = new HashSet<>();
        for (List<RouteMessage> dump : List.of(ipv4, ipv6)) {
            for (RouteMessage m : dump) {
                if (served(m) && !m.deleted()) {
                    Key k = key(m);
                    RouteEntry was = (m.family() == Native.AF_INET ? old4 : old6).get(k);
                    if (map(m).putIfAbsent(k, Reuse.previousIfEqual(was, entry(m))) != null) {
                        twins.add(k); // an appended or prepended twin (same key) is shown once: the first
                    }
                }
            }
        }
        twinned = twins.isEmpty() ? Set.of() : twins;
        List<RouteMessage> replay = duringDump == null ? List.of() : duringDump;
        duringDump = null;
        for (RouteMessage m : replay) {
            applyLocked(m);
        }
        dirty = true;
        touchedSinceDump = !replay.isEmpty();
        return !replay.isEmpty();
    }

    /** Whether a route of the table names a nexthop object and nothing else of its path: the objects must be read. */
    synchronized boolean needsNexthops() {
        for (Map<Key, RouteEntry> map : List.of(v4, v6)) {
            for (RouteEntry e : map.values()) {
                if (e.hopInNexthopObject()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The nexthop objects read with the last route dump, for the routes that name them. */
    synchronized void nexthops(Nexthops read) {
        nexthops = read;
    }

    synchronized Nexthops nexthops() {
        return nexthops;
    }

    /** Applies one notification. */
    synchronized Result apply(RouteMessage m) {
        if (!served(m)) {
            return Result.UNCHANGED;
        }
        if (duringDump != null) {
            duringDump.add(m);
        }
        touchedSinceDump = true;
        Result r = applyLocked(m);
        dirty |= r == Result.CHANGED;
        return r;
    }

    private Result applyLocked(RouteMessage m) {
        Map<Key, RouteEntry> map = map(m);
        Key k = key(m);
        RouteEntry old = map.get(k);
        RouteEntry e = entry(m);
        if (m.deleted()) {
            if (old == null) {
                return Result.UNCHANGED;
            }
            if (twinned.contains(k)) {
                return Result.RESYNC; // one of twins went: which one the table shows now, the dump knows
            }
            if (old.nextHops().size() > 1 && !old.nextHops().equals(e.nextHops())) {
                return Result.RESYNC; // one sibling of several went
            }
            map.remove(k);
            return Result.CHANGED;
        }
        if (e.hopInNexthopObject() && nexthops.path(e.nexthopId()) == null) {
            return Result.RESYNC; // where it goes is in a nexthop object not read yet: the dump reads it
        }
        if (old == null) {
            map.put(k, e);
            return Result.CHANGED;
        }
        if (m.appended() || (m.family() == Native.AF_INET && !m.replaced())
                || (m.family() == Native.AF_INET6 && !old.nextHops().equals(e.nextHops()))) {
            // a sibling or twin route (IPv4: appended, or prepended: neither NLM_F_APPEND nor NLM_F_REPLACE): the
            // dump knows the whole set, and which twin is shown
            return Result.RESYNC;
        }
        map.put(k, e);
        return old.equals(e) ? Result.UNCHANGED : Result.CHANGED;
    }

    private Map<Key, RouteEntry> map(RouteMessage m) {
        return m.family() == Native.AF_INET ? v4 : v6;
    }

    private static Key key(RouteMessage m) {
        RouteMessage.NextHop first = m.nextHops().get(0);
        int connected = m.nextHops().size() == 1 && first.gateway() == null ? first.ifIndex() : 0;
        return new Key(m.family(), m.table(), ByteBuffer.wrap(m.destination()), m.dstLen(), m.tos(), m.priority(), connected);
    }

    private static RouteEntry entry(RouteMessage m) {
        List<RouteEntry.NextHop> hops = new ArrayList<>(m.nextHops().size());
        for (RouteMessage.NextHop h : m.nextHops()) {
            hops.add(new RouteEntry.NextHop(h.ifIndex(), h.gateway(), h.weight()));
        }
        return new RouteEntry(m.family(), m.table(), m.destination(), m.dstLen(), m.tos(), m.protocol(), m.type(),
                m.priority(), hops, m.expiresCentis(), m.nexthopId());
    }

    /** IPv4 rows then IPv6 rows, each in dump order; rebuilt once per change. */
    synchronized List<RouteEntry> entries() {
        if (dirty) {
            List<RouteEntry> l = new ArrayList<>(v4.size() + v6.size());
            l.addAll(v4.values());
            l.addAll(v6.values());
            if (!Reuse.sameElements(list, l)) { // a re-dump of unchanged routes keeps the list (Reuse)
                list = List.copyOf(l);
            }
            dirty = false;
        }
        return list;
    }

    synchronized int size() {
        return v4.size() + v6.size();
    }
}
