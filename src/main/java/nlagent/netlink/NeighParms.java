package nlagent.netlink;

/**
 * One device's neighbour-table parameters from RTM_NEWNEIGHTBL (times in ms; the kernel keeps them
 * in jiffies, so 1234 ms reads back as 1236 at HZ=250, exactly as /proc/sys shows).
 *
 * <p>Not NDTPA_REACHABLE_TIME: the kernel draws it again at random for every device on the host every 300 s
 * (neigh_periodic_work), nothing serves it, and kept here it made every table differ every five minutes.
 *
 * @param family              AF_INET (arp_cache) or AF_INET6 (ndisc_cache)
 * @param ifIndex             NDTPA_IFINDEX
 * @param retransTimeMs       NDTPA_RETRANS_TIME (-1 if absent)
 * @param baseReachableTimeMs NDTPA_BASE_REACHABLE_TIME (-1 if absent)
 */
public record NeighParms(int family, int ifIndex, long retransTimeMs, long baseReachableTimeMs) {
}
