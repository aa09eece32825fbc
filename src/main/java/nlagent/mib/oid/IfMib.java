package nlagent.mib.oid;

import nlagent.mib.Oid;

/** IF-MIB (RFC 2863) and the MIB-II interfaces group: every OID this agent serves from them, defined once. */
public final class IfMib {
    private IfMib() {
    }

    public static final Oid INTERFACES = Oid.parse("1.3.6.1.2.1.2");
    public static final Oid IF_NUMBER = INTERFACES.append(1);
    public static final Oid IF_TABLE = INTERFACES.append(2);
    public static final Oid IF_ENTRY = IF_TABLE.append(1);

    /** ifTable columns 1..22 (ifIndex .. ifSpecific). */
    public static final int IF_INDEX = 1, IF_DESCR = 2, IF_TYPE = 3, IF_MTU = 4, IF_SPEED = 5, IF_PHYS_ADDRESS = 6,
            IF_ADMIN_STATUS = 7, IF_OPER_STATUS = 8, IF_LAST_CHANGE = 9, IF_IN_OCTETS = 10, IF_IN_UCAST_PKTS = 11,
            IF_IN_NUCAST_PKTS = 12, IF_IN_DISCARDS = 13, IF_IN_ERRORS = 14, IF_IN_UNKNOWN_PROTOS = 15,
            IF_OUT_OCTETS = 16, IF_OUT_UCAST_PKTS = 17, IF_OUT_NUCAST_PKTS = 18, IF_OUT_DISCARDS = 19,
            IF_OUT_ERRORS = 20, IF_OUT_QLEN = 21, IF_SPECIFIC = 22;

    public static final Oid IF_MIB = Oid.parse("1.3.6.1.2.1.31");
    public static final Oid IF_MIB_OBJECTS = IF_MIB.append(1);
    public static final Oid IF_X_TABLE = IF_MIB_OBJECTS.append(1);
    public static final Oid IF_X_ENTRY = IF_X_TABLE.append(1);
    public static final Oid IF_TABLE_LAST_CHANGE = IF_MIB_OBJECTS.append(5);

    /** ifXTable columns 1..19 (ifName .. ifCounterDiscontinuityTime). */
    public static final int IF_NAME = 1, IF_IN_MULTICAST_PKTS = 2, IF_IN_BROADCAST_PKTS = 3,
            IF_OUT_MULTICAST_PKTS = 4, IF_OUT_BROADCAST_PKTS = 5, IF_HC_IN_OCTETS = 6, IF_HC_IN_UCAST_PKTS = 7,
            IF_HC_IN_MULTICAST_PKTS = 8, IF_HC_IN_BROADCAST_PKTS = 9, IF_HC_OUT_OCTETS = 10,
            IF_HC_OUT_UCAST_PKTS = 11, IF_HC_OUT_MULTICAST_PKTS = 12, IF_HC_OUT_BROADCAST_PKTS = 13,
            IF_LINK_UP_DOWN_TRAP_ENABLE = 14, IF_HIGH_SPEED = 15, IF_PROMISCUOUS_MODE = 16,
            IF_CONNECTOR_PRESENT = 17, IF_ALIAS = 18, IF_COUNTER_DISCONTINUITY_TIME = 19;

    /** sysORTable identity of IF-MIB (ifMIB MODULE-IDENTITY). */
    public static final Oid MODULE = IF_MIB;

    /** linkDown / linkUp notification OIDs (SNMPv2-MIB snmpTraps). */
    public static final Oid LINK_DOWN = Oid.parse("1.3.6.1.6.3.1.1.5.3");
    public static final Oid LINK_UP = Oid.parse("1.3.6.1.6.3.1.1.5.4");
}
