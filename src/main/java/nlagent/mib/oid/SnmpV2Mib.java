package nlagent.mib.oid;

import nlagent.mib.Oid;

/** SNMPv2-MIB (RFC 3418) system group, sysORTable and the notification header objects, defined once. */
public final class SnmpV2Mib {
    private SnmpV2Mib() {
    }

    public static final Oid SYSTEM = Oid.parse("1.3.6.1.2.1.1");
    public static final Oid SYS_DESCR = SYSTEM.append(1);
    public static final Oid SYS_OBJECT_ID = SYSTEM.append(2);
    public static final Oid SYS_UP_TIME = SYSTEM.append(3);
    public static final Oid SYS_CONTACT = SYSTEM.append(4);
    public static final Oid SYS_NAME = SYSTEM.append(5);
    public static final Oid SYS_LOCATION = SYSTEM.append(6);
    public static final Oid SYS_SERVICES = SYSTEM.append(7);
    public static final Oid SYS_OR_LAST_CHANGE = SYSTEM.append(8);
    public static final Oid SYS_OR_TABLE = SYSTEM.append(9);
    public static final Oid SYS_OR_ENTRY = SYS_OR_TABLE.append(1);
    /** sysOREntry columns (1, sysORIndex, is not-accessible). */
    public static final int SYS_OR_ID = 2, SYS_OR_DESCR = 3, SYS_OR_UP_TIME = 4;

    /** sysUpTime.0 and snmpTrapOID.0, the first two varbinds of every SNMPv2 notification. */
    public static final Oid SYS_UP_TIME_0 = SYS_UP_TIME.append(0);
    public static final Oid SNMP_TRAP_OID_0 = Oid.parse("1.3.6.1.6.3.1.1.4.1.0");

    /** SNMPv2-MIB's own MODULE-IDENTITY (snmpMIB), for sysORTable. */
    public static final Oid MODULE = Oid.parse("1.3.6.1.6.3.1");

    /** snmpUnknownContexts.0 (SNMP-TARGET-MIB snmpTargetObjects 5): the counter a Report for an unknown context carries. */
    public static final Oid SNMP_UNKNOWN_CONTEXTS_0 = Oid.parse("1.3.6.1.6.3.12.1.5.0");

    /**
     * The snmp group (RFC 3418 snmpGroup + snmpSetGroup's siblings that net-snmp serves): the
     * scalars of the current RFC 3418 conformance, each with instance .0. The RFC 1213 counters this
     * group deprecates (2, 8..29) are not served.
     */
    public static final Oid SNMP = Oid.parse("1.3.6.1.2.1.11");
    public static final Oid SNMP_IN_PKTS = SNMP.append(1);
    public static final Oid SNMP_IN_BAD_VERSIONS = SNMP.append(3);
    public static final Oid SNMP_IN_BAD_COMMUNITY_NAMES = SNMP.append(4);
    public static final Oid SNMP_IN_BAD_COMMUNITY_USES = SNMP.append(5);
    public static final Oid SNMP_IN_ASN_PARSE_ERRS = SNMP.append(6);
    /** INTEGER enabled(1) / disabled(2): this agent sends no authenticationFailure traps. */
    public static final Oid SNMP_ENABLE_AUTHEN_TRAPS = SNMP.append(30);
    public static final Oid SNMP_SILENT_DROPS = SNMP.append(31);
    public static final Oid SNMP_PROXY_DROPS = SNMP.append(32);

    /** net-snmp's sysObjectID for Linux hosts; the default, so NMS templates keyed on it keep matching. */
    public static final Oid NET_SNMP_LINUX = Oid.parse("1.3.6.1.4.1.8072.3.2.10");
}
