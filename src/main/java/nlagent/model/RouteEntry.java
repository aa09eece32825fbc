package nlagent.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One IPv4 or IPv6 route of a namespace as the kernel reported it (a FIB entry, never a cached
 * clone). Immutable; MIB semantics are applied in {@code nlagent.mib}.
 *
 * @param family          AF_INET (2) or AF_INET6 (10)
 * @param table           routing table (254 main, 255 local)
 * @param destination     destination prefix (4 or 16 bytes)
 * @param prefixLength    prefix length
 * @param tos             IPv4 TOS selector
 * @param protocol        rtm_protocol (RTPROT_KERNEL 2, BOOT 3, STATIC 4, RA 9 ...)
 * @param type            rtm_type (RTN_UNICAST 1, RTN_LOCAL 2, RTN_MULTICAST 5 ...)
 * @param metric          RTA_PRIORITY
 * @param nextHops        at least one; several for a multipath route, in the kernel's order
 * @param expiresCentis   hundredths of a second until the route expires when it was read (RA routes), 0 if it does not expire
 * @param nexthopId       the kernel nexthop object the route uses (RTA_NH_ID), 0 if none; with
 *                        net.ipv4.nexthop_compat_mode 0, {@code nextHops} is then only a placeholder
 *                        ({@link #hopInNexthopObject()}) and the path is the object's ({@link Nexthops})
 */
public record RouteEntry(int family, int table, byte[] destination, int prefixLength, int tos, int protocol, int type,
                         long metric, List<NextHop> nextHops, long expiresCentis, int nexthopId) {

    /**
     * One next hop of a route.
     *
     * @param ifIndex  outgoing interface, 0 if none
     * @param gateway  gateway address, null for a directly connected route; 16 bytes on an IPv4 route via an IPv6
     *                 gateway (RFC 5549)
     * @param weight   multipath weight (1 for single-path routes)
     */
    public record NextHop(int ifIndex, byte[] gateway, int weight) {
        public NextHop {
            gateway = gateway == null ? null : gateway.clone();
        }

        @Override
        public byte[] gateway() {
            return gateway == null ? null : gateway.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NextHop h && h.ifIndex == ifIndex && h.weight == weight && Arrays.equals(h.gateway, gateway);
        }

        @Override
        public int hashCode() {
            return ifIndex * 31 + Arrays.hashCode(gateway);
        }
    }

    public RouteEntry {
        destination = destination.clone();
        nextHops = List.copyOf(nextHops);
        if (nextHops.isEmpty()) {
            throw new IllegalArgumentException("a route needs a next hop");
        }
    }

    /** A route without a nexthop object. */
    public RouteEntry(int family, int table, byte[] destination, int prefixLength, int tos, int protocol, int type,
                      long metric, List<NextHop> nextHops, long expiresCentis) {
        this(family, table, destination, prefixLength, tos, protocol, type, metric, nextHops, expiresCentis, 0);
    }

    /**
     * Whether the route message said nothing of its next hop but the nexthop object's id (compat mode 0):
     * its one next hop is the decoder's placeholder, no interface and no gateway. In compat mode 1 the
     * kernel adds the object's interface and gateway (a blackhole's: the loopback device), so no route
     * over a nexthop object then looks like this.
     */
    public boolean hopInNexthopObject() {
        NextHop first = nextHops.get(0);
        return nexthopId != 0 && nextHops.size() == 1 && first.ifIndex == 0 && first.gateway == null;
    }

    @Override
    public byte[] destination() {
        return destination.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteEntry r && r.family == family && r.table == table && r.prefixLength == prefixLength
                && r.tos == tos && r.protocol == protocol && r.type == type && r.metric == metric
                && r.expiresCentis == expiresCentis && r.nexthopId == nexthopId && Arrays.equals(r.destination, destination)
                && r.nextHops.equals(nextHops);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, table, prefixLength, metric, nextHops) * 31 + Arrays.hashCode(destination);
    }
}
