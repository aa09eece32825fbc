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
     * already holds a long chain: 300 entries add 30-50 us, which would drown in the noise of a
     * chain of thousands (and in the sysctl_lock contention of whatever walks it).
     */
    public static long baselineExcessUsOrSkip() throws Exception {
        long us = ownExcessUs();
        nlagent.testing.Preconditions.skipUnless(us <= MAX_BASELINE_US, "the host's /proc/sys/net/ipv6 chain is already"
                + " long (excess " + us + " us over /proc/sys/net; another workload holds namespaces): a 300-entry"
                + " signal is not measurable against it");
        return us;
    }

    static final long MAX_BASELINE_US = 60;

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
