package nlagent.mib.netns;

import static nlagent.mib.oid.IpRoutingMib.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.model.InetFamily;
import nlagent.model.NetnsSnapshot;
import nlagent.model.RouteEntry;

/**
 * ipRouteTable (4.21) and IP-FORWARD-MIB (4.24: ipCidrRouteNumber, ipCidrRouteTable,
 * inetCidrRouteNumber, inetCidrRouteTable, inetCidrRouteDiscards) of one namespace, with the rows
 * and values net-snmp 5.9.3 derives from /proc/net/route (IPv4 main table, first next hop of a
 * multipath route) and /proc/net/ipv6_route (every IPv6 table, one row per next hop; one for a
 * route over a nexthop object). The next hops are the ones those files show ({@link ProcRouteHops}),
 * so the three tables agree. Each table is sorted once, O(n log n), then emitted column by column.
 */
final class RouteObjects {
    private RouteObjects() {
    }

    static final List<Oid> SUBTREES = List.of(IP_ROUTE_TABLE, IP_FORWARD);

    /** RTN_BROADCAST and RTN_MULTICAST: /proc/net/route leaves them out. */
    private static final int RTN_BROADCAST = 3, RTN_MULTICAST = 5;
    private static final byte[] V4_ZERO = new byte[4];
    private static final byte[] V6_ZERO = new byte[16];

    private static final int[] ROUTE_COLUMNS = {IP_ROUTE_DEST, IP_ROUTE_IF_INDEX, IP_ROUTE_METRIC1, IP_ROUTE_NEXT_HOP,
        IP_ROUTE_TYPE, IP_ROUTE_PROTO, IP_ROUTE_MASK, IP_ROUTE_INFO};
    /** ipCidrRouteAge (8) is one net-snmp does not serve. */
    private static final int[] CIDR_COLUMNS = {IP_CIDR_ROUTE_DEST, IP_CIDR_ROUTE_MASK, IP_CIDR_ROUTE_TOS,
        IP_CIDR_ROUTE_NEXT_HOP, IP_CIDR_ROUTE_IF_INDEX, IP_CIDR_ROUTE_TYPE, IP_CIDR_ROUTE_PROTO, IP_CIDR_ROUTE_INFO,
        IP_CIDR_ROUTE_NEXT_HOP_AS, IP_CIDR_ROUTE_METRIC1, IP_CIDR_ROUTE_METRIC2, IP_CIDR_ROUTE_METRIC3,
        IP_CIDR_ROUTE_METRIC4, IP_CIDR_ROUTE_METRIC5, IP_CIDR_ROUTE_STATUS};

    /** One row of a route table: the route, the next hop it shows, its index arcs. */
    private record Row(RouteEntry route, RouteEntry.NextHop hop, int[] index) {
        byte[] gateway() {
            return nextHopAddress(route, hop);
        }
    }

    /**
     * The next hop's gateway, or the all-zeros address of the route's family for a connected route and for a gateway
     * of the other family (an IPv4 route via an IPv6 address, RFC 5549: /proc/net/route's gateway column shows 0).
     */
    private static byte[] nextHopAddress(RouteEntry route, RouteEntry.NextHop hop) {
        return sameFamilyGateway(route, hop) ? hop.gateway() : route.family() == InetFamily.AF_INET ? V4_ZERO : V6_ZERO;
    }

    /** Whether the next hop has a gateway of its route's family (the type and Metric1 columns read any gateway). */
    static boolean sameFamilyGateway(RouteEntry route, RouteEntry.NextHop hop) {
        byte[] g = hop.gateway();
        return g != null && g.length == InetFamily.addressLength(route.family());
    }

    static void declare(SortedMibView.Builder b) {
        SUBTREES.forEach(b::subtree);
        for (int c : ROUTE_COLUMNS) {
            b.object(IP_ROUTE_ENTRY.append(c));
        }
        for (int c : CIDR_COLUMNS) {
            b.object(IP_CIDR_ROUTE_ENTRY.append(c));
        }
        for (int c = INET_CIDR_ROUTE_IF_INDEX; c <= INET_CIDR_ROUTE_STATUS; c++) {
            b.object(INET_CIDR_ROUTE_ENTRY.append(c));
        }
        b.object(IP_CIDR_ROUTE_NUMBER).object(INET_CIDR_ROUTE_NUMBER).object(INET_CIDR_ROUTE_DISCARDS);
    }

    /** An IPv4 route /proc/net/route lists, with the next hop it shows (the first). */
    record Ipv4Route(RouteEntry route, RouteEntry.NextHop hop) {
    }

    /**
     * The IPv4 routes /proc/net/route lists, in kernel order, with the next hop it shows: the rows of
     * ipRouteTable and of the IPv4 part of the forward group, so computed once per view build.
     */
    static List<Ipv4Route> ipv4(NetnsSnapshot snap) {
        List<Ipv4Route> out = new ArrayList<>();
        for (RouteEntry r : snap.routes()) {
            if (r.family() == InetFamily.AF_INET && r.type() != RTN_BROADCAST && r.type() != RTN_MULTICAST) {
                List<RouteEntry.NextHop> hops = ProcRouteHops.of(r, snap.nexthops());
                if (!hops.isEmpty()) {
                    out.add(new Ipv4Route(r, hops.get(0)));
                }
            }
        }
        return Collections.unmodifiableList(out); // read by two tables
    }

    /** ipRouteTable: one row per destination (the first route to it in kernel order); {@code v4}: {@link #ipv4}. */
    static void addRouteTable(SortedMibView.Builder b, List<Ipv4Route> v4) {
        List<Row> rows = new ArrayList<>();
        for (Ipv4Route r : v4) {
            rows.add(new Row(r.route(), r.hop(), RouteIndex.arcs(r.route().destination())));
        }
        rows = sortedUnique(rows);
        for (int c : ROUTE_COLUMNS) {
            Oid column = IP_ROUTE_ENTRY.append(c);
            for (Row row : rows) {
                RouteEntry r = row.route();
                MibValue v;
                switch (c) {
                    case IP_ROUTE_DEST: v = MibValue.ipAddress(r.destination()); break;
                    case IP_ROUTE_IF_INDEX: v = MibValue.integer(row.hop().ifIndex()); break;
                    // net-snmp: 1 for a route via a gateway, 0 for a connected one (not the kernel metric)
                    case IP_ROUTE_METRIC1: v = MibValue.integer(row.hop().gateway() != null ? 1 : 0); break;
                    case IP_ROUTE_NEXT_HOP: v = MibValue.ipAddress(row.gateway()); break;
                    case IP_ROUTE_TYPE: v = MibValue.integer(RoutingCompat.routeType(row.hop().gateway())); break;
                    case IP_ROUTE_PROTO: v = MibValue.integer(RoutingCompat.ROUTE_PROTO_LOCAL); break;
                    case IP_ROUTE_MASK: v = MibValue.ipAddress(RouteIndex.mask(r.prefixLength())); break;
                    default: v = MibValue.oid(ZERO_DOT_ZERO);
                }
                b.add(column.append(row.index()), v);
            }
        }
    }

    /**
     * IP-FORWARD-MIB: ipCidrRouteNumber, ipCidrRouteTable, inetCidrRouteNumber, inetCidrRouteTable, inetCidrRouteDiscards;
     * {@code v4}: {@link #ipv4} of {@code snap}.
     */
    static void addForwardGroup(SortedMibView.Builder b, List<Ipv4Route> v4, NetnsSnapshot snap) {
        List<Row> cidr = new ArrayList<>();
        for (Ipv4Route route : v4) {
            RouteEntry r = route.route();
            RouteEntry.NextHop hop = route.hop();
            // tos is always 0: /proc/net/route has no TOS column
            cidr.add(new Row(r, hop, RouteIndex.concat(RouteIndex.arcs(r.destination()),
                    RouteIndex.arcs(RouteIndex.mask(r.prefixLength())), new int[] {0}, RouteIndex.arcs(nextHopAddress(r, hop)))));
        }
        cidr = sortedUnique(cidr);
        List<Row> inet = inetRows(v4, snap);

        b.add(IP_CIDR_ROUTE_NUMBER.append(0), MibValue.gauge32(cidr.size()));
        for (int c : CIDR_COLUMNS) {
            Oid column = IP_CIDR_ROUTE_ENTRY.append(c);
            for (Row row : cidr) {
                b.add(column.append(row.index()), cidrValue(c, row));
            }
        }
        b.add(INET_CIDR_ROUTE_NUMBER.append(0), MibValue.gauge32(inet.size()));
        for (int c = INET_CIDR_ROUTE_IF_INDEX; c <= INET_CIDR_ROUTE_STATUS; c++) {
            Oid column = INET_CIDR_ROUTE_ENTRY.append(c);
            for (Row row : inet) {
                b.add(column.append(row.index()), inetValue(c, row));
            }
        }
        // the agent serves every route the kernel reports: none discarded
        b.add(INET_CIDR_ROUTE_DISCARDS.append(0), MibValue.counter32(0));
    }

    /**
     * inetCidrRouteTable rows as net-snmp numbers them: a running count over the IPv4 rows, then
     * the IPv6 rows (one per next hop /proc/net/ipv6_route shows). The policy is { 0 0 ifIndex }
     * for an IPv4 route whose /proc/net/route gateway is 0 (connected, or via an IPv6 gateway), { 0 0 }
     * for an IPv4 route via an IPv4 gateway and { 0 0 count } for every IPv6 row. A table without
     * an IPv6 default route ends, in /proc/net/ipv6_route, with the kernel's null entry (::/0,
     * reject, dropped by net-snmp as not up): it is counted there, so it is counted here. Rows keep
     * their tables together (the dump walks one table after the other).
     */
    private static List<Row> inetRows(List<Ipv4Route> v4, NetnsSnapshot snap) {
        List<Row> rows = new ArrayList<>();
        int count = 0;
        for (Ipv4Route r : v4) {
            count++;
            RouteEntry.NextHop hop = r.hop();
            // net-snmp keys the policy on the gateway column: an IPv6 gateway (RFC 5549) shows there as 0, so {0 0 ifIndex}
            int[] policy = sameFamilyGateway(r.route(), hop) ? new int[] {0, 0} : new int[] {0, 0, hop.ifIndex()};
            rows.add(inetRow(r.route(), hop, policy));
        }
        int table = -1;
        boolean tableHasDefault = false;
        for (RouteEntry r : snap.routes()) {
            List<RouteEntry.NextHop> hops = r.family() == InetFamily.AF_INET6 ? ProcRouteHops.of(r, snap.nexthops()) : List.of();
            if (hops.isEmpty()) {
                continue;
            }
            if (r.table() != table) {
                count += table >= 0 && !tableHasDefault ? 1 : 0;
                table = r.table();
                tableHasDefault = false;
            }
            tableHasDefault |= r.prefixLength() == 0;
            for (RouteEntry.NextHop hop : hops) {
                count++;
                rows.add(inetRow(r, hop, new int[] {0, 0, count}));
            }
        }
        return sortedUnique(rows);
    }

    private static Row inetRow(RouteEntry r, RouteEntry.NextHop hop, int[] policy) {
        int type = RoutingCompat.inetAddressType(r.family());
        int[] index = RouteIndex.concat(RouteIndex.withPrefix(new int[] {type}, r.destination()),
                new int[] {r.prefixLength(), policy.length}, policy, RouteIndex.withPrefix(new int[] {type}, nextHopAddress(r, hop)));
        return new Row(r, hop, index);
    }

    private static MibValue cidrValue(int column, Row row) {
        RouteEntry r = row.route();
        switch (column) {
            case IP_CIDR_ROUTE_DEST: return MibValue.ipAddress(r.destination());
            case IP_CIDR_ROUTE_MASK: return MibValue.ipAddress(RouteIndex.mask(r.prefixLength()));
            case IP_CIDR_ROUTE_TOS: return MibValue.integer(0);
            case IP_CIDR_ROUTE_NEXT_HOP: return MibValue.ipAddress(row.gateway());
            case IP_CIDR_ROUTE_IF_INDEX: return MibValue.integer(row.hop().ifIndex());
            case IP_CIDR_ROUTE_TYPE: return MibValue.integer(RoutingCompat.routeType(row.hop().gateway()));
            case IP_CIDR_ROUTE_PROTO: return MibValue.integer(RoutingCompat.ROUTE_PROTO_LOCAL);
            case IP_CIDR_ROUTE_INFO: return MibValue.oid(ZERO_DOT_ZERO);
            case IP_CIDR_ROUTE_NEXT_HOP_AS: return MibValue.integer(0);
            case IP_CIDR_ROUTE_METRIC1: return MibValue.integer((int) r.metric());
            case IP_CIDR_ROUTE_STATUS: return MibValue.integer(1); // active
            default: return MibValue.integer(-1); // metrics 2-5: unused
        }
    }

    private static MibValue inetValue(int column, Row row) {
        RouteEntry r = row.route();
        switch (column) {
            case INET_CIDR_ROUTE_IF_INDEX: return MibValue.integer(row.hop().ifIndex());
            case INET_CIDR_ROUTE_TYPE: return MibValue.integer(RoutingCompat.routeType(row.hop().gateway()));
            case INET_CIDR_ROUTE_PROTO: return MibValue.integer(RoutingCompat.ROUTE_PROTO_LOCAL);
            case INET_CIDR_ROUTE_AGE:
            case INET_CIDR_ROUTE_NEXT_HOP_AS: return MibValue.gauge32(0);
            case INET_CIDR_ROUTE_METRIC1: return MibValue.integer((int) r.metric());
            case INET_CIDR_ROUTE_STATUS: return MibValue.integer(1); // active
            default: return MibValue.integer(-1); // metrics 2-5: unused
        }
    }

    /** Rows sorted by index; of rows with equal indexes the first in kernel order stays (as net-snmp's container insert). */
    private static List<Row> sortedUnique(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Oid.compare(a.index(), b.index())); // stable
        List<Row> out = new ArrayList<>(sorted.size());
        for (Row r : sorted) {
            if (out.isEmpty() || Oid.compare(out.get(out.size() - 1).index(), r.index()) != 0) {
                out.add(r);
            }
        }
        return out;
    }
}
