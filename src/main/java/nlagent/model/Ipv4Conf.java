package nlagent.model;

import nlagent.sys.SharedIntArrays;

/**
 * Per-interface IPv4 settings (present only for devices with an in_device, i.e. those that have
 * /proc/sys/net/ipv4/conf/IF).
 *
 * @param forwarding           conf/IF/forwarding (netconf or IFLA_INET_CONF)
 * @param retransTimeMs        neigh/IF/retrans_time_ms (RTM_GETNEIGHTBL, arp_cache); -1 if unknown
 * @param baseReachableTimeMs  neigh/IF/base_reachable_time_ms; -1 if unknown
 * @param devconf              the whole IFLA_INET_CONF array, 1-based by constant: element i-1 holds IPV4_DEVCONF_i
 */
public record Ipv4Conf(boolean forwarding, long retransTimeMs, long baseReachableTimeMs, int[] devconf) {
    public Ipv4Conf {
        devconf = devconf == null ? new int[0] : SharedIntArrays.copyOf(devconf); // equal devconfs share one array
    }

    @Override
    public int[] devconf() {
        return devconf.clone();
    }

    /** Value equality, arrays by content (the generated record equals compares array references). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Conf c && c.forwarding == forwarding && c.retransTimeMs == retransTimeMs
                && c.baseReachableTimeMs == baseReachableTimeMs && java.util.Arrays.equals(c.devconf, devconf);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(forwarding, retransTimeMs, baseReachableTimeMs) * 31 + java.util.Arrays.hashCode(devconf);
    }
}
