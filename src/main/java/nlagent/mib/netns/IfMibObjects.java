package nlagent.mib.netns;

import static nlagent.mib.oid.IfMib.*;

import java.util.List;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.LinkStats;
import nlagent.model.NetnsSnapshot;

/** IF-MIB for one namespace: ifNumber, ifTable (22 columns), ifXTable (19 columns), ifTableLastChange. */
final class IfMibObjects {
    private IfMibObjects() {
    }

    static final List<Oid> SUBTREES = List.of(INTERFACES, IF_X_TABLE, IF_TABLE_LAST_CHANGE);
    private static final Oid ZERO_DOT_ZERO = Oid.of(0, 0);
    private static final int IF_TABLE_COLUMNS = 22;
    private static final int IF_X_TABLE_COLUMNS = 19;
    /** ifLinkUpDownTrapEnable: this agent sends no linkUp/linkDown traps, so disabled(2) is what is true. */
    private static final int TRAP_DISABLED = 2;

    static void addTo(SortedMibView.Builder b, NetnsSnapshot snap, Uptime uptime) {
        for (Oid root : SUBTREES) {
            b.subtree(root);
        }
        b.object(IF_NUMBER).object(IF_TABLE_LAST_CHANGE);
        for (int c = 1; c <= IF_TABLE_COLUMNS; c++) {
            b.object(IF_ENTRY.append(c));
        }
        for (int c = 1; c <= IF_X_TABLE_COLUMNS; c++) {
            b.object(IF_X_ENTRY.append(c));
        }
        b.add(IF_NUMBER.append(0), MibValue.integer(snap.interfaces().size()));
        b.add(IF_TABLE_LAST_CHANGE.append(0), MibValue.timeTicks(uptime.timeStamp(snap.interfacesLastChangeNanos())));
        for (InterfaceSnapshot i : snap.interfaces()) {
            addIfEntry(b, i, uptime);
            addIfXEntry(b, i, uptime);
        }
    }

    private static void addIfEntry(SortedMibView.Builder b, InterfaceSnapshot i, Uptime uptime) {
        int x = i.ifIndex();
        LinkStats s = i.stats();
        b.add(IF_ENTRY.append(IF_INDEX, x), MibValue.integer(x));
        b.add(IF_ENTRY.append(IF_DESCR, x), MibValue.string(i.name()));
        b.add(IF_ENTRY.append(IF_TYPE, x), MibValue.integer(NetSnmpCompat.ifType(i.arphrdType())));
        b.add(IF_ENTRY.append(IF_MTU, x), MibValue.integer(i.mtu()));
        b.add(IF_ENTRY.append(IF_SPEED, x), MibValue.gauge32(NetSnmpCompat.ifSpeed(i)));
        b.add(IF_ENTRY.append(IF_PHYS_ADDRESS, x), MibValue.octets(NetSnmpCompat.physAddress(i.hwAddress())));
        b.add(IF_ENTRY.append(IF_ADMIN_STATUS, x), MibValue.integer(NetSnmpCompat.adminStatus(i)));
        b.add(IF_ENTRY.append(IF_OPER_STATUS, x), MibValue.integer(NetSnmpCompat.operStatus(i)));
        b.add(IF_ENTRY.append(IF_LAST_CHANGE, x), MibValue.timeTicks(uptime.timeStamp(i.lastChangeNanos())));
        b.add(IF_ENTRY.append(IF_IN_OCTETS, x), MibValue.counter32(s.rxBytes()));
        b.add(IF_ENTRY.append(IF_IN_UCAST_PKTS, x), MibValue.counter32(NetSnmpCompat.inUcastPkts(s)));
        b.add(IF_ENTRY.append(IF_IN_NUCAST_PKTS, x), MibValue.counter32(s.multicast()));
        b.add(IF_ENTRY.append(IF_IN_DISCARDS, x), MibValue.counter32(NetSnmpCompat.inDiscards(s)));
        b.add(IF_ENTRY.append(IF_IN_ERRORS, x), MibValue.counter32(s.rxErrors()));
        b.add(IF_ENTRY.append(IF_IN_UNKNOWN_PROTOS, x), MibValue.counter32(0)); // net-snmp has no source on Linux
        b.add(IF_ENTRY.append(IF_OUT_OCTETS, x), MibValue.counter32(s.txBytes()));
        b.add(IF_ENTRY.append(IF_OUT_UCAST_PKTS, x), MibValue.counter32(NetSnmpCompat.outUcastPkts(i)));
        b.add(IF_ENTRY.append(IF_OUT_NUCAST_PKTS, x), MibValue.counter32(0)); // Linux counts no tx multicast/broadcast
        b.add(IF_ENTRY.append(IF_OUT_DISCARDS, x), MibValue.counter32(s.txDropped()));
        b.add(IF_ENTRY.append(IF_OUT_ERRORS, x), MibValue.counter32(s.txErrors()));
        b.add(IF_ENTRY.append(IF_OUT_QLEN, x), MibValue.gauge32(0));
        b.add(IF_ENTRY.append(IF_SPECIFIC, x), MibValue.oid(ZERO_DOT_ZERO));
    }

    private static void addIfXEntry(SortedMibView.Builder b, InterfaceSnapshot i, Uptime uptime) {
        int x = i.ifIndex();
        LinkStats s = i.stats();
        b.add(IF_X_ENTRY.append(IF_NAME, x), MibValue.string(i.name()));
        b.add(IF_X_ENTRY.append(IF_IN_MULTICAST_PKTS, x), MibValue.counter32(s.multicast()));
        b.add(IF_X_ENTRY.append(IF_IN_BROADCAST_PKTS, x), MibValue.counter32(0));
        b.add(IF_X_ENTRY.append(IF_OUT_MULTICAST_PKTS, x), MibValue.counter32(0));
        b.add(IF_X_ENTRY.append(IF_OUT_BROADCAST_PKTS, x), MibValue.counter32(0));
        b.add(IF_X_ENTRY.append(IF_HC_IN_OCTETS, x), MibValue.counter64(s.rxBytes()));
        b.add(IF_X_ENTRY.append(IF_HC_IN_UCAST_PKTS, x), MibValue.counter64(NetSnmpCompat.inUcastPkts(s)));
        b.add(IF_X_ENTRY.append(IF_HC_IN_MULTICAST_PKTS, x), MibValue.counter64(s.multicast()));
        b.add(IF_X_ENTRY.append(IF_HC_IN_BROADCAST_PKTS, x), MibValue.counter64(0));
        b.add(IF_X_ENTRY.append(IF_HC_OUT_OCTETS, x), MibValue.counter64(s.txBytes()));
        b.add(IF_X_ENTRY.append(IF_HC_OUT_UCAST_PKTS, x), MibValue.counter64(NetSnmpCompat.outUcastPkts(i)));
        b.add(IF_X_ENTRY.append(IF_HC_OUT_MULTICAST_PKTS, x), MibValue.counter64(0));
        b.add(IF_X_ENTRY.append(IF_HC_OUT_BROADCAST_PKTS, x), MibValue.counter64(0));
        b.add(IF_X_ENTRY.append(IF_LINK_UP_DOWN_TRAP_ENABLE, x), MibValue.integer(TRAP_DISABLED));
        b.add(IF_X_ENTRY.append(IF_HIGH_SPEED, x), MibValue.gauge32(NetSnmpCompat.ifHighSpeed(i)));
        b.add(IF_X_ENTRY.append(IF_PROMISCUOUS_MODE, x), MibValue.integer(NetSnmpCompat.promiscuousMode(i)));
        b.add(IF_X_ENTRY.append(IF_CONNECTOR_PRESENT, x), MibValue.integer(NetSnmpCompat.connectorPresent(i)));
        b.add(IF_X_ENTRY.append(IF_ALIAS, x), MibValue.string(i.alias()));
        // counters restart only with the agent (a re-created device gets a new ifIndex), so no discontinuity since start
        b.add(IF_X_ENTRY.append(IF_COUNTER_DISCONTINUITY_TIME, x), MibValue.timeTicks(0));
    }
}
