package nlagent.netlink;

import java.util.Arrays;
import nlagent.sys.SharedIntArrays;

/**
 * One RTM_NEWNETCONF entry: the NETCONFA_* values the message carried, per family and ifindex
 * (NETCONFA_IFINDEX_ALL -1, NETCONFA_IFINDEX_DEFAULT -2, or a device). Dump replies carry every
 * applicable attribute, change notifications only the changed one, so entries are merged with
 * {@link #mergedWith}, never replaced. Immutable.
 */
public final class NetconfEntry {
    private final int family;
    private final int ifIndex;
    private final int presentMask;
    private final int[] values; // indexed by NETCONFA_* id; 0 where absent and at NETCONFA_IFINDEX (the field)

    public NetconfEntry(int family, int ifIndex, int presentMask, int[] values) {
        if (values.length != Rtnl.NETCONFA_MAX_KNOWN + 1) {
            throw new IllegalArgumentException("values must be indexed by NETCONFA id 0.." + Rtnl.NETCONFA_MAX_KNOWN);
        }
        this.family = family;
        this.ifIndex = ifIndex;
        this.presentMask = presentMask;
        // Absent values and the ifindex zeroed, so that equal settings are one shared array: a namespace keeps ~10
        // entries, nearly all of them alike across namespaces (1.1 MB of int[] at K = 2,000).
        int[] v = new int[values.length];
        for (int attr = 1; attr < v.length; attr++) {
            if (attr != Rtnl.NETCONFA_IFINDEX && has(attr)) {
                v[attr] = values[attr];
            }
        }
        this.values = SharedIntArrays.intern(v);
    }

    public int family() {
        return family;
    }

    public int ifIndex() {
        return ifIndex;
    }

    /** Whether the entry carries NETCONFA_* attribute {@code attr}. */
    public boolean has(int attr) {
        return attr > 0 && attr <= Rtnl.NETCONFA_MAX_KNOWN && (presentMask & (1 << attr)) != 0;
    }

    /** The value of {@code attr}, or {@code dflt} when absent. */
    public int value(int attr, int dflt) {
        return !has(attr) ? dflt : attr == Rtnl.NETCONFA_IFINDEX ? ifIndex : values[attr];
    }

    /** This entry updated with every attribute {@code newer} carries. */
    public NetconfEntry mergedWith(NetconfEntry newer) {
        if (newer.family != family || newer.ifIndex != ifIndex) {
            throw new IllegalArgumentException("merging netconf entries of different keys");
        }
        int[] v = values.clone();
        for (int attr = 1; attr <= Rtnl.NETCONFA_MAX_KNOWN; attr++) {
            if (newer.has(attr)) {
                v[attr] = newer.values[attr];
            }
        }
        return new NetconfEntry(family, ifIndex, presentMask | newer.presentMask, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetconfEntry e && e.family == family && e.ifIndex == ifIndex
                && e.presentMask == presentMask && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * family + ifIndex) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("netconf[af=").append(family).append(" ifindex=").append(ifIndex);
        for (int attr = 1; attr <= Rtnl.NETCONFA_MAX_KNOWN; attr++) {
            if (has(attr)) {
                sb.append(' ').append(attr).append('=').append(value(attr, 0));
            }
        }
        return sb.append(']').toString();
    }
}
