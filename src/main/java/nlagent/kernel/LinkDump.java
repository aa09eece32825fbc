package nlagent.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import nlagent.model.IpCounters;
import nlagent.model.Reuse;
import nlagent.netlink.Inet6LinkStats;
import nlagent.netlink.LinkInfo;
import nlagent.netlink.LinkMessage;
import nlagent.netlink.NlMessage;
import nlagent.netlink.NlSocket;

/**
 * One attempt at reading an RTM_GETLINK dump: the links and their IFLA_INET6_STATS counters,
 * decoding only the messages whose bytes differ from the message at the same position of the
 * previous reading's dump ({@link PayloadDigest}): equal digest and ifindex at the same position
 * mean the previous reading's {@link LinkInfo} and counters are taken as they are.
 *
 * <p>Why: a poll spaced as an NMS spaces it refreshes the namespace first, and on a host of 1,000
 * pods the root namespace's dump is ~1.5 MB in 1,001 messages. Decoding each one into fresh arrays
 * (statistics, device configuration, IPv6 counters) was a third of the refresh's own CPU and most of
 * what it allocated, all of it dropped again by {@link Reuse} when the link had not changed; when
 * a collection fell into the refresh the fresh copies were promoted. Reading a link whose bytes did
 * not change now costs its digest only (bench/README.md, "Polls spaced as an NMS spaces them").
 * A link whose counters moved is decoded as before. The other dumps of a refresh do the same with
 * {@link ReusingDump}; links have their own reader because one message gives two results (the link
 * and its IPv6 counters).
 */
final class LinkDump implements NlSocket.DumpCollector<LinkDump> {
    private static final long[] NO_DIGESTS = new long[0];

    private final IpstatsLayout layout;
    private final List<LinkInfo> before;
    private final long[] beforeDigests;
    private final SortedMap<Integer, IpCounters> beforeInet6;
    private final List<LinkInfo> links = new ArrayList<>();
    private final SortedMap<Integer, IpCounters> inet6 = new TreeMap<>();
    private long[] digests;
    private int decoded;
    private final PayloadDigest digest = new PayloadDigest();

    /**
     * @param before        the previous reading's links, in dump order (empty: decode all)
     * @param beforeDigests their digests, by position ({@link #digests()} of the dump that read them)
     * @param beforeInet6   the previous reading's IPv6 counters by ifindex
     */
    LinkDump(IpstatsLayout layout, List<LinkInfo> before, long[] beforeDigests, SortedMap<Integer, IpCounters> beforeInet6) {
        this.layout = layout;
        this.before = before;
        this.beforeDigests = beforeDigests == null ? NO_DIGESTS : beforeDigests;
        this.beforeInet6 = beforeInet6;
        this.digests = new long[Math.max(16, before.size())];
    }

    /** A reader with nothing to compare with: every message is decoded. */
    static LinkDump first(IpstatsLayout layout) {
        return new LinkDump(layout, List.of(), NO_DIGESTS, new TreeMap<>());
    }

    @Override
    public void accept(NlMessage m) {
        int i = links.size();
        long digest = this.digest.of(m);
        if (i < before.size() && i < beforeDigests.length && beforeDigests[i] == digest
                && before.get(i).ifIndex() == LinkMessage.ifIndex(m)) {
            LinkInfo was = before.get(i);
            IpCounters counters = beforeInet6.get(was.ifIndex());
            if (counters != null) {
                inet6.put(was.ifIndex(), counters);
            }
            add(was, digest);
            return;
        }
        LinkInfo link = LinkMessage.decode(m); // never null (a malformed message throws): positions are list indexes
        decoded++;
        Inet6LinkStats st = Inet6LinkStats.decode(m); // same message, second walk: no extra dump
        if (st != null) {
            inet6.put(st.ifIndex(), Reuse.previousIfEqual(beforeInet6.get(st.ifIndex()), layout.counters(st.ipstats())));
        }
        add(link, digest);
    }

    private void add(LinkInfo link, long digest) {
        if (links.size() == digests.length) {
            digests = Arrays.copyOf(digests, digests.length * 2);
        }
        digests[links.size()] = digest;
        links.add(link);
    }

    @Override
    public LinkDump result() {
        return this;
    }

    /** The links in dump order. */
    List<LinkInfo> links() {
        return links;
    }

    /** IFLA_INET6_STATS of the links that carry them, by ifindex. */
    SortedMap<Integer, IpCounters> inet6() {
        return inet6;
    }

    /** The digests of {@link #links()}, by position (what the next reading compares with). */
    long[] digests() {
        return Arrays.copyOf(digests, links.size());
    }

    /** Messages decoded in this attempt (the others matched the previous reading). */
    int decoded() {
        return decoded;
    }
}
