package nlagent.mib.netns;

import static nlagent.mib.oid.Ipv6Mib.*;

import java.util.ArrayList;
import java.util.List;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;

/**
 * IPV6-MIB (RFC 2465) for one namespace: ipv6Forwarding, ipv6DefaultHopLimit, ipv6Interfaces,
 * ipv6IfTableLastChange and ipv6IfTable. net-snmp (mibII/ipv6.c) lists the interfaces that have an
 * IPv6 address (/proc/net/if_inet6); see {@link #hasIpv6Row}.
 */
final class Ipv6MibObjects {
    private Ipv6MibObjects() {
    }

    static final List<Oid> SUBTREES = List.of(IPV6_FORWARDING, IPV6_DEFAULT_HOP_LIMIT, IPV6_INTERFACES,
            IPV6_IF_TABLE_LAST_CHANGE, IPV6_IF_TABLE);
    private static final Oid ZERO_DOT_ZERO = Oid.of(0, 0);

    /**
     * Whether the interface has IPv6 addresses, net-snmp's row criterion. The snapshot carries no
     * address list, so this uses what implies one: an inet6_dev that is not disabled and is ready
     * (IF_READY: the kernel assigned the link-local, or ::1 on loopback). Static addresses on a
     * device without carrier are the case this misses. Any ifIndex: net-snmp's reader of
     * /proc/net/if_inet6 stops at the first line whose ifIndex takes five hex digits (above 65,535),
     * which drops that interface and every one listed after it in the file's hash order; a node
     * that has created that many interfaces since boot would lose rows at random (README,
     * compatibility), so that is not copied.
     */
    static boolean hasIpv6Row(InterfaceSnapshot i) {
        if (i.ipv6() == null || i.ipv6().disabled()) {
            return false;
        }
        return i.ipv6().ready();
    }

    static void addTo(SortedMibView.Builder b, NetnsSnapshot snap, Uptime uptime) {
        for (Oid root : SUBTREES) {
            b.subtree(root);
        }
        b.object(IPV6_FORWARDING).object(IPV6_DEFAULT_HOP_LIMIT).object(IPV6_INTERFACES).object(IPV6_IF_TABLE_LAST_CHANGE);
        for (int c = IPV6_IF_DESCR; c <= IPV6_IF_LAST_CHANGE; c++) {
            b.object(IPV6_IF_ENTRY.append(c));
        }
        List<InterfaceSnapshot> rows = new ArrayList<>();
        for (InterfaceSnapshot i : snap.interfaces()) {
            if (hasIpv6Row(i)) {
                rows.add(i);
            }
        }
        b.add(IPV6_FORWARDING.append(0), MibValue.integer(snap.ipv6Forwarding() ? 1 : 2));
        if (snap.ipv6HopLimit() >= 0) {
            b.add(IPV6_DEFAULT_HOP_LIMIT.append(0), MibValue.integer(snap.ipv6HopLimit()));
        }
        b.add(IPV6_INTERFACES.append(0), MibValue.gauge32(rows.size()));
        b.add(IPV6_IF_TABLE_LAST_CHANGE.append(0), MibValue.timeTicks(
                uptime.timeStamp(Math.max(snap.interfacesLastChangeNanos(), snap.ipv6LastChangeNanos()))));
        for (int c = IPV6_IF_DESCR; c <= IPV6_IF_LAST_CHANGE; c++) {
            Oid column = IPV6_IF_ENTRY.append(c); // column by column: OID order
            for (InterfaceSnapshot i : rows) {
                b.add(column, i.ifIndex(), ipv6IfEntry(c, i, uptime));
            }
        }
    }

    private static MibValue ipv6IfEntry(int column, InterfaceSnapshot i, Uptime uptime) {
        switch (column) {
            case IPV6_IF_DESCR: return MibValue.string(i.name());
            case IPV6_IF_LOWER_LAYER: return MibValue.oid(ZERO_DOT_ZERO);
            case IPV6_IF_EFFECTIVE_MTU: return MibValue.gauge32(i.mtu());
            case IPV6_IF_REASM_MAX_SIZE: return MibValue.gauge32(NetSnmpCompat.REASM_MAX_SIZE);
            case IPV6_IF_IDENTIFIER: return MibValue.octets(NetSnmpCompat.ipv6InterfaceIdentifier(i));
            case IPV6_IF_IDENTIFIER_LENGTH: return MibValue.integer(NetSnmpCompat.ipv6InterfaceIdentifier(i).length * 8);
            case IPV6_IF_PHYSICAL_ADDRESS: return MibValue.octets(NetSnmpCompat.physAddress(i.hwAddress()));
            // RFC 2465 semantics (admin = IFF_UP, oper = IFF_RUNNING); net-snmp swaps the two flags, which
            // only shows on a device that is up without carrier, and such a device has no IPv6 row anyway
            case IPV6_IF_ADMIN_STATUS: return MibValue.integer(NetSnmpCompat.adminStatus(i));
            case IPV6_IF_OPER_STATUS: return MibValue.integer(NetSnmpCompat.operStatus(i));
            case IPV6_IF_LAST_CHANGE: return MibValue.timeTicks(uptime.timeStamp(i.lastChangeNanos()));
            default: throw new IllegalArgumentException("no ipv6IfTable column " + column);
        }
    }
}
