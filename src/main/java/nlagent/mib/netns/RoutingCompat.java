package nlagent.mib.netns;

import static nlagent.model.NeighbourEntry.*;

import nlagent.model.InetFamily;
import nlagent.model.NeighbourEntry;

/**
 * How net-snmp 5.9.3's Linux code turns neighbour and route entries into MIB values
 * (ip-mib/data_access/arp_netlink.c, mibII/at.c, mibII/var_route.c,
 * ip-forward-mib/data_access/route_linux.c), each conversion defined once.
 */
final class RoutingCompat {
    private RoutingCompat() {
    }

    /** InetAddressType ipv4(1) / ipv6(2). */
    static int inetAddressType(int family) {
        return family == InetFamily.AF_INET ? 1 : 2;
    }

    /**
     * Whether ipNetToPhysicalTable shows the entry: net-snmp drops NUD_NOARP entries (broadcast,
     * multicast, loopback) and treats NUD_FAILED as deleted.
     */
    static boolean inNetToPhysical(NeighbourEntry n) {
        return n.state() != NUD_NOARP && n.state() != NUD_FAILED;
    }

    /**
     * Whether ipNetToMediaTable shows the entry: what /proc/net/arp marks complete (ATF_COM, i.e.
     * NUD_VALID without NOARP entries, which the file skips). IPv4 only.
     */
    static boolean inNetToMedia(NeighbourEntry n) {
        int complete = NUD_PERMANENT | NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE;
        return n.family() == InetFamily.AF_INET && (n.state() & complete) != 0;
    }

    /** ipNetToMediaType: static(4) for permanent entries (ATF_PERM), else dynamic(3). */
    static int netToMediaType(NeighbourEntry n) {
        return (n.state() & NUD_PERMANENT) != 0 ? 4 : 3;
    }

    /**
     * ipNetToPhysicalState: reachable(1) (also for permanent entries), stale(2), delay(3), probe(4),
     * invalid(5) for failed, unknown(6) for none (and, per RFC, for any state net-snmp leaves unset),
     * incomplete(7).
     */
    static int netToPhysicalState(int nud) {
        switch (nud) {
            case NUD_INCOMPLETE: return 7;
            case NUD_REACHABLE:
            case NUD_PERMANENT: return 1;
            case NUD_STALE: return 2;
            case NUD_DELAY: return 3;
            case NUD_PROBE: return 4;
            case NUD_FAILED: return 5;
            default: return 6;
        }
    }

    /** ipNetToPhysicalType: invalid(2) unresolved, dynamic(3) learnt, static(4) permanent, local(5) otherwise. */
    static int netToPhysicalType(int nud) {
        switch (nud) {
            case NUD_INCOMPLETE:
            case NUD_FAILED:
            case NUD_NONE: return 2;
            case NUD_REACHABLE:
            case NUD_STALE:
            case NUD_DELAY:
            case NUD_PROBE: return 3;
            case NUD_PERMANENT: return 4;
            default: return 5;
        }
    }

    /** ipRouteType / ipCidrRouteType / inetCidrRouteType: remote/indirect(4) via a gateway, else local/direct(3). */
    static int routeType(byte[] gateway) {
        return gateway != null ? 4 : 3;
    }

    /**
     * Route protocol: net-snmp derives it from the /proc flags, where RTF_DYNAMIC is never set on
     * Linux, so every route reads local(2) whatever rtm_protocol says.
     */
    static final int ROUTE_PROTO_LOCAL = 2;

    /** ipDefaultRouterLifetime cap (RFC 4293: 0..65535 seconds). */
    static final long DEFAULT_ROUTER_LIFETIME_MAX = 65535;
}
