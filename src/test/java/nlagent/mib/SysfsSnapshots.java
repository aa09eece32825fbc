package nlagent.mib;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.Ipv4Conf;
import nlagent.model.Ipv6Conf;
import nlagent.model.LinkStats;
import nlagent.model.NetnsId;
import nlagent.model.NetnsSnapshot;
import nlagent.testing.Processes;

/**
 * TEST-ONLY snapshot builder: reads /sys/class/net, /proc/net/if_inet6 and a few /proc/sys files
 * (inside a namespace through {@code ip netns exec}) with a shell script, so the frontends can be
 * tested end to end before (and independently of) the rtnetlink data plane. Never used by the agent.
 */
public final class SysfsSnapshots {
    private SysfsSnapshots() {
    }

    private static final String SCRIPT = String.join("\n",
            "cd /sys/class/net || exit 1",
            "for d in *; do",
            "  [ -e \"$d/ifindex\" ] || continue",
            // /sys flags lack IFF_RUNNING (netlink's ifi_flags has it): running = operstate up or unknown.
            // ethtool reports 10000 Mb/s for veth even while down, where /sys/class/net/X/speed fails
            "  sp=$(cat $d/speed 2>/dev/null || echo -1); ip -d -o link show dev $d | grep -q ' veth ' && sp=10000",
            "  op=$(cat $d/operstate)",
            "  printf 'IF %s %s %s %s %s %s %s %s\\n' \"$d\" $(cat $d/ifindex $d/type $d/flags $d/mtu) \"$(cat $d/address 2>/dev/null)\" \"$sp\" \"$op\"",
            "  printf 'AL %s %s\\n' \"$d\" \"$(cat $d/ifalias 2>/dev/null)\"",
            "  s=$d/statistics",
            "  printf 'ST %s' \"$d\"; for f in rx_packets tx_packets rx_bytes tx_bytes rx_errors tx_errors rx_dropped tx_dropped multicast collisions rx_length_errors rx_over_errors rx_crc_errors rx_frame_errors rx_fifo_errors rx_missed_errors tx_aborted_errors tx_carrier_errors tx_fifo_errors tx_heartbeat_errors tx_window_errors rx_compressed tx_compressed rx_nohandler; do printf ' %s' $(cat $s/$f 2>/dev/null || echo 0); done; echo ' 0'",
            "  [ -d /proc/sys/net/ipv4/conf/$d ] && echo \"V4 $d $(cat /proc/sys/net/ipv4/conf/$d/forwarding)\"",
            "  [ -d /proc/sys/net/ipv6/conf/$d ] && echo \"V6 $d $(cat /proc/sys/net/ipv6/conf/$d/forwarding) $(cat /proc/sys/net/ipv6/conf/$d/disable_ipv6)\"",
            "done",
            "awk '{print \"A6\", $6}' /proc/net/if_inet6",
            "echo \"SC $(cat /proc/sys/net/ipv4/conf/all/forwarding) $(cat /proc/sys/net/ipv6/conf/all/forwarding) $(cat /proc/sys/net/ipv4/ip_default_ttl) $(cat /proc/sys/net/ipv4/ipfrag_time) $(cat /proc/sys/net/ipv6/conf/all/hop_limit)\"");

    /** The snapshot of {@code netns} ({@code null}: this process's namespace), served as {@code context}. */
    public static NetnsSnapshot read(String netns, String context, long generation) {
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.addAll(List.of("sh", "-c", SCRIPT));
        String out = Processes.run(60, cmd).orThrow(cmd).stdout();
        Map<String, String[]> ifs = new HashMap<>();
        Map<String, String> alias = new HashMap<>();
        Map<String, long[]> stats = new HashMap<>();
        Map<String, String[]> v4 = new HashMap<>();
        Map<String, String[]> v6 = new HashMap<>();
        Set<String> withV6Addr = new HashSet<>();
        String[] sc = null;
        for (String line : out.split("\n")) {
            String[] w = line.split(" ", -1);
            switch (w[0]) {
                case "IF": ifs.put(w[1], w); break;
                case "AL": alias.put(w[1], line.length() > 4 + w[1].length() ? line.substring(4 + w[1].length()) : ""); break;
                case "ST": {
                    long[] v = new long[25];
                    for (int i = 0; i < 25 && i + 2 < w.length; i++) {
                        v[i] = w[i + 2].isEmpty() ? 0 : Long.parseUnsignedLong(w[i + 2]);
                    }
                    stats.put(w[1], v);
                    break;
                }
                case "V4": v4.put(w[1], w); break;
                case "V6": v6.put(w[1], w); break;
                case "A6": withV6Addr.add(w[1]); break;
                case "SC": sc = w; break;
                default: break;
            }
        }
        List<InterfaceSnapshot> list = new ArrayList<>();
        for (String[] w : ifs.values()) {
            String name = w[1];
            long[] s = stats.getOrDefault(name, new long[25]);
            LinkStats ls = new LinkStats(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12],
                    s[13], s[14], s[15], s[16], s[17], s[18], s[19], s[20], s[21], s[22], s[23], 0);
            Ipv4Conf c4 = v4.containsKey(name) ? new Ipv4Conf(v4.get(name)[2].equals("1"), 1000, 30000, null) : null;
            Ipv6Conf c6 = null;
            if (v6.containsKey(name)) {
                String[] x = v6.get(name);
                int flags = withV6Addr.contains(name) ? 0x80000000 : 0;
                c6 = new Ipv6Conf(x[2].equals("1"), 1000, 30000, 30000, 65535, flags, x[3].equals("1"), null, null);
            }
            long speed = Long.parseLong(w[7].isEmpty() ? "-1" : w[7]);
            int flags = Integer.decode(w[4]);
            if ((flags & InterfaceSnapshot.IFF_UP) != 0 && (w[8].equals("up") || w[8].equals("unknown"))) {
                flags |= InterfaceSnapshot.IFF_RUNNING;
            }
            list.add(new InterfaceSnapshot(Integer.parseInt(w[2]), name, Integer.parseInt(w[3]),
                    flags, Integer.parseInt(w[5]), mac(w[6]), 0, alias.getOrDefault(name, ""), "", ls,
                    speed, 0, c4, c6));
        }
        list.sort((a, b) -> Integer.compare(a.ifIndex(), b.ifIndex()));
        if (sc == null) {
            throw new IllegalStateException("no sysctl line in: " + out);
        }
        return new NetnsSnapshot(context, new NetnsId(0, 0, netns == null ? 1 : netns.hashCode()), System.nanoTime(),
                generation, list, sc[1].equals("1"), sc[2].equals("1"), Integer.parseInt(sc[3]), Integer.parseInt(sc[4]),
                Integer.parseInt(sc[5]), 0, 0, 0);
    }

    private static byte[] mac(String s) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] p = s.split(":");
        byte[] b = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            b[i] = (byte) Integer.parseInt(p[i], 16);
        }
        return b;
    }
}
