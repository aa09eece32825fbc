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

    /** Declares the objects and subtrees; the bindings come from the two add methods below. */
    static void declare(SortedMibView.Builder b) {
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
    }

    /**
     * ifNumber and ifTable (interfaces, 1.3.6.1.2.1.2), in OID order.
     *
     * @param same per row, whether it takes the previous view's values ({@link #unchanged})
     */
    static void addInterfacesGroup(SortedMibView.Builder b, NetnsSnapshot snap, Uptime uptime, boolean[] same) {
        List<InterfaceSnapshot> rows = snap.interfaces();
        b.add(IF_NUMBER.append(0), MibValue.integer(rows.size()));
        // column by column, rows in ifIndex order: OID order, so the builder need not sort
        for (int c = 1; c <= IF_TABLE_COLUMNS; c++) {
            Oid column = IF_ENTRY.append(c);
            for (int r = 0; r < same.length; r++) {
                InterfaceSnapshot i = rows.get(r);
                if (!same[r] || !b.addPreviousValue(column, i.ifIndex())) {
                    b.add(column, i.ifIndex(), ifEntry(c, i, uptime));
                }
            }
        }
    }

    /** ifXTable and ifTableLastChange (ifMIB, 1.3.6.1.2.1.31), in OID order; {@code same} as above. */
    static void addIfMibGroup(SortedMibView.Builder b, NetnsSnapshot snap, Uptime uptime, boolean[] same) {
        List<InterfaceSnapshot> rows = snap.interfaces();
        for (int c = 1; c <= IF_X_TABLE_COLUMNS; c++) {
            Oid column = IF_X_ENTRY.append(c);
            for (int r = 0; r < same.length; r++) {
                InterfaceSnapshot i = rows.get(r);
                if (!same[r] || !b.addPreviousValue(column, i.ifIndex())) {
                    b.add(column, i.ifIndex(), ifXEntry(c, i));
                }
            }
        }
        b.add(IF_TABLE_LAST_CHANGE.append(0), MibValue.timeTicks(uptime.timeStamp(snap.interfacesLastChangeNanos())));
    }

    /**
     * Per row, whether its interface is the very object at the same position of {@code previousRows} (the
     * interfaces the builder's previous view was built from; null: none): its values
     * (a function of the interface and the agent's fixed start time) are then the previous view's. A refresh
     * keeps the previous snapshot's object for every interface that did not change (nlagent.model.Reuse), and a
     * poll moves the counters of few (the NMS's own): the others' 41 values are neither computed nor compared.
     */
    static boolean[] unchanged(List<InterfaceSnapshot> rows, List<?> previousRows) {
        boolean[] same = new boolean[rows.size()];
        if (previousRows != null) {
            for (int r = 0; r < same.length && r < previousRows.size(); r++) {
                same[r] = rows.get(r) == previousRows.get(r);
            }
        }
        return same;
    }

    private static MibValue ifEntry(int column, InterfaceSnapshot i, Uptime uptime) {
        LinkStats s = i.stats();
        switch (column) {
            case IF_INDEX: return MibValue.integer(i.ifIndex());
            case IF_DESCR: return MibValue.string(i.name());
            case IF_TYPE: return MibValue.integer(NetSnmpCompat.ifType(i.arphrdType()));
            case IF_MTU: return MibValue.integer(i.mtu());
            case IF_SPEED: return MibValue.gauge32(NetSnmpCompat.ifSpeed(i));
            case IF_PHYS_ADDRESS: return MibValue.octets(NetSnmpCompat.physAddress(i.hwAddress()));
            case IF_ADMIN_STATUS: return MibValue.integer(NetSnmpCompat.adminStatus(i));
            case IF_OPER_STATUS: return MibValue.integer(NetSnmpCompat.operStatus(i));
            case IF_LAST_CHANGE: return MibValue.timeTicks(uptime.timeStamp(i.lastChangeNanos()));
            case IF_IN_OCTETS: return MibValue.counter32(s.rxBytes());
            case IF_IN_UCAST_PKTS: return MibValue.counter32(NetSnmpCompat.inUcastPkts(s));
            case IF_IN_NUCAST_PKTS: return MibValue.counter32(s.multicast());
            case IF_IN_DISCARDS: return MibValue.counter32(NetSnmpCompat.inDiscards(s));
            case IF_IN_ERRORS: return MibValue.counter32(s.rxErrors());
            case IF_IN_UNKNOWN_PROTOS: return MibValue.counter32(0); // net-snmp has no source on Linux
            case IF_OUT_OCTETS: return MibValue.counter32(s.txBytes());
            case IF_OUT_UCAST_PKTS: return MibValue.counter32(NetSnmpCompat.outUcastPkts(i));
            case IF_OUT_NUCAST_PKTS: return MibValue.counter32(0); // Linux counts no tx multicast/broadcast
            case IF_OUT_DISCARDS: return MibValue.counter32(s.txDropped());
            case IF_OUT_ERRORS: return MibValue.counter32(s.txErrors());
            case IF_OUT_QLEN: return MibValue.gauge32(0);
            case IF_SPECIFIC: return MibValue.oid(ZERO_DOT_ZERO);
            default: throw new IllegalArgumentException("no ifTable column " + column);
        }
    }

    private static MibValue ifXEntry(int column, InterfaceSnapshot i) {
        LinkStats s = i.stats();
        switch (column) {
            case IF_NAME: return MibValue.string(i.name());
            case IF_IN_MULTICAST_PKTS: return MibValue.counter32(s.multicast());
            case IF_IN_BROADCAST_PKTS: return MibValue.counter32(0);
            case IF_OUT_MULTICAST_PKTS: return MibValue.counter32(0);
            case IF_OUT_BROADCAST_PKTS: return MibValue.counter32(0);
            case IF_HC_IN_OCTETS: return MibValue.counter64(s.rxBytes());
            case IF_HC_IN_UCAST_PKTS: return MibValue.counter64(NetSnmpCompat.inUcastPkts(s));
            case IF_HC_IN_MULTICAST_PKTS: return MibValue.counter64(s.multicast());
            case IF_HC_IN_BROADCAST_PKTS: return MibValue.counter64(0);
            case IF_HC_OUT_OCTETS: return MibValue.counter64(s.txBytes());
            case IF_HC_OUT_UCAST_PKTS: return MibValue.counter64(NetSnmpCompat.outUcastPkts(i));
            case IF_HC_OUT_MULTICAST_PKTS: return MibValue.counter64(0);
            case IF_HC_OUT_BROADCAST_PKTS: return MibValue.counter64(0);
            case IF_LINK_UP_DOWN_TRAP_ENABLE: return MibValue.integer(TRAP_DISABLED);
            case IF_HIGH_SPEED: return MibValue.gauge32(NetSnmpCompat.ifHighSpeed(i));
            case IF_PROMISCUOUS_MODE: return MibValue.integer(NetSnmpCompat.promiscuousMode(i));
            case IF_CONNECTOR_PRESENT: return MibValue.integer(NetSnmpCompat.connectorPresent(i));
            case IF_ALIAS: return MibValue.string(i.alias());
            // counters restart only with the agent (a re-created device gets a new ifIndex): no discontinuity since start
            case IF_COUNTER_DISCONTINUITY_TIME: return MibValue.timeTicks(0);
            default: throw new IllegalArgumentException("no ifXTable column " + column);
        }
    }
}
