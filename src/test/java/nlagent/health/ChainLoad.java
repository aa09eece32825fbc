package nlagent.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import nlagent.testing.TestNamespaces;

/**
 * Builds the host's /proc/sys/net/ipv6 same-name chain the way container runtimes do, and measures
 * it independently of {@link StatProbe}.
 */
public final class ChainLoad {
    public static final String IPV6 = "/proc/sys/net/ipv6";

    private ChainLoad() {
    }

    /**
     * Creates {@code count} namespaces (one ip -batch) and has each read
     * /proc/sys/net/ipv6/conf/all/forwarding through the host /proc (ip netns exec keeps the host's
     * proc mount), which adds that namespace's ipv6 dentry to the host chain. Returns the names.
     */
    public static List<String> namespacesTouchingIpv6(TestNamespaces ns, int count) {
        List<String> names = ns.addNamespaces(IntStream.range(0, count).mapToObj(i -> "c" + i).toList());
        ns.batch(names.stream().map(n -> "netns exec " + n + " cat " + IPV6 + "/conf/all/forwarding").toList(), false);
        return names;
    }

    /**
     * The host's own ipv6 excess before a test adds to it, skipping the test when another workload
     * already holds a long chain or is changing it (two measurements half a second apart disagree):
     * 300 entries add 30-50 us, which must stand out against what others do meanwhile.
     */
    public static long baselineExcessUsOrSkip() throws Exception {
        long first = ownExcessUs();
        Thread.sleep(500);
        long second = ownExcessUs();
        long us = Math.max(first, second);
        nlagent.testing.Preconditions.skipUnless(us <= MAX_BASELINE_US && Math.abs(first - second) <= 8,
                "the host's /proc/sys/net/ipv6 chain is long or changing (excess " + first + " then " + second
                + " us over /proc/sys/net; another workload holds namespaces): a 300-entry signal is not"
                + " measurable against it");
        return us;
    }

    /** About 500 entries. */
    static final long MAX_BASELINE_US = 60;

    /** Rising threshold for a test that adds 300 entries (30-50 us) to a chain whose excess is {@code baselineUs}. */
    public static long risingUs(long baselineUs) {
        return baselineUs + Math.max(12, baselineUs / 8); // the noise grows with the chain
    }

    /** The matching falling threshold. */
    public static long fallingUs(long baselineUs) {
        return baselineUs + Math.max(6, baselineUs / 16);
    }

    /** Median stat() excess of /proc/sys/net/ipv6 over /proc/sys/net, in microseconds (41 interleaved pairs). */
    public static long ownExcessUs() throws Exception {
        Path p = Path.of(IPV6);
        Path ctl = Path.of("/proc/sys/net");
        int n = 41;
        long[] a = new long[n];
        long[] b = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Files.readAttributes(p, BasicFileAttributes.class);
            long t1 = System.nanoTime();
            Files.readAttributes(ctl, BasicFileAttributes.class);
            long t2 = System.nanoTime();
            a[i] = t1 - t0;
            b[i] = t2 - t1;
        }
        Arrays.sort(a);
        Arrays.sort(b);
        return Math.max(0, a[n / 2] - b[n / 2]) / 1000;
    }
}
