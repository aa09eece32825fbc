package nlagent.kernel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nlagent.netlink.NetconfEntry;
import nlagent.netlink.Rtnl;

/**
 * Netconf entries of one namespace keyed by (family, ifindex), including NETCONFA_IFINDEX_ALL (-1)
 * and NETCONFA_IFINDEX_DEFAULT (-2). Immutable: a dump builds a new table; a notification is
 * merged into a copy (notifications carry only the changed attribute).
 */
final class NetconfTable {
    static final NetconfTable EMPTY = new NetconfTable(Map.of());
    private final Map<Long, NetconfEntry> entries;

    private NetconfTable(Map<Long, NetconfEntry> entries) {
        this.entries = entries;
    }

    static NetconfTable of(List<NetconfEntry> dumped) {
        Map<Long, NetconfEntry> m = new HashMap<>();
        for (NetconfEntry e : dumped) {
            m.merge(key(e.family(), e.ifIndex()), e, NetconfEntry::mergedWith);
        }
        return new NetconfTable(m);
    }

    private static long key(int family, int ifIndex) {
        return ((long) family << 32) | (ifIndex & 0xFFFFFFFFL);
    }

    /** A copy with {@code update} merged into the entry of the same key (or added). */
    NetconfTable merge(NetconfEntry update) {
        Map<Long, NetconfEntry> m = new HashMap<>(entries);
        m.merge(key(update.family(), update.ifIndex()), update, NetconfEntry::mergedWith);
        return new NetconfTable(m);
    }

    /** A copy without the entry (RTM_DELNETCONF: the device was unregistered). */
    NetconfTable remove(int family, int ifIndex) {
        Map<Long, NetconfEntry> m = new HashMap<>(entries);
        m.remove(key(family, ifIndex));
        return new NetconfTable(m);
    }

    NetconfEntry get(int family, int ifIndex) {
        return entries.get(key(family, ifIndex));
    }

    /** NETCONFA_FORWARDING of (family, ifIndex), or {@code dflt} when unknown. */
    int forwarding(int family, int ifIndex, int dflt) {
        NetconfEntry e = get(family, ifIndex);
        return e == null ? dflt : e.value(Rtnl.NETCONFA_FORWARDING, dflt);
    }

    int size() {
        return entries.size();
    }
}
