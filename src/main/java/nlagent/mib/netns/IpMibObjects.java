package nlagent.mib.netns;

import static nlagent.mib.oid.IpMib.*;

import java.util.List;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.Ipv4Conf;
import nlagent.model.Ipv6Conf;
import nlagent.model.NetnsSnapshot;

/**
 * IP-MIB interface parts for one namespace: the forwarding/TTL/hop-limit/reassembly scalars and
 * ipv4InterfaceTable / ipv6InterfaceTable (RFC 4293; Debian's net-snmp does not build these two
 * tables, so the RFC is the reference).
 */
final class IpMibObjects {
    private IpMibObjects() {
    }

    /** Registered one by one: the rest of the ip group (ipAddrTable, routes, stats) stays net-snmp's. */
    static final List<Oid> SUBTREES = List.of(IP_FORWARDING, IP_DEFAULT_TTL, IP_REASM_TIMEOUT, IPV6_IP_FORWARDING,
            IPV6_IP_DEFAULT_HOP_LIMIT, IPV4_INTERFACE_TABLE_LAST_CHANGE, IPV4_INTERFACE_TABLE,
            IPV6_INTERFACE_TABLE_LAST_CHANGE, IPV6_INTERFACE_TABLE);

    /** RFC 4293 defaults where the kernel did not report a value (neigh/default: 1 s retrans, 30 s reachable). */
    private static final long DEFAULT_RETRANS_MS = 1000;
    private static final long DEFAULT_REACHABLE_MS = 30_000;

    static void addTo(SortedMibView.Builder b, NetnsSnapshot snap, Uptime uptime) {
        for (Oid root : SUBTREES) {
            b.subtree(root);
        }
        b.object(IP_FORWARDING).object(IP_DEFAULT_TTL).object(IP_REASM_TIMEOUT).object(IPV6_IP_FORWARDING)
                .object(IPV6_IP_DEFAULT_HOP_LIMIT).object(IPV4_INTERFACE_TABLE_LAST_CHANGE)
                .object(IPV6_INTERFACE_TABLE_LAST_CHANGE);
        for (int c : new int[] {IPV4_IF_REASM_MAX_SIZE, IPV4_IF_ENABLE_STATUS, IPV4_IF_RETRANSMIT_TIME}) {
            b.object(IPV4_INTERFACE_ENTRY.append(c));
        }
        for (int c : new int[] {IPV6_IF_REASM_MAX_SIZE, IPV6_IF_IDENTIFIER, IPV6_IF_ENABLE_STATUS,
                IPV6_IF_REACHABLE_TIME, IPV6_IF_RETRANSMIT_TIME, IPV6_IF_FORWARDING}) {
            b.object(IPV6_INTERFACE_ENTRY.append(c));
        }

        b.add(IP_FORWARDING.append(0), MibValue.integer(snap.ipv4Forwarding() ? 1 : 2));
        if (snap.ipDefaultTtl() >= 0) {
            b.add(IP_DEFAULT_TTL.append(0), MibValue.integer(snap.ipDefaultTtl()));
        }
        if (snap.ipReasmTimeoutSeconds() >= 0) {
            b.add(IP_REASM_TIMEOUT.append(0), MibValue.integer(snap.ipReasmTimeoutSeconds()));
        }
        b.add(IPV6_IP_FORWARDING.append(0), MibValue.integer(snap.ipv6Forwarding() ? 1 : 2));
        if (snap.ipv6HopLimit() >= 0) {
            b.add(IPV6_IP_DEFAULT_HOP_LIMIT.append(0), MibValue.integer(snap.ipv6HopLimit()));
        }
        long ifChange = snap.interfacesLastChangeNanos();
        b.add(IPV4_INTERFACE_TABLE_LAST_CHANGE.append(0),
                MibValue.timeTicks(uptime.timeStamp(Math.max(ifChange, snap.ipv4LastChangeNanos()))));

        // column by column in OID order (ipv4InterfaceTable 4.28 < ipv6InterfaceTableLastChange 4.29 < 4.30)
        int[] v4Columns = {IPV4_IF_REASM_MAX_SIZE, IPV4_IF_ENABLE_STATUS, IPV4_IF_RETRANSMIT_TIME};
        for (int c : v4Columns) {
            Oid column = IPV4_INTERFACE_ENTRY.append(c);
            for (InterfaceSnapshot i : snap.interfaces()) {
                if (i.ipv4() != null) {
                    b.add(column, i.ifIndex(), ipv4Entry(c, i));
                }
            }
        }
        b.add(IPV6_INTERFACE_TABLE_LAST_CHANGE.append(0),
                MibValue.timeTicks(uptime.timeStamp(Math.max(ifChange, snap.ipv6LastChangeNanos()))));
        int[] v6Columns = {IPV6_IF_REASM_MAX_SIZE, IPV6_IF_IDENTIFIER, IPV6_IF_ENABLE_STATUS, IPV6_IF_REACHABLE_TIME,
            IPV6_IF_RETRANSMIT_TIME, IPV6_IF_FORWARDING};
        for (int c : v6Columns) {
            Oid column = IPV6_INTERFACE_ENTRY.append(c);
            for (InterfaceSnapshot i : snap.interfaces()) {
                if (i.ipv6() != null) {
                    b.add(column, i.ifIndex(), ipv6Entry(c, i));
                }
            }
        }
    }

    private static MibValue ipv4Entry(int column, InterfaceSnapshot i) {
        Ipv4Conf v4 = i.ipv4();
        switch (column) {
            case IPV4_IF_REASM_MAX_SIZE: return MibValue.integer(NetSnmpCompat.REASM_MAX_SIZE);
            case IPV4_IF_ENABLE_STATUS: return MibValue.integer(NetSnmpCompat.adminStatus(i));
            case IPV4_IF_RETRANSMIT_TIME: return MibValue.gauge32(v4.retransTimeMs() >= 0 ? v4.retransTimeMs() : DEFAULT_RETRANS_MS);
            default: throw new IllegalArgumentException("no ipv4InterfaceTable column " + column);
        }
    }

    private static MibValue ipv6Entry(int column, InterfaceSnapshot i) {
        Ipv6Conf v6 = i.ipv6();
        switch (column) {
            case IPV6_IF_REASM_MAX_SIZE: return MibValue.gauge32(NetSnmpCompat.REASM_MAX_SIZE);
            case IPV6_IF_IDENTIFIER: return MibValue.octets(NetSnmpCompat.ipv6InterfaceIdentifier(i));
            // up(1) only while IPv6 actually runs there: device up and IPv6 not disabled by sysctl
            case IPV6_IF_ENABLE_STATUS: return MibValue.integer(v6.enabledWith(i.flags()) ? 1 : 2);
            case IPV6_IF_REACHABLE_TIME:
                return MibValue.gauge32(v6.baseReachableTimeMs() >= 0 ? v6.baseReachableTimeMs() : DEFAULT_REACHABLE_MS);
            case IPV6_IF_RETRANSMIT_TIME: return MibValue.gauge32(v6.retransTimeMs() >= 0 ? v6.retransTimeMs() : DEFAULT_RETRANS_MS);
            case IPV6_IF_FORWARDING: return MibValue.integer(v6.forwarding() ? 1 : 2);
            default: throw new IllegalArgumentException("no ipv6InterfaceTable column " + column);
        }
    }
}
