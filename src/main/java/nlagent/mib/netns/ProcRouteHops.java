package nlagent.mib.netns;

import java.util.List;

import nlagent.model.Nexthops;
import nlagent.model.RouteEntry;

/**
 * The next hops of a route as the kernel's /proc/net/route and /proc/net/ipv6_route show it, which
 * net-snmp reads for ipRouteTable, ipCidrRouteTable and inetCidrRouteTable (route_linux.c,
 * var_route.c). A route over a kernel nexthop object is one entry there (one fib_alias, one
 * fib6_info) with one path, its object's, a group's first member's, whatever
 * net.ipv4.nexthop_compat_mode says; route messages carry that path only in compat mode 1 (a group's:
 * as RTA_MULTIPATH), in compat mode 0 only the object's id ({@link RouteEntry#hopInNexthopObject()}).
 * ipDefaultRouterTable does not come through here: net-snmp reads it from netlink as we do.
 */
final class ProcRouteHops {
    private ProcRouteHops() {
    }

    /**
     * The route's next hops, one per line of the /proc file (several only for an IPv6 multipath route without a nexthop
     * object; none for a route whose object is gone).
     */
    static List<RouteEntry.NextHop> of(RouteEntry route, Nexthops nexthops) {
        if (route.nexthopId() == 0) {
            return route.nextHops();
        }
        if (!route.hopInNexthopObject()) {
            return List.of(route.nextHops().get(0)); // compat mode 1: a group's members in the kernel's order, the first shown
        }
        RouteEntry.NextHop path = nexthops.path(route.nexthopId());
        if (path == null) {
            // the object went, and the kernel removed the route with it without a word (IPv4 always, IPv6 in compat
            // mode 0): no line in the /proc files, no row, until the structure dump its notification asked for
            return List.of();
        }
        return List.of(path);
    }
}
