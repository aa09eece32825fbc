package nlagent.health;

import nlagent.mib.Oid;

/**
 * Every OID of DCACHE-HEALTH-MIB (mibs/DCACHE-HEALTH-MIB.txt), derived from one root so that an
 * operator with a Private Enterprise Number relocates the module by changing {@link #ROOT} (and the
 * MODULE-IDENTITY value in the MIB file). A test checks each constant against the MIB file with
 * net-snmp's snmptranslate.
 */
public final class HealthOids {
    private HealthOids() {
    }

    /** dcacheHealthMIB: net-snmp's playpen (netSnmpPlaypen 1.3.6.1.4.1.8072.9999.9999), sub-arc 110108 ("n","l"). */
    public static final Oid ROOT = Oid.parse("1.3.6.1.4.1.8072.9999.9999.110108");

    /** sysORDescr of the module's sysORTable row (sysORID = ROOT). */
    public static final String SYS_OR_DESCR = "DCACHE-HEALTH-MIB: dentry cache and /proc/sys/net lookup health";

    public static final Oid NOTIFICATIONS = ROOT.append(0);
    public static final Oid OBJECTS = ROOT.append(1);

    private static final Oid DENTRY = OBJECTS.append(1);
    private static final Oid SLAB = OBJECTS.append(2);
    private static final Oid PROBE = OBJECTS.append(3);
    private static final Oid NETNS = OBJECTS.append(4);
    private static final Oid AGENT = OBJECTS.append(5);
    private static final Oid HEALTH = OBJECTS.append(6);
    private static final Oid THRESHOLDS = OBJECTS.append(7);

    // scalars (object OIDs; instances are .0)
    public static final Oid DENTRIES = DENTRY.append(1);
    public static final Oid DENTRIES_UNUSED = DENTRY.append(2);
    public static final Oid DENTRY_AGE_LIMIT = DENTRY.append(3);
    public static final Oid DENTRY_WANT_PAGES = DENTRY.append(4);
    public static final Oid DENTRIES_NEGATIVE = DENTRY.append(5);

    public static final Oid SLAB_DENTRY_OBJECTS = SLAB.append(1);
    public static final Oid SLAB_PROC_INODE_OBJECTS = SLAB.append(2);
    public static final Oid SLAB_NET_NAMESPACE_OBJECTS = SLAB.append(3);

    public static final Oid PROBE_INTERVAL = PROBE.append(1);
    public static final Oid PROBE_EFFECTIVE_INTERVAL = PROBE.append(2);
    public static final Oid PROBE_BACKOFFS = PROBE.append(3);
    public static final Oid PROBE_BUDGET = PROBE.append(4);
    public static final Oid PROBE_BURST = PROBE.append(5);
    public static final Oid PROBE_PER_ENTRY_COST = PROBE.append(6);
    public static final Oid PROBE_RUNS = PROBE.append(7);
    public static final Oid PROBE_LOOKUPS = PROBE.append(8);
    public static final Oid PROBE_LAST_DURATION = PROBE.append(9);
    public static final Oid PROBE_CONTROL_PATH = PROBE.append(10);
    public static final Oid PROBE_CONTROL_LATENCY = PROBE.append(11);

    /** dcacheProbeEntry; columns are ENTRY.append(n), instances ENTRY.append(n, index). */
    public static final Oid PROBE_TABLE = PROBE.append(12);
    public static final Oid PROBE_ENTRY = PROBE_TABLE.append(1);
    public static final Oid PROBE_PATH = PROBE_ENTRY.append(2);
    public static final Oid PROBE_STATUS = PROBE_ENTRY.append(3);
    public static final Oid PROBE_LATENCY = PROBE_ENTRY.append(4);
    public static final Oid PROBE_EXCESS = PROBE_ENTRY.append(5);
    public static final Oid PROBE_RATIO = PROBE_ENTRY.append(6);
    public static final Oid PROBE_CHAIN_ESTIMATE = PROBE_ENTRY.append(7);
    public static final Oid PROBE_LAST_RUN = PROBE_ENTRY.append(8);
    public static final Oid PROBE_ALARMED = PROBE_ENTRY.append(9);

    public static final Oid NETNS_ALLOCATED = NETNS.append(1);
    public static final Oid NETNS_SERVED = NETNS.append(2);
    public static final Oid NETNS_CHANGE_RATE = NETNS.append(3);

    public static final Oid AGENT_HELD_FDS = AGENT.append(1);
    public static final Oid AGENT_FD_REOPENS = AGENT.append(2);
    public static final Oid AGENT_STALE_FDS = AGENT.append(3);
    public static final Oid AGENT_PROC_SYS_LOOKUPS = AGENT.append(4);
    public static final Oid AGENT_NETLINK_DUMPS = AGENT.append(5);
    public static final Oid AGENT_NETLINK_RESYNCS = AGENT.append(6);
    public static final Oid AGENT_NETLINK_ERRORS = AGENT.append(7);
    public static final Oid AGENT_REFRESH_DURATION = AGENT.append(8);
    public static final Oid AGENT_SNAPSHOT_AGE = AGENT.append(9);
    public static final Oid MONITOR_HELD_FDS = AGENT.append(10);
    public static final Oid MONITOR_READS = AGENT.append(11);

    public static final Oid HEALTH_STATE = HEALTH.append(1);
    public static final Oid HEALTH_LAST_CHANGE = HEALTH.append(2);
    public static final Oid HEALTH_MESSAGE = HEALTH.append(3);

    public static final Oid EXCESS_RISING_THRESHOLD = THRESHOLDS.append(1);
    public static final Oid EXCESS_FALLING_THRESHOLD = THRESHOLDS.append(2);
    public static final Oid EXCESS_CRITICAL_RISING_THRESHOLD = THRESHOLDS.append(3);
    public static final Oid EXCESS_CRITICAL_FALLING_THRESHOLD = THRESHOLDS.append(4);
    public static final Oid UNUSED_RISING_THRESHOLD = THRESHOLDS.append(5);
    public static final Oid UNUSED_FALLING_THRESHOLD = THRESHOLDS.append(6);
    public static final Oid NEGATIVE_RISING_THRESHOLD = THRESHOLDS.append(7);
    public static final Oid NEGATIVE_FALLING_THRESHOLD = THRESHOLDS.append(8);

    // notifications (snmpTrapOID.0 values)
    public static final Oid CHAIN_RISING = NOTIFICATIONS.append(1);
    public static final Oid CHAIN_FALLING = NOTIFICATIONS.append(2);
    public static final Oid UNUSED_RISING = NOTIFICATIONS.append(3);
    public static final Oid UNUSED_FALLING = NOTIFICATIONS.append(4);
    public static final Oid NEGATIVE_RISING = NOTIFICATIONS.append(5);
    public static final Oid NEGATIVE_FALLING = NOTIFICATIONS.append(6);

    /** The instance of a scalar: {@code object.0}. */
    public static Oid scalar(Oid object) {
        return object.append(0);
    }

    /** The instance of a probe-table column for row {@code index} (1-based). */
    public static Oid probeCell(Oid column, int index) {
        return column.append(index);
    }
}
