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
        b.add(IPV6_INTERFACE_TABLE_LAST_CHANGE.append(0),
                MibValue.timeTicks(uptime.timeStamp(Math.max(ifChange, snap.ipv6LastChangeNanos()))));

        for (InterfaceSnapshot i : snap.interfaces()) {
            int x = i.ifIndex();
            Ipv4Conf v4 = i.ipv4();
            if (v4 != null) {
                b.add(IPV4_INTERFACE_ENTRY.append(IPV4_IF_REASM_MAX_SIZE, x), MibValue.integer(NetSnmpCompat.REASM_MAX_SIZE));
                b.add(IPV4_INTERFACE_ENTRY.append(IPV4_IF_ENABLE_STATUS, x), MibValue.integer(NetSnmpCompat.adminStatus(i)));
                b.add(IPV4_INTERFACE_ENTRY.append(IPV4_IF_RETRANSMIT_TIME, x),
                        MibValue.gauge32(v4.retransTimeMs() >= 0 ? v4.retransTimeMs() : DEFAULT_RETRANS_MS));
            }
            Ipv6Conf v6 = i.ipv6();
            if (v6 != null) {
                b.add(IPV6_INTERFACE_ENTRY.append(IPV6_IF_REASM_MAX_SIZE, x), MibValue.gauge32(NetSnmpCompat.REASM_MAX_SIZE));
                b.add(IPV6_INTERFACE_ENTRY.append(IPV6_IF_IDENTIFIER, x), MibValue.octets(NetSnmpCompat.ipv6InterfaceIdentifier(i)));
                // up(1) only while IPv6 actually runs there: device up and IPv6 not disabled by sysctl
                boolean enabled = !v6.disabled() && i.isUp();
                b.add(IPV6_INTERFACE_ENTRY.append(IPV6_IF_ENABLE_STATUS, x), MibValue.integer(enabled ? 1 : 2));
                b.add(IPV6_INTERFACE_ENTRY.append(IPV6_IF_REACHABLE_TIME, x),
                        MibValue.gauge32(v6.baseReachableTimeMs() >= 0 ? v6.baseReachableTimeMs() : DEFAULT_REACHABLE_MS));
                b.add(IPV6_INTERFACE_ENTRY.append(IPV6_IF_RETRANSMIT_TIME, x),
                        MibValue.gauge32(v6.retransTimeMs() >= 0 ? v6.retransTimeMs() : DEFAULT_RETRANS_MS));
                b.add(IPV6_INTERFACE_ENTRY.append(IPV6_IF_FORWARDING, x), MibValue.integer(v6.forwarding() ? 1 : 2));
            }
        }
    }
}
