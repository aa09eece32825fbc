package nlagent.mib.netns;

import java.util.List;

import nlagent.model.InetFamily;
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

    /** The route's next hops, one per line of the /proc file (several only for an IPv6 multipath route without a nexthop object). */
    static List<RouteEntry.NextHop> of(RouteEntry route, Nexthops nexthops) {
        if (route.nexthopId() == 0) {
            return route.nextHops();
        }
        if (!route.hopInNexthopObject()) {
            return List.of(route.nextHops().get(0)); // compat mode 1: a group's members in the kernel's order, the first shown
        }
        RouteEntry.NextHop path = nexthops.path(route.nexthopId());
        if (path == null) {
            return route.nextHops(); // the object went before the dump that read them: the route goes with it, soon
        }
        byte[] gateway = path.gateway();
        if (gateway != null && gateway.length != InetFamily.addressLength(route.family())) {
            // an IPv4 route over an IPv6 gateway (RFC 5549): /proc/net/route's gateway column holds only an IPv4 one, so
            // 0.0.0.0, as a route with RTA_VIA (compat mode 1) is served; the file's RTF_GATEWAY flag is not modelled
            return List.of(new RouteEntry.NextHop(path.ifIndex(), null, path.weight()));
        }
        return List.of(path);
    }
}
