package nlagent.mib.netns;

import java.util.ArrayList;
import java.util.List;

import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.model.NetnsSnapshot;

/**
 * Turns one immutable {@link NetnsSnapshot} into the {@link SortedMibView} of its SNMP context:
 * IF-MIB, IP-MIB (interface parts, addresses, statistics, neighbours), IP-FORWARD-MIB (routes) and IPV6-MIB. Built once per snapshot, never per request.
 */
public final class NetnsMibBuilder {
    private final Uptime uptime;

    public NetnsMibBuilder(Uptime uptime) {
        this.uptime = uptime;
    }

    /** The subtrees every namespace view answers for (registration roots for AgentX), in OID order. */
    public static List<Oid> subtrees() {
        List<Oid> all = new ArrayList<>();
        all.addAll(IfMibObjects.SUBTREES);
        all.addAll(IpMibObjects.SUBTREES);
        all.addAll(IpAddressObjects.SUBTREES);
        all.addAll(IpStatsObjects.SUBTREES);
        all.addAll(Ipv6MibObjects.SUBTREES);
        all.addAll(RouteObjects.SUBTREES);
        all.addAll(NeighbourObjects.SUBTREES);
        all.addAll(RouterObjects.SUBTREES);
        all.sort(null);
        return List.copyOf(all);
    }

    public SortedMibView build(NetnsSnapshot snapshot) {
        SortedMibView.Builder b = SortedMibView.builder();
        IfMibObjects.declare(b);
        // in OID order (interfaces 2 < ip 4 < ifMIB 31 < ipv6MIB 55): the builder then has nothing to sort
        IfMibObjects.addInterfacesGroup(b, snapshot, uptime);
        IpMibObjects.addTo(b, snapshot, uptime);
        IpStatsObjects.addTo(b, snapshot, uptime); // ip counters and tables interleave with IpMibObjects': build() sorts
        IpAddressObjects.addTo(b, snapshot, uptime);
        // neighbours and routes (ip 21, 22, 24, 35, 36, 37): interleave with the above, so the builder sorts, O(n log n)
        RouteObjects.declare(b);
        NeighbourObjects.declare(b);
        RouterObjects.declare(b);
        RouteObjects.addRouteTable(b, snapshot);
        NeighbourObjects.addNetToMedia(b, snapshot);
        RouteObjects.addForwardGroup(b, snapshot);
        NeighbourObjects.addNetToPhysical(b, snapshot, uptime);
        RouterObjects.addScopeZones(b, snapshot);
        RouterObjects.addDefaultRouters(b, snapshot);
        IfMibObjects.addIfMibGroup(b, snapshot, uptime);
        Ipv6MibObjects.addTo(b, snapshot, uptime);
        return b.build();
    }
}
