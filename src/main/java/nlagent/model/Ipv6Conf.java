package nlagent.model;

import nlagent.sys.SharedIntArrays;

/**
 * Per-interface IPv6 settings (present only for devices with an inet6_dev, i.e. those that have
 * /proc/sys/net/ipv6/conf/IF; absent e.g. when the MTU is below 1280).
 *
 * @param forwarding           conf/IF/forwarding
 * @param retransTimeMs        neigh/IF/retrans_time_ms (RTM_GETNEIGHTBL ndisc_cache); -1 if unknown
 * @param baseReachableTimeMs  neigh/IF/base_reachable_time_ms (only RTM_GETNEIGHTBL carries it); -1 if unknown
 * @param maxReasmLen          IFLA_INET6_CACHEINFO.max_reasm_len
 * @param inet6Flags           IFLA_INET6_FLAGS (kernel-internal IF_READY 0x80000000 etc.)
 * @param disabled             conf/IF/disable_ipv6
 * @param token                IFLA_INET6_TOKEN (16 bytes, all zero when unset), or empty
 * @param devconf              the whole IFLA_INET6_CONF array, 0-based (DEVCONF_FORWARDING = 0)
 * @param linkLocalAddress     the interface's first link-local (fe80::/10) address, 16 bytes, or empty
 *                             when it has none (e.g. down); its last 8 bytes are ipv6InterfaceIdentifier
 */
public record Ipv6Conf(boolean forwarding, long retransTimeMs, long baseReachableTimeMs,
                       long maxReasmLen, int inet6Flags, boolean disabled, byte[] token, int[] devconf,
                       byte[] linkLocalAddress) {
    public Ipv6Conf {
        token = token == null ? new byte[0] : token.clone();
        devconf = devconf == null ? new int[0] : SharedIntArrays.copyOf(devconf); // equal devconfs share one array
        linkLocalAddress = linkLocalAddress == null ? new byte[0] : linkLocalAddress.clone();
    }

    /** Without a link-local address (the original shape of this record; kept for source compatibility). */
    public Ipv6Conf(boolean forwarding, long retransTimeMs, long baseReachableTimeMs,
                    long maxReasmLen, int inet6Flags, boolean disabled, byte[] token, int[] devconf) {
        this(forwarding, retransTimeMs, baseReachableTimeMs, maxReasmLen, inet6Flags, disabled, token,
                devconf, null);
    }

    /** inet6_dev flag IF_READY: set while the link is ready for IPv6, i.e. while addrconf keeps addresses on it. */
    public static final int IF_READY = 0x80000000;

    /** IF_READY is set: the kernel assigned the link-local address (or ::1 on loopback). */
    public boolean ready() {
        return (inet6Flags & IF_READY) != 0;
    }

    /** ipv6InterfaceEnableStatus up(1): IPv6 runs on a device with these settings and {@code ifFlags}: up, and not disabled by sysctl. */
    public boolean enabledWith(int ifFlags) {
        return !disabled && (ifFlags & InterfaceSnapshot.IFF_UP) != 0;
    }

    @Override
    public byte[] linkLocalAddress() {
        return linkLocalAddress.clone();
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    @Override
    public int[] devconf() {
        return devconf.clone();
    }

    /** Value equality, arrays by content (the generated record equals compares array references). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6Conf c && c.forwarding == forwarding && c.retransTimeMs == retransTimeMs
                && c.baseReachableTimeMs == baseReachableTimeMs
                && c.maxReasmLen == maxReasmLen && c.inet6Flags == inet6Flags && c.disabled == disabled
                && java.util.Arrays.equals(c.token, token) && java.util.Arrays.equals(c.devconf, devconf)
                && java.util.Arrays.equals(c.linkLocalAddress, linkLocalAddress);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(forwarding, retransTimeMs, baseReachableTimeMs, maxReasmLen,
                inet6Flags, disabled) * 31 + java.util.Arrays.hashCode(devconf);
    }
}
