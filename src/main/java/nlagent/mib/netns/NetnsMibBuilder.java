package nlagent.mib.netns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import nlagent.mib.LazyPartsView;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.IpCounters;
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
        // the groups interleave in OID order (ip counters and tables with IpMibObjects', neighbours and routes
        // at ip 21, 22, 24, 35, 36, 37 with both): build() sorts, O(n log n)
        addInterfaces(b, snapshot, null);
        IpMibObjects.addTo(b, snapshot, uptime);
        IpStatsObjects.addTo(b, snapshot, uptime);
        IpAddressObjects.addTo(b, snapshot, uptime);
        addRoutesAndNeighbours(b, snapshot);
        Ipv6MibObjects.addTo(b, snapshot, uptime);
        return b.build();
    }

    /**
     * The same view as {@link #build}, in parts built on first use (see {@link LazyPartsView}): a poll
     * of the interface tables builds neither the routes nor the neighbours nor the addresses.
     */
    public LazyPartsView buildLazily(NetnsSnapshot snapshot) {
        return buildLazily(snapshot, null);
    }

    /**
     * {@link #buildLazily(NetnsSnapshot)}, reusing what the parts of {@code previous} (the view of the
     * same context's previous snapshot; null: none) built: names and values that did not change
     * are shared with it, not allocated again ({@link SortedMibView#builder(SortedMibView)}).
     */
    public LazyPartsView buildLazily(NetnsSnapshot snapshot, LazyPartsView previous) {
        List<Oid> routing = new ArrayList<>(RouteObjects.SUBTREES);
        routing.addAll(NeighbourObjects.SUBTREES);
        routing.addAll(RouterObjects.SUBTREES);
        NetnsSnapshot s = snapshot;
        List<?> ifs = s.interfaces();
        // the parts that read no traffic counter: not built again when only counters moved (every poll, the NMS's own)
        Settings settings = new Settings(s.interfaces());
        // each part's inputs: everything its build reads (LazyPartsView.Part#inputs); equal inputs, no build
        return new LazyPartsView(s.context(), List.of(
                // IF-MIB reads the counters, so it is built after most refreshes: the rows of interfaces that are the
                // previous snapshot's very objects take the previous values (inputs[0]: the interfaces built from)
                new LazyPartsView.Part("IF-MIB", IfMibObjects.SUBTREES, (before, beforeInputs) -> {
                    SortedMibView.Builder b = SortedMibView.builder(before);
                    addInterfaces(b, s, beforeInputs == null ? null : (List<?>) beforeInputs[0]);
                    return b.build();
                }, new Object[] {ifs, s.interfacesLastChangeNanos()}),
                part("IP-MIB", IpMibObjects.SUBTREES, b -> IpMibObjects.addTo(b, s, uptime), settings, s.ipv4Forwarding(),
                        s.ipDefaultTtl(), s.ipReasmTimeoutSeconds(), s.ipv6Forwarding(), s.ipv6HopLimit(),
                        s.interfacesLastChangeNanos(), s.ipv4LastChangeNanos(), s.ipv6LastChangeNanos()),
                // the statistics in three parts: a walk of ipv6InterfaceTable runs on into ipSystemStatsTable, not into
                // ipIfStatsTable (~45 columns per interface), which a poll of the interface tables then never builds
                part("IP-MIB statistics", IpStatsObjects.SYSTEM_SUBTREES, b -> IpStatsObjects.addSystemStats(b, s, uptime),
                        s.ipStatistics().ipv4(), s.ipStatistics().ipv6(), s.interfacesLastChangeNanos(), s.ipv6LastChangeNanos()),
                // the per-interface counters: rows whose counters are the previous snapshot's very objects take the
                // previous values (the inputs' last element: the counters the previous view was built from)
                new LazyPartsView.Part("ipIfStatsTable", IpStatsObjects.IF_STATS_SUBTREES, (before, beforeInputs) -> {
                    SortedMibView.Builder b = SortedMibView.builder(before);
                    IpStatsObjects.addIfStats(b, s, previousCounters(beforeInputs));
                    return b.build();
                }, new Object[] {s.ipStatistics().ipv6Interfaces()}),
                new LazyPartsView.Part("ipv6IfStatsTable", IpStatsObjects.IPV6_IF_STATS_SUBTREES, (before, beforeInputs) -> {
                    SortedMibView.Builder b = SortedMibView.builder(before);
                    IpStatsObjects.addIpv6IfStats(b, s, previousCounters(beforeInputs));
                    return b.build();
                }, new Object[] {settings, s.ipStatistics().ipv6Interfaces()}),
                // addresses (lifetimes count down), routes and neighbours change with most refreshes: always built
                new LazyPartsView.Part("IP-MIB addresses", IpAddressObjects.SUBTREES, build(b -> IpAddressObjects.addTo(b, s, uptime)), null),
                new LazyPartsView.Part("routes and neighbours", routing, build(b -> addRoutesAndNeighbours(b, s)), null),
                part("IPV6-MIB", Ipv6MibObjects.SUBTREES, b -> Ipv6MibObjects.addTo(b, s, uptime), settings, s.ipv6Forwarding(),
                        s.ipv6HopLimit(), s.interfacesLastChangeNanos(), s.ipv6LastChangeNanos())), previous);
    }

    /** The per-interface counters a counters part's previous view was built from (its inputs' last element), or null. */
    @SuppressWarnings("unchecked")
    private static Map<Integer, IpCounters> previousCounters(Object[] beforeInputs) {
        return beforeInputs == null || beforeInputs.length == 0 ? null : (Map<Integer, IpCounters>) beforeInputs[beforeInputs.length - 1];
    }

    /**
     * The interfaces as the parts that read none of their traffic counters see them: equal when every
     * row is equal but for its {@link nlagent.model.LinkStats} ({@link InterfaceSnapshot#equalsExceptStats}),
     * so that such a part is taken as it is after a refresh that only moved counters. Only IF-MIB reads
     * counters; {@code PartInputsTest} fails if another part came to read one.
     */
    private record Settings(List<InterfaceSnapshot> interfaces) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Settings other) || other.interfaces.size() != interfaces.size()) {
                return false;
            }
            for (int i = 0; i < interfaces.size(); i++) {
                if (!interfaces.get(i).equalsExceptStats(other.interfaces.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return interfaces.size(); // never hashed; equals is what a part's inputs use
        }
    }

    /**
     * IF-MIB: the interfaces group (2) and the ifMIB group (31).
     *
     * @param previousRows the interfaces the builder's previous view was built from (null: none)
     */
    private void addInterfaces(SortedMibView.Builder b, NetnsSnapshot snapshot, List<?> previousRows) {
        IfMibObjects.declare(b);
        boolean[] same = IfMibObjects.unchanged(snapshot.interfaces(), previousRows);
        IfMibObjects.addInterfacesGroup(b, snapshot, uptime, same);
        IfMibObjects.addIfMibGroup(b, snapshot, uptime, same);
    }

    /** IP-MIB's and IP-FORWARD-MIB's neighbour, route, default-router and scope-zone tables. */
    private void addRoutesAndNeighbours(SortedMibView.Builder b, NetnsSnapshot snapshot) {
        RouteObjects.declare(b);
        NeighbourObjects.declare(b);
        RouterObjects.declare(b);
        List<RouteObjects.Ipv4Route> v4 = RouteObjects.ipv4(snapshot);
        RouteObjects.addRouteTable(b, v4);
        NeighbourObjects.addNetToMedia(b, snapshot);
        RouteObjects.addForwardGroup(b, v4, snapshot);
        NeighbourObjects.addNetToPhysical(b, snapshot, uptime);
        RouterObjects.addScopeZones(b, snapshot);
        RouterObjects.addDefaultRouters(b, snapshot);
    }

    private static LazyPartsView.Part part(String name, List<Oid> roots, Consumer<SortedMibView.Builder> add, Object... inputs) {
        return new LazyPartsView.Part(name, roots, build(add), inputs);
    }

    private static LazyPartsView.Build build(Consumer<SortedMibView.Builder> add) {
        return (previous, previousInputs) -> {
            SortedMibView.Builder b = SortedMibView.builder(previous);
            add.accept(b);
            return b.build();
        };
    }
}
