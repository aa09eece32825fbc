package nlagent.model;

import java.util.List;

/**
 * Everything served for one network namespace, taken at one moment. Immutable: readers take the
 * current snapshot and never block on kernel I/O; the refresher replaces it as a whole.
 *
 * @param context                  SNMP context name ("" for the agent's own namespace)
 * @param id                       namespace identity
 * @param takenAtNanos             {@link nlagent.time.Ticker} time the data was read
 * @param generation               increases by one with every new snapshot of this namespace
 * @param interfaces               sorted by ifIndex
 * @param ipv4Forwarding           ipv4/conf/all/forwarding (netconf ALL)
 * @param ipv6Forwarding           ipv6/conf/all/forwarding (netconf ALL)
 * @param ipDefaultTtl             ipv4/ip_default_ttl (held fd); -1 if unreadable
 * @param ipReasmTimeoutSeconds    ipv4/ipfrag_time (held fd); -1 if unreadable
 * @param ipv6HopLimit             ipv6/conf/all/hop_limit (held fd); -1 if unreadable
 * @param interfacesLastChangeNanos ticker time of the last interface added/removed (ifTableLastChange); 0 if none since start
 * @param ipv4LastChangeNanos      ticker time of the last change to any row's IPv4 settings; 0 if none
 * @param ipv6LastChangeNanos      ticker time of the last change to a value any row's IPv6 settings serve; 0 if none
 * @param addresses                IPv4 and IPv6 addresses (RTM_GETADDR), IPv4 first, each family in ifIndex and kernel order
 * @param ipStatistics             IP counters of the namespace and its interfaces
 * @param neighbours               IPv4/IPv6 neighbour entries, sorted by {@link NeighbourEntry#INDEX_ORDER}
 * @param routes                   IPv4 main-table and IPv6 routes, in the kernel's dump order (net-snmp numbers rows in it)
 * @param nexthops                 the paths of the nexthop objects routes name without saying where they go
 *                                 (compat mode 0: {@link RouteEntry#hopInNexthopObject()}); {@link Nexthops#NONE} otherwise
 */
public record NetnsSnapshot(String context, NetnsId id, long takenAtNanos, long generation,
                            List<InterfaceSnapshot> interfaces,
                            boolean ipv4Forwarding, boolean ipv6Forwarding,
                            int ipDefaultTtl, int ipReasmTimeoutSeconds, int ipv6HopLimit,
                            long interfacesLastChangeNanos, long ipv4LastChangeNanos, long ipv6LastChangeNanos,
                            List<IpAddressEntry> addresses, IpStatistics ipStatistics,
                            List<NeighbourEntry> neighbours, List<RouteEntry> routes, Nexthops nexthops) {
    public NetnsSnapshot {
        java.util.Objects.requireNonNull(nexthops, "nexthops");
        interfaces = List.copyOf(interfaces);
        addresses = List.copyOf(addresses);
        java.util.Objects.requireNonNull(ipStatistics, "ipStatistics");
        neighbours = List.copyOf(neighbours);
        routes = List.copyOf(routes);
        for (int i = 1; i < interfaces.size(); i++) {
            if (interfaces.get(i - 1).ifIndex() >= interfaces.get(i).ifIndex()) {
                throw new IllegalArgumentException("interfaces must be sorted by ifIndex without duplicates");
            }
        }
    }

    /** Without nexthop objects ({@link Nexthops#NONE}). */
    public NetnsSnapshot(String context, NetnsId id, long takenAtNanos, long generation, List<InterfaceSnapshot> interfaces,
                         boolean ipv4Forwarding, boolean ipv6Forwarding, int ipDefaultTtl, int ipReasmTimeoutSeconds,
                         int ipv6HopLimit, long interfacesLastChangeNanos, long ipv4LastChangeNanos, long ipv6LastChangeNanos,
                         List<IpAddressEntry> addresses, IpStatistics ipStatistics, List<NeighbourEntry> neighbours,
                         List<RouteEntry> routes) {
        this(context, id, takenAtNanos, generation, interfaces, ipv4Forwarding, ipv6Forwarding, ipDefaultTtl,
                ipReasmTimeoutSeconds, ipv6HopLimit, interfacesLastChangeNanos, ipv4LastChangeNanos, ipv6LastChangeNanos,
                addresses, ipStatistics, neighbours, routes, Nexthops.NONE);
    }

    /** Interfaces only: no addresses, IP statistics, neighbours or routes (tests and callers that read only interfaces). */
    public NetnsSnapshot(String context, NetnsId id, long takenAtNanos, long generation, List<InterfaceSnapshot> interfaces,
                         boolean ipv4Forwarding, boolean ipv6Forwarding, int ipDefaultTtl, int ipReasmTimeoutSeconds,
                         int ipv6HopLimit, long interfacesLastChangeNanos, long ipv4LastChangeNanos, long ipv6LastChangeNanos) {
        this(context, id, takenAtNanos, generation, interfaces, ipv4Forwarding, ipv6Forwarding, ipDefaultTtl,
                ipReasmTimeoutSeconds, ipv6HopLimit, interfacesLastChangeNanos, ipv4LastChangeNanos, ipv6LastChangeNanos,
                List.of(), IpStatistics.NONE, List.of(), List.of());
    }

    /** This snapshot with other neighbours and routes (and this snapshot's nexthop objects), as generation {@code generation}. */
    public NetnsSnapshot withRouting(List<NeighbourEntry> neighbours, List<RouteEntry> routes, long generation) {
        return withRouting(neighbours, routes, nexthops, generation);
    }

    /** This snapshot with other neighbours, routes and nexthop objects, as generation {@code generation}. */
    public NetnsSnapshot withRouting(List<NeighbourEntry> neighbours, List<RouteEntry> routes, Nexthops nexthops, long generation) {
        return new NetnsSnapshot(context, id, takenAtNanos, generation, interfaces, ipv4Forwarding, ipv6Forwarding,
                ipDefaultTtl, ipReasmTimeoutSeconds, ipv6HopLimit, interfacesLastChangeNanos, ipv4LastChangeNanos,
                ipv6LastChangeNanos, addresses, ipStatistics, neighbours, routes, nexthops);
    }
}
