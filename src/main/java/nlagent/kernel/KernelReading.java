package nlagent.kernel;

import java.util.List;
import java.util.Map;

import nlagent.model.IpStatistics;
import nlagent.netlink.AddressInfo;
import nlagent.netlink.LinkInfo;
import nlagent.netlink.NeighParms;

/**
 * Everything one refresh read from one namespace, before MIB-neutral assembly into a snapshot.
 *
 * @param links        RTM_GETLINK dump, in dump order
 * @param neigh        RTM_GETNEIGHTBL device entries keyed by {@link #neighKey}
 * @param netconf      RTM_GETNETCONF dump (later merged with notifications)
 * @param linkLocal    first IPv6 link-local address per ifindex (RTM_GETADDR)
 * @param ipDefaultTtl ipv4/ip_default_ttl, -1 if unreadable
 * @param ipfragTimeSeconds ipv4/ipfrag_time, -1 if unreadable
 * @param ipv6HopLimit ipv6/conf/all/hop_limit, -1 if unreadable
 * @param readAtNanos  ticker time the reading started
 * @param addresses    RTM_GETADDR dump (IPv4 and IPv6), in dump order
 * @param ipStatistics the namespace's /proc/net counters and the links' IFLA_INET6_STATS
 */
record KernelReading(List<LinkInfo> links, Map<Long, NeighParms> neigh, NetconfTable netconf,
                     Map<Integer, byte[]> linkLocal, int ipDefaultTtl, int ipfragTimeSeconds, int ipv6HopLimit, long readAtNanos,
                     List<AddressInfo> addresses, IpStatistics ipStatistics) {

    KernelReading(List<LinkInfo> links, Map<Long, NeighParms> neigh, NetconfTable netconf, Map<Integer, byte[]> linkLocal,
                  int ipDefaultTtl, int ipfragTimeSeconds, int ipv6HopLimit, long readAtNanos) {
        this(links, neigh, netconf, linkLocal, ipDefaultTtl, ipfragTimeSeconds, ipv6HopLimit, readAtNanos, List.of(), IpStatistics.NONE);
    }

    static long neighKey(int family, int ifIndex) {
        return ((long) family << 32) | (ifIndex & 0xFFFFFFFFL);
    }

    NeighParms neigh(int family, int ifIndex) {
        return neigh.get(neighKey(family, ifIndex));
    }

    KernelReading withNetconf(NetconfTable table) {
        return new KernelReading(links, neigh, table, linkLocal, ipDefaultTtl, ipfragTimeSeconds, ipv6HopLimit, readAtNanos,
                addresses, ipStatistics);
    }
}
