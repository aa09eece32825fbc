package nlagent.model;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A namespace's IP statistics at one moment: its own /proc/net/snmp + /proc/net/netstat (IPv4) and
 * /proc/net/snmp6 (IPv6) totals, and per-interface IPv6 counters (IFLA_INET6_STATS). Immutable.
 *
 * @param ipv4           IPv4 totals ({@link IpCounters#NONE} when unreadable)
 * @param ipv6           IPv6 totals ({@link IpCounters#NONE} when IPv6 is off)
 * @param ipv6Interfaces per ifIndex, in ifIndex order: the interfaces that have an IPv6 device
 */
public record IpStatistics(IpCounters ipv4, IpCounters ipv6, SortedMap<Integer, IpCounters> ipv6Interfaces) {
    public static final IpStatistics NONE = new IpStatistics(IpCounters.NONE, IpCounters.NONE, new TreeMap<>());

    public IpStatistics {
        ipv6Interfaces = Collections.unmodifiableSortedMap(new TreeMap<>(ipv6Interfaces));
    }
}
