package nlagent.mib.netns;

import static nlagent.mib.oid.IpRoutingMib.*;

import java.util.ArrayList;
import java.util.List;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.model.NeighbourEntry;
import nlagent.model.NetnsSnapshot;

/**
 * ipNetToMediaTable (4.22) and ipNetToPhysicalTable (4.35) of one namespace, from its neighbour
 * entries, which the snapshot keeps in index order: each table is one pass over them, column by
 * column, so a view of 10,000 neighbours costs O(n) here.
 */
final class NeighbourObjects {
    private NeighbourObjects() {
    }

    static final List<Oid> SUBTREES = List.of(IP_NET_TO_MEDIA_TABLE, IP_NET_TO_PHYSICAL_TABLE);

    private static final int[] MEDIA_COLUMNS = {IP_NET_TO_MEDIA_IF_INDEX, IP_NET_TO_MEDIA_PHYS_ADDRESS,
        IP_NET_TO_MEDIA_NET_ADDRESS, IP_NET_TO_MEDIA_TYPE};
    private static final int[] PHYSICAL_COLUMNS = {IP_NET_TO_PHYSICAL_PHYS_ADDRESS, IP_NET_TO_PHYSICAL_LAST_UPDATED,
        IP_NET_TO_PHYSICAL_TYPE, IP_NET_TO_PHYSICAL_STATE, IP_NET_TO_PHYSICAL_ROW_STATUS};

    static void declare(SortedMibView.Builder b) {
        SUBTREES.forEach(b::subtree);
        for (int c : MEDIA_COLUMNS) {
            b.object(IP_NET_TO_MEDIA_ENTRY.append(c));
        }
        for (int c : PHYSICAL_COLUMNS) {
            b.object(IP_NET_TO_PHYSICAL_ENTRY.append(c));
        }
    }

    /** ipNetToMediaTable: IPv4 entries /proc/net/arp shows complete, indexed by ifIndex and address. */
    static void addNetToMedia(SortedMibView.Builder b, NetnsSnapshot snap) {
        List<NeighbourEntry> rows = new ArrayList<>();
        List<int[]> index = new ArrayList<>();
        for (NeighbourEntry n : snap.neighbours()) {
            if (RoutingCompat.inNetToMedia(n)) {
                rows.add(n);
                byte[] a = n.address();
                index.add(new int[] {n.ifIndex(), a[0] & 255, a[1] & 255, a[2] & 255, a[3] & 255});
            }
        }
        for (int c : MEDIA_COLUMNS) {
            Oid column = IP_NET_TO_MEDIA_ENTRY.append(c);
            for (int i = 0; i < rows.size(); i++) {
                NeighbourEntry n = rows.get(i);
                MibValue v;
                switch (c) {
                    case IP_NET_TO_MEDIA_IF_INDEX: v = MibValue.integer(n.ifIndex()); break;
                    case IP_NET_TO_MEDIA_PHYS_ADDRESS: v = MibValue.octets(n.linkAddress()); break;
                    case IP_NET_TO_MEDIA_NET_ADDRESS: v = MibValue.ipAddress(n.address()); break;
                    default: v = MibValue.integer(RoutingCompat.netToMediaType(n));
                }
                b.add(column.append(index.get(i)), v);
            }
        }
    }

    /** ipNetToPhysicalTable: IPv4 and IPv6 entries, incomplete ones included, NOARP and failed ones not. */
    static void addNetToPhysical(SortedMibView.Builder b, NetnsSnapshot snap, Uptime uptime) {
        List<NeighbourEntry> rows = new ArrayList<>();
        List<int[]> index = new ArrayList<>();
        for (NeighbourEntry n : snap.neighbours()) {
            if (RoutingCompat.inNetToPhysical(n)) {
                rows.add(n);
                index.add(RouteIndex.withPrefix(new int[] {n.ifIndex(), RoutingCompat.inetAddressType(n.family())}, n.address()));
            }
        }
        for (int c : PHYSICAL_COLUMNS) {
            Oid column = IP_NET_TO_PHYSICAL_ENTRY.append(c);
            for (int i = 0; i < rows.size(); i++) {
                NeighbourEntry n = rows.get(i);
                MibValue v;
                switch (c) {
                    case IP_NET_TO_PHYSICAL_PHYS_ADDRESS: v = MibValue.octets(n.linkAddress()); break;
                    case IP_NET_TO_PHYSICAL_LAST_UPDATED: v = MibValue.timeTicks(uptime.centisAt(n.updatedAtNanos())); break;
                    case IP_NET_TO_PHYSICAL_TYPE: v = MibValue.integer(RoutingCompat.netToPhysicalType(n.state())); break;
                    case IP_NET_TO_PHYSICAL_STATE: v = MibValue.integer(RoutingCompat.netToPhysicalState(n.state())); break;
                    default: v = MibValue.integer(1); // RowStatus active
                }
                b.add(column.append(index.get(i)), v);
            }
        }
    }
}
