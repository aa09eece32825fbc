package nlagent.kernel;

import nlagent.model.IpCounters;
import nlagent.sys.Fields;

/**
 * Parses the text of /proc/net/snmp, /proc/net/netstat (pairs of "Prefix: names" / "Prefix: values"
 * lines) and /proc/net/snmp6 ("Ip6Name value" lines) into {@link IpCounters}. Unknown columns are
 * skipped, so kernels that add counters (e.g. OutTransmits in 6.3) parse the same; a line that is
 * not a number is ignored rather than failing the refresh.
 */
final class ProcNetStats {
    private ProcNetStats() {
    }

    /** Adds the columns of the {@code prefix} ("Ip:" or "IpExt:") header/value line pair of {@code text}. */
    static void addPairedLines(String text, String prefix, IpCounters.Builder out) {
        String header = null;
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            if (header == null) {
                header = line;
                continue;
            }
            String[] names = Fields.of(header.substring(prefix.length()));
            String[] values = Fields.of(line.substring(prefix.length()));
            for (int i = 0; i < names.length && i < values.length; i++) {
                out.put(names[i], parse(values[i]));
            }
            return;
        }
    }

    /** /proc/net/snmp6: the "Ip6..." lines ("Icmp6", "Udp6" ... are other groups). */
    static IpCounters parseSnmp6(String text) {
        IpCounters.Builder b = IpCounters.builder();
        for (String line : text.split("\n")) {
            if (!line.startsWith("Ip6")) {
                continue;
            }
            String[] f = Fields.of(line);
            if (f.length == 2) {
                b.put(f[0].substring(3), parse(f[1]));
            }
        }
        return b.build();
    }

    /** A counter (u64 in the kernel; values past Long.MAX_VALUE wrap like a Counter64 would not, but never occur). */
    private static long parse(String s) {
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
