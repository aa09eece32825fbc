package nlagent.mib.oid;

import nlagent.mib.Oid;

/**
 * The SNMP engine's own objects, defined once: SNMP-FRAMEWORK-MIB snmpEngine (RFC 3411),
 * SNMP-MPD-MIB snmpMPDStats (RFC 3412) and SNMP-USER-BASED-SM-MIB usmStats (RFC 3414).
 * Scalars; the served instance is {@code .0}.
 */
public final class SnmpEngineMibs {
    private SnmpEngineMibs() {
    }

    public static final Oid SNMP_FRAMEWORK_MIB = Oid.parse("1.3.6.1.6.3.10");
    public static final Oid SNMP_ENGINE = SNMP_FRAMEWORK_MIB.append(2, 1);
    public static final Oid SNMP_ENGINE_ID = SNMP_ENGINE.append(1);
    public static final Oid SNMP_ENGINE_BOOTS = SNMP_ENGINE.append(2);
    public static final Oid SNMP_ENGINE_TIME = SNMP_ENGINE.append(3);
    public static final Oid SNMP_ENGINE_MAX_MESSAGE_SIZE = SNMP_ENGINE.append(4);

    public static final Oid SNMP_MPD_MIB = Oid.parse("1.3.6.1.6.3.11");
    public static final Oid SNMP_MPD_STATS = SNMP_MPD_MIB.append(2, 1);
    public static final Oid SNMP_UNKNOWN_SECURITY_MODELS = SNMP_MPD_STATS.append(1);
    public static final Oid SNMP_INVALID_MSGS = SNMP_MPD_STATS.append(2);
    public static final Oid SNMP_UNKNOWN_PDU_HANDLERS = SNMP_MPD_STATS.append(3);

    public static final Oid USM_MIB = Oid.parse("1.3.6.1.6.3.15");
    public static final Oid USM_STATS = USM_MIB.append(1, 1);
    public static final Oid USM_STATS_UNSUPPORTED_SEC_LEVELS = USM_STATS.append(1);
    public static final Oid USM_STATS_NOT_IN_TIME_WINDOWS = USM_STATS.append(2);
    public static final Oid USM_STATS_UNKNOWN_USER_NAMES = USM_STATS.append(3);
    public static final Oid USM_STATS_UNKNOWN_ENGINE_IDS = USM_STATS.append(4);
    public static final Oid USM_STATS_WRONG_DIGESTS = USM_STATS.append(5);
    public static final Oid USM_STATS_DECRYPTION_ERRORS = USM_STATS.append(6);
}
