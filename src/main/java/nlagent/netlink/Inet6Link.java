package nlagent.netlink;

import java.util.Arrays;
import java.util.Objects;

/**
 * One message of an AF_INET6 RTM_GETLINK dump ({@link DumpRequest#inet6Links()}), decoded: a device's
 * IPv6 block (IFLA_PROTINFO: flags, devconf, cache info, token, statistics), the same nest a full
 * link message carries under IFLA_AF_SPEC / AF_INET6, and the device fields addrconf puts in front of it
 * (inet6_fill_ifinfo), which read as the full link message's do. A kernel without IPv6 has no AF_INET6
 * handler and answers the request with full AF_UNSPEC link messages; they are read the same way.
 * The arrays are owned by this value.
 *
 * @param ifIndex    ifi_index
 * @param arphrdType ifi_type
 * @param flags      ifi_flags
 * @param name       IFLA_IFNAME
 * @param mtu        IFLA_MTU (0 if absent)
 * @param hwAddress  IFLA_ADDRESS (empty if absent)
 * @param operState  IFLA_OPERSTATE (0 if absent)
 * @param inet6      the IFLA_INET6_* block, or null when the device has none
 * @param ipstats    IFLA_INET6_STATS in IPSTATS_MIB_* order, or null when absent
 */
public record Inet6Link(int ifIndex, int arphrdType, int flags, String name, int mtu, byte[] hwAddress, int operState,
                        LinkInfo.Inet6Info inet6, long[] ipstats) {
    public static Inet6Link decode(NlMessage m) {
        LinkInfo l = LinkMessage.decode(m);
        Inet6LinkStats st = Inet6LinkStats.decode(m);
        return new Inet6Link(l.ifIndex(), l.arphrdType(), l.flags(), l.name(), l.mtu(), l.hwAddress(), l.operState(), l.inet6(),
                st == null ? null : st.ipstats());
    }

    /** This value without its statistics (for a holder that keeps them converted, once). */
    public Inet6Link withoutIpstats() {
        return ipstats == null ? this : new Inet6Link(ifIndex, arphrdType, flags, name, mtu, hwAddress, operState, inet6, null);
    }

    /**
     * This value holding {@code l}'s name and address (and IPv6 block, when equal) instead of equal
     * copies; only for a link whose device fields read the same ({@link #sameDevice}).
     */
    public Inet6Link sharing(LinkInfo l) {
        return new Inet6Link(ifIndex, arphrdType, flags, l.name(), mtu, l.hwAddress(), operState,
                Objects.equals(inet6, l.inet6()) ? l.inet6() : inet6, ipstats);
    }

    /** Whether the device fields read as {@code l}'s: a change they show has an RTM_NEWLINK on its way. */
    public boolean sameDevice(LinkInfo l) {
        return l.ifIndex() == ifIndex && l.arphrdType() == arphrdType && l.flags() == flags && l.mtu() == mtu
                && l.operState() == operState && l.name().equals(name) && Arrays.equals(l.hwAddress(), hwAddress);
    }

    @Override
    public long[] ipstats() {
        return ipstats == null ? null : ipstats.clone();
    }

    @Override
    public byte[] hwAddress() {
        return hwAddress.clone();
    }

    /** Value equality, arrays by content (the generated record equals compares array references). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Inet6Link l && l.ifIndex == ifIndex && l.arphrdType == arphrdType && l.flags == flags && l.mtu == mtu
                && l.operState == operState && Objects.equals(l.name, name) && Arrays.equals(l.hwAddress, hwAddress)
                && Objects.equals(l.inet6, inet6) && Arrays.equals(l.ipstats, ipstats);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ifIndex, flags, mtu, name) * 31 + Arrays.hashCode(ipstats);
    }
}
