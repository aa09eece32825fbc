package nlagent.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nlagent.testing.TestNamespaces;

/**
 * Bench note (not a test): what holding the namespace's /proc/net statistics files costs the root
 * namespace. Creates K namespaces, then measures the median excess of {@code stat("/proc/sys/net/ipv6")}
 * over {@code stat("/proc/sys/net")} (the dcache chain walk) in the root namespace: before anything is
 * opened, after /proc/thread-self/net/{snmp,netstat,snmp6} are opened (and held) inside every
 * namespace (after a first step that only enters each namespace, so setns itself is accounted for),
 * and, for contrast, after one /proc/sys/net/ipv6 file is opened in every namespace (what the data
 * plane does for its three held sysctls). The paths the agent opens are shown by
 * {@code strace -f -e trace=openat} of this program or of the agent: per namespace, once, the three
 * /proc/thread-self/net files and the three /proc/sys files; nothing per refresh.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) nlagent.kernel.ProcNetFilesCostBench [K]
 * </pre>
 * K is at most 200 on shared machines.
 */
public final class ProcNetFilesCostBench {
    private static final int SAMPLES = 3001;

    private ProcNetFilesCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int k = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        if (k > 200) {
            throw new IllegalArgumentException("at most 200 namespaces");
        }
        List<AutoCloseable> held = new ArrayList<>();
        try (TestNamespaces ns = new TestNamespaces("pnb"); NetnsSwitcher switcher = new NetnsSwitcher()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                names.add(String.valueOf(i));
            }
            List<String> created = ns.addNamespaces(names);
            double base = excessMicros();
            System.out.printf("K=%d namespaces, nothing opened:               /proc/sys/net/ipv6 lookup excess %.2f us%n", k, base);

            KernelCounters counters = new KernelCounters();
            for (String n : created) {
                switcher.call(Path.of("/run/netns", n), () -> null); // setns in and out only
            }
            double entered = excessMicros();
            System.out.printf("after entering each namespace once (setns only):            excess %.2f us%n", entered);
            for (String n : created) {
                held.addAll(switcher.call(Path.of("/run/netns", n), () -> {
                    List<AutoCloseable> files = new ArrayList<>();
                    for (String f : NetnsHandle.PROC_NET_FILES) {
                        HeldProcNetFile h = HeldProcNetFile.open(f);
                        h.read();
                        files.add(h);
                    }
                    return files;
                }));
            }
            double procNet = excessMicros();
            System.out.printf("after /proc/thread-self/net/{snmp,netstat,snmp6} held in each: excess %.2f us%n", procNet);

            for (String n : created) {
                held.add(switcher.call(Path.of("/run/netns", n), () -> HeldSysctl.open("net/ipv6/conf/all/hop_limit", counters)));
            }
            double sysctl = excessMicros();
            System.out.printf("contrast, after /proc/sys/net/ipv6/conf/all/hop_limit in each: excess %.2f us%n", sysctl);
        } finally {
            for (AutoCloseable c : held) {
                c.close();
            }
        }
    }

    /** The lowest of five medians (a shared machine's noise only adds). */
    private static double excessMicros() throws IOException {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            best = Math.min(best, excessMicrosOnce());
        }
        return best;
    }

    /** Median of stat(ipv6) - stat(net), interleaved, in microseconds. */
    private static double excessMicrosOnce() throws IOException {
        Path probe = Path.of("/proc/sys/net/ipv6");
        Path control = Path.of("/proc/sys/net");
        long[] p = new long[SAMPLES];
        long[] c = new long[SAMPLES];
        for (int warm = 0; warm < 200; warm++) {
            stat(probe);
            stat(control);
        }
        for (int i = 0; i < SAMPLES; i++) {
            long t0 = System.nanoTime();
            stat(probe);
            long t1 = System.nanoTime();
            stat(control);
            long t2 = System.nanoTime();
            p[i] = t1 - t0;
            c[i] = t2 - t1;
        }
        Arrays.sort(p);
        Arrays.sort(c);
        return (p[SAMPLES / 2] - c[SAMPLES / 2]) / 1000.0;
    }

    private static void stat(Path p) throws IOException {
        Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }
}
