package nlagent.kernel;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nlagent.model.IpCounters;
import nlagent.model.IpStat;

/**
 * Where each counter sits in an IFLA_INET6_STATS array: the array is the kernel's enum
 * IPSTATS_MIB_* in its own order, and that order changed. Up to 6.14 it is the historical order
 * ({@link IpStat}'s; 6.3 appended OutTransmits at the end); 6.15 moved InNoECTPkts..InCEPkts,
 * OutTransmits and OutForwDatagrams into the first cache line ("net: reorganize IP MIB values",
 * uapi/linux/snmp.h), shifting every counter from OutRequests on. Checked against the named
 * /proc/net/dev_snmp6 lines of the running kernel by AddressStatsKernelTest (6.18 here).
 */
final class IpstatsLayout {
    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)");
    private static final Map<IpStat, Integer> REORDERED = new EnumMap<>(IpStat.class);

    static {
        // 6.15+: NUM, InReceives, InOctets, InDelivers, InNoECT, InECT1, InECT0, InCE, OutRequests, OutTransmits,
        // OutOctets, OutForwDatagrams, then the historical order from InHdrErrors to OutBcastOctets
        IpStat[] head = {IpStat.NUM, IpStat.IN_RECEIVES, IpStat.IN_OCTETS, IpStat.IN_DELIVERS, null, null, null, null,
            IpStat.OUT_REQUESTS, null, IpStat.OUT_OCTETS, IpStat.OUT_FORW_DATAGRAMS};
        for (int i = 0; i < head.length; i++) {
            if (head[i] != null) {
                REORDERED.put(head[i], i);
            }
        }
        int i = head.length;
        for (IpStat s : IpStat.values()) {
            if (s.ordinal() >= IpStat.IN_HDR_ERRORS.ordinal()) {
                REORDERED.put(s, i++);
            }
        }
    }

    private final boolean reordered;

    private IpstatsLayout(boolean reordered) {
        this.reordered = reordered;
    }

    /** The layout of the kernel this JVM runs on ({@code os.version} is uname's release). */
    static IpstatsLayout forRunningKernel() {
        return forRelease(System.getProperty("os.version", ""));
    }

    static IpstatsLayout forRelease(String release) {
        Matcher m = RELEASE.matcher(release);
        boolean newer = m.find() && (Integer.parseInt(m.group(1)) > 6
                || Integer.parseInt(m.group(1)) == 6 && Integer.parseInt(m.group(2)) >= 15);
        return new IpstatsLayout(newer);
    }

    /** The counters of one IFLA_INET6_STATS array; entries the array is too short for stay absent. */
    IpCounters counters(long[] ipstats) {
        IpCounters.Builder b = IpCounters.builder();
        for (IpStat s : IpStat.values()) {
            if (s == IpStat.NUM) {
                continue;
            }
            int at = reordered ? REORDERED.get(s) : s.ordinal();
            if (at < ipstats.length) {
                b.put(s, ipstats[at]);
            }
        }
        return b.build();
    }
}
