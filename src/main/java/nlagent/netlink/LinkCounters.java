package nlagent.netlink;

import java.util.Arrays;

/**
 * One RTM_NEWSTATS message of an IFLA_STATS_LINK_64 dump, decoded: a device's counters without the
 * rest of its link message (struct if_stats_msg, 12 bytes: u8 family, u8 pad1, u16 pad2,
 * u32 ifindex @4, u32 filter_mask @8; attributes at +12). The array is owned by this value.
 *
 * @param ifIndex if_stats_msg.ifindex
 * @param stats64 IFLA_STATS_LINK_64 as u64 fields in struct rtnl_link_stats64 order, sized by the
 *                attribute (empty if absent): the same layout and values as a link message's IFLA_STATS64
 */
public record LinkCounters(int ifIndex, long[] stats64) {
    private static final long[] NO_LONGS = new long[0];

    public static LinkCounters decode(NlMessage m) {
        if (m.payloadLength() < Rtnl.IF_STATS_MSG_LEN) {
            throw new MalformedMessageException("stats message of " + m.length() + " bytes has no if_stats_msg");
        }
        int index = m.buffer().getInt(m.payloadOffset() + 4);
        long[] stats = NO_LONGS;
        NlAttrs a = m.attributes(Rtnl.IF_STATS_MSG_LEN);
        while (a.next()) {
            if (a.type() == Rtnl.IFLA_STATS_LINK_64) {
                stats = a.longArray();
            }
        }
        return new LinkCounters(index, stats);
    }

    /** Value equality, the array by content (the generated record equals compares array references). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LinkCounters c && c.ifIndex == ifIndex && Arrays.equals(c.stats64, stats64);
    }

    @Override
    public int hashCode() {
        return ifIndex * 31 + Arrays.hashCode(stats64);
    }
}
