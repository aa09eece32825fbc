package nlagent.mib.netns;

import static nlagent.mib.oid.IpRoutingMib.*;

import java.util.ArrayList;
import java.util.List;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.model.InetFamily;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;
import nlagent.model.RouteEntry;

/**
 * ipv6ScopeZoneIndexTable (4.36) and ipDefaultRouterTable (4.37) of one namespace, as net-snmp
 * 5.9.3 builds them on Linux (ipv6scopezone_linux.c, defaultrouter_linux.c).
 */
final class RouterObjects {
    private RouterObjects() {
    }

    static final List<Oid> SUBTREES = List.of(IPV6_SCOPE_ZONE_INDEX_TABLE, IP_DEFAULT_ROUTER_TABLE);

    static void declare(SortedMibView.Builder b) {
        SUBTREES.forEach(b::subtree);
        for (int c = IPV6_SCOPE_ZONE_INDEX_LINK_LOCAL; c <= IPV6_SCOPE_ZONE_INDEX_LAST; c++) {
            b.object(IPV6_SCOPE_ZONE_INDEX_ENTRY.append(c));
        }
        b.object(IP_DEFAULT_ROUTER_ENTRY.append(IP_DEFAULT_ROUTER_LIFETIME)).object(IP_DEFAULT_ROUTER_ENTRY.append(IP_DEFAULT_ROUTER_PREFERENCE));
    }

    /**
     * One row per interface with an IPv6 link-local address: its link-local zone is its ifIndex;
     * Linux has no other scope zones, so every other column reads 0.
     */
    static void addScopeZones(SortedMibView.Builder b, NetnsSnapshot snap) {
        List<InterfaceSnapshot> rows = new ArrayList<>();
        for (InterfaceSnapshot i : snap.interfaces()) {
            if (i.ipv6() != null && i.ipv6().linkLocalAddress().length > 0) {
                rows.add(i);
            }
        }
        for (int c = IPV6_SCOPE_ZONE_INDEX_LINK_LOCAL; c <= IPV6_SCOPE_ZONE_INDEX_LAST; c++) {
            Oid column = IPV6_SCOPE_ZONE_INDEX_ENTRY.append(c);
            for (InterfaceSnapshot i : rows) {
                b.add(column, i.ifIndex(), MibValue.gauge32(c == IPV6_SCOPE_ZONE_INDEX_LINK_LOCAL ? i.ifIndex() : 0));
            }
        }
    }

    /** A default router: address, interface, lifetime in seconds. */
    private record Router(int[] index, long lifetimeSeconds) {
    }

    /**
     * Default routes with a single gateway and interface: every IPv4 one (lifetime 65535, "infinite"),
     * IPv6 ones only when they expire (learnt from router advertisements), lifetime = seconds left.
     * Preference: medium (0), as net-snmp reports for all.
     */
    static void addDefaultRouters(SortedMibView.Builder b, NetnsSnapshot snap) {
        List<Router> rows = new ArrayList<>();
        for (RouteEntry r : snap.routes()) {
            if (r.prefixLength() != 0 || r.nextHops().size() != 1) {
                continue;
            }
            RouteEntry.NextHop hop = r.nextHops().get(0);
            if (!RouteObjects.sameFamilyGateway(r, hop) || hop.ifIndex() <= 0) {
                continue; // net-snmp reads RTA_GATEWAY only: no router for a route via another family's address (RTA_VIA)
            }
            long lifetime;
            if (r.family() == InetFamily.AF_INET) {
                lifetime = RoutingCompat.DEFAULT_ROUTER_LIFETIME_MAX;
            } else if (r.expiresCentis() > 0) {
                lifetime = Math.min(RoutingCompat.DEFAULT_ROUTER_LIFETIME_MAX, r.expiresCentis() / 100);
            } else {
                continue;
            }
            int[] index = RouteIndex.withPrefix(new int[] {RoutingCompat.inetAddressType(r.family())}, hop.gateway());
            index = RouteIndex.concat(index, new int[] {hop.ifIndex()});
            rows.add(new Router(index, lifetime));
        }
        rows.sort((x, y) -> Oid.compare(x.index(), y.index()));
        Oid lifetime = IP_DEFAULT_ROUTER_ENTRY.append(IP_DEFAULT_ROUTER_LIFETIME);
        Oid preference = IP_DEFAULT_ROUTER_ENTRY.append(IP_DEFAULT_ROUTER_PREFERENCE);
        int[] last = null;
        for (Router r : rows) {
            if (last == null || Oid.compare(last, r.index()) != 0) {
                b.add(lifetime.append(r.index()), MibValue.gauge32(r.lifetimeSeconds()));
            }
            last = r.index();
        }
        last = null;
        for (Router r : rows) {
            if (last == null || Oid.compare(last, r.index()) != 0) {
                b.add(preference.append(r.index()), MibValue.integer(0));
            }
            last = r.index();
        }
    }
}
