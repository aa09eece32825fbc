package nlagent.kernel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import nlagent.model.Nexthops;
import nlagent.model.RouteEntry;
import nlagent.netlink.NexthopMessage;
import nlagent.netlink.Rtnl;

/**
 * Turns a nexthop dump into {@link Nexthops}: each object as the one path the kernel's /proc/net/route
 * and /proc/net/ipv6_route show for a route over it (what net-snmp serves), so that a route message
 * that names the object and nothing else (compat mode 0) is served as stock snmpd serves it.
 */
final class NexthopTable {
    private NexthopTable() {
    }

    static Nexthops of(List<NexthopMessage> dumped) {
        Map<Integer, NexthopMessage> byId = new HashMap<>();
        for (NexthopMessage m : dumped) {
            byId.put(m.id(), m);
        }
        SortedMap<Integer, RouteEntry.NextHop> paths = new TreeMap<>();
        for (NexthopMessage m : dumped) {
            // a group: its first member, as the /proc files show a route over it (nexthop_fib_nhc(nh, 0),
            // nexthop_fib6_nh); groups do not nest, and the dump lists a group's members with it
            NexthopMessage path = m.group().isEmpty() ? m : byId.get(m.group().get(0).id());
            if (path != null && path.group().isEmpty()) {
                paths.put(m.id(), path(path));
            }
        }
        return new Nexthops(paths);
    }

    /** A blackhole object has no NHA_OIF: the kernel gives it the loopback device, which the /proc files show. */
    private static RouteEntry.NextHop path(NexthopMessage m) {
        return m.blackhole() ? new RouteEntry.NextHop(Rtnl.LOOPBACK_IFINDEX, null, 1) : new RouteEntry.NextHop(m.ifIndex(), m.gateway(), 1);
    }
}
