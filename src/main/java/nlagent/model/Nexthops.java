package nlagent.model;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The kernel nexthop objects of a namespace that routes refer to by id (RTA_NH_ID), each as the
 * one path the kernel's /proc/net/route and /proc/net/ipv6_route show for a route over it: its
 * interface and gateway; a group's first member's (nexthop_fib_nhc(nh, 0), nexthop_fib6_nh); a
 * blackhole's loopback device. Read only when a route needs it ({@link RouteEntry#hopInNexthopObject()}):
 * otherwise {@link #NONE}. Immutable.
 *
 * @param paths by nexthop id; each next hop's weight is 1
 */
public record Nexthops(SortedMap<Integer, RouteEntry.NextHop> paths) {
    /** No nexthop object read (none is needed, or the namespace has none). */
    public static final Nexthops NONE = new Nexthops(new TreeMap<>());

    public Nexthops {
        paths = Collections.unmodifiableSortedMap(new TreeMap<>(paths));
    }

    /** The path of nexthop object {@code id}, or null when it was not read (or is gone). */
    public RouteEntry.NextHop path(int id) {
        return paths.get(id);
    }
}
