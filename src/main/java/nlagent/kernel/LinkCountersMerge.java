package nlagent.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

import nlagent.model.IpCounters;
import nlagent.netlink.Inet6Link;
import nlagent.netlink.LinkCounters;
import nlagent.netlink.LinkInfo;

/**
 * The links of a refresh that keeps the last full link dump's structure and reads only what moves
 * without a notification: each device's counters (RTM_GETSTATS, {@link LinkCounters}) and its IPv6
 * block (the AF_INET6 link dump, {@link Inet6Read}: devconf, ND times, IPv6 statistics). Names,
 * flags, MTU, operational state, addresses and aliases come with RTM_NEWLINK notifications, which ask
 * for the next full link dump ({@link NetnsHandle#requestStructureDump(long)}).
 *
 * <p>Why: the full link message of a veth carries IFLA_LINK_NETNSID, and the kernel finds that id by
 * walking the namespace's whole list of peer namespace ids (peernet2id, idr_for_each) for each veth:
 * in the namespace holding the host ends of K pods' veths the link dump costs K² steps (7.6–9.2 ms of
 * kernel CPU at K = 1,000 on the bench VM; the two dumps that replace it 0.9–1.3 ms together).
 */
final class LinkCountersMerge {

    /** The merged links, in the kept links' order, and the IPv6 counters by ifindex. */
    record Merged(List<LinkInfo> links, SortedMap<Integer, IpCounters> inet6) {
    }

    /**
     * One message of the AF_INET6 link dump: the device fields and IPv6 block ({@code device}, without
     * its raw statistics) and the statistics as served ({@code counters}; null: none).
     */
    record Inet6Read(Inet6Link device, IpCounters counters) {
        int ifIndex() {
            return device.ifIndex();
        }
    }

    /**
     * The kept links by ifindex, for the decoders of the two dumps: a decoded message that reads as its
     * kept link holds that link's arrays and IPv6 block instead of equal copies (what a dump keeps for
     * the next one, ReusingDump, would otherwise hold a second copy of every unchanged link's counters
     * and devconf: ~1.5 MB at 2,001 interfaces). Built on first use: a refresh decodes only the messages
     * whose bytes changed.
     */
    static final class KeptLinks {
        private final List<LinkInfo> links;
        private Map<Integer, LinkInfo> byIndex;

        KeptLinks(List<LinkInfo> links) {
            this.links = links;
        }

        private LinkInfo get(int ifIndex) {
            byIndex = byIndex != null ? byIndex : byIndex(links, LinkInfo::ifIndex);
            return byIndex.get(ifIndex);
        }

        LinkCounters share(LinkCounters c) {
            LinkInfo l = get(c.ifIndex());
            return l != null && l.stats64() != c.stats64() && Arrays.equals(l.stats64(), c.stats64()) ? new LinkCounters(c.ifIndex(), l.stats64()) : c;
        }

        Inet6Link share(Inet6Link d) {
            LinkInfo l = get(d.ifIndex());
            return l != null && d.sameDevice(l) ? d.sharing(l) : d;
        }
    }

    private LinkCountersMerge() {
    }

    /**
     * The kept links with the counters and IPv6 blocks just read. A link whose counters and IPv6 block
     * read as before is the very object it was (what is built from it can be kept). Null when the
     * dumps do not list exactly the kept links (a device came or went and its notification is still on
     * its way, or a dump raced the change), or when an IPv6 device's fields in the AF_INET6 dump (type,
     * flags, name, MTU, address, operational state) differ from the kept link's (a change whose
     * RTM_NEWLINK has not been handled yet): the refresh then dumps the links in full.
     */
    static Merged merge(List<LinkInfo> kept, List<LinkCounters> stats, List<Inet6Read> inet6) {
        int n = kept.size();
        if (stats.size() != n || inet6.size() > n) {
            return null;
        }
        Map<Integer, LinkCounters> statsByIndex = null;
        Map<Integer, Inet6Read> inet6ByIndex = null;
        List<LinkInfo> links = new ArrayList<>(n);
        SortedMap<Integer, IpCounters> counters = new TreeMap<>();
        int next6 = 0;
        int matched6 = 0;
        for (int p = 0; p < n; p++) {
            LinkInfo l = kept.get(p);
            // the dumps list devices in the order the full dump did (ifindex order since 6.6): positions first
            LinkCounters c = stats.get(p);
            if (c.ifIndex() != l.ifIndex()) {
                statsByIndex = statsByIndex != null ? statsByIndex : byIndex(stats, LinkCounters::ifIndex);
                c = statsByIndex.get(l.ifIndex());
                if (c == null) {
                    return null;
                }
            }
            Inet6Read i6;
            if (next6 < inet6.size() && inet6.get(next6).ifIndex() == l.ifIndex()) {
                i6 = inet6.get(next6++);
            } else {
                inet6ByIndex = inet6ByIndex != null ? inet6ByIndex : byIndex(inet6, Inet6Read::ifIndex);
                i6 = inet6ByIndex.get(l.ifIndex());
            }
            LinkInfo.Inet6Info info = null;
            if (i6 != null) {
                if (!i6.device().sameDevice(l)) {
                    return null;
                }
                matched6++;
                info = i6.device().inet6();
                if (i6.counters() != null) {
                    counters.put(l.ifIndex(), i6.counters());
                }
            }
            boolean sameStats = Arrays.equals(l.stats64(), c.stats64());
            boolean sameInet6 = Objects.equals(l.inet6(), info);
            links.add(sameStats && sameInet6 ? l : l.withCounters(sameStats ? l.stats64() : c.stats64(), sameInet6 ? l.inet6() : info));
        }
        if (matched6 != inet6.size()) {
            return null; // an IPv6 device the counters dump did not list
        }
        return new Merged(links, counters);
    }

    private static <T> Map<Integer, T> byIndex(List<T> items, ToIntFunction<T> ifIndex) {
        Map<Integer, T> m = new HashMap<>(items.size() * 2);
        for (T t : items) {
            m.putIfAbsent(ifIndex.applyAsInt(t), t);
        }
        return m;
    }
}
