package nlagent.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One network interface as the kernel reported it at snapshot time. Immutable; MIB semantics
 * (ifType mapping, status codes, counter widths) are applied later, in {@code nlagent.mib}.
 *
 * @param ifIndex          kernel ifindex
 * @param name             IFLA_IFNAME
 * @param arphrdType       ifi_type (ARPHRD_*)
 * @param flags            ifi_flags (IFF_UP 0x1, IFF_BROADCAST 0x2, IFF_LOOPBACK 0x8, IFF_RUNNING 0x40, IFF_PROMISC 0x100, IFF_LOWER_UP 0x10000 ...)
 * @param mtu              IFLA_MTU
 * @param hwAddress        IFLA_ADDRESS (empty if none)
 * @param operState        IFLA_OPERSTATE (IF_OPER_UNKNOWN 0, NOTPRESENT 1, DOWN 2, LOWERLAYERDOWN 3, TESTING 4, DORMANT 5, UP 6)
 * @param alias            IFLA_IFALIAS ("" if none)
 * @param linkKind         IFLA_LINKINFO/IFLA_INFO_KIND ("veth", "bridge" ...; "" if none)
 * @param stats            IFLA_STATS64
 * @param speedMbps        link speed in Mb/s; -1 when unknown
 * @param lastChangeNanos  {@link nlagent.time.Ticker} time of the last operational change seen, 0 if none since the agent started
 * @param ipv4             IPv4 settings, or null when the device has no IPv4 configuration
 * @param ipv6             IPv6 settings, or null when the device has no IPv6 configuration
 */
public record InterfaceSnapshot(int ifIndex, String name, int arphrdType, int flags, int mtu, byte[] hwAddress,
                                int operState, String alias, String linkKind, LinkStats stats, long speedMbps,
                                long lastChangeNanos, Ipv4Conf ipv4, Ipv6Conf ipv6) {

    public static final int IFF_UP = 0x1;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_PROMISC = 0x100;
    public static final int IFF_LOWER_UP = 0x10000;

    public InterfaceSnapshot {
        Objects.requireNonNull(name);
        hwAddress = hwAddress == null ? new byte[0] : hwAddress.clone();
        alias = alias == null ? "" : alias;
        linkKind = linkKind == null ? "" : linkKind;
        stats = stats == null ? LinkStats.ZERO : stats;
    }

    @Override
    public byte[] hwAddress() {
        return hwAddress.clone();
    }

    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /** Value equality, hwAddress by content (the generated record equals compares array references). */
    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceSnapshot i && i.ifIndex == ifIndex && i.name.equals(name) && i.arphrdType == arphrdType
                && i.flags == flags && i.mtu == mtu && Arrays.equals(i.hwAddress, hwAddress) && i.operState == operState
                && i.alias.equals(alias) && i.linkKind.equals(linkKind) && i.stats.equals(stats)
                && i.speedMbps == speedMbps && i.lastChangeNanos == lastChangeNanos
                && Objects.equals(i.ipv4, ipv4) && Objects.equals(i.ipv6, ipv6);
    }

    /**
     * {@link #equals} but for the traffic counters ({@link #stats}): what a view part that reads no
     * counter needs to know to be taken as it is (nlagent.mib.netns.NetnsMibBuilder).
     */
    public boolean equalsExceptStats(InterfaceSnapshot i) {
        return i == this || i.ifIndex == ifIndex && i.name.equals(name) && i.arphrdType == arphrdType
                && i.flags == flags && i.mtu == mtu && Arrays.equals(i.hwAddress, hwAddress) && i.operState == operState
                && i.alias.equals(alias) && i.linkKind.equals(linkKind)
                && i.speedMbps == speedMbps && i.lastChangeNanos == lastChangeNanos
                && Objects.equals(i.ipv4, ipv4) && Objects.equals(i.ipv6, ipv6);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ifIndex, name, mtu, operState, ipv4, ipv6) * 31 + Arrays.hashCode(hwAddress);
    }
}
