package nlagent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import nlagent.config.ConfigLine;
import nlagent.kernel.KernelConfig;
import nlagent.kernel.KernelDataPlane;
import nlagent.model.DataPlaneStats;
import nlagent.netlink.DumpRequest;
import nlagent.netlink.NetlinkCounters;
import nlagent.netlink.NlMessage;
import nlagent.netlink.NlSocket;
import nlagent.sys.Native;
import nlagent.time.ManualScheduler;

/**
 * Times one refresh of a namespace holding 500 and 2,000 interfaces (veth pairs created here with
 * {@code ip -batch}, inside a namespace of a unique prefix, all removed at the end), and prints the
 * figures with a description of the machine. Not a test: run as root with
 *
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) nlagent.bench.RefreshBenchmark [sizes...]
 * </pre>
 *
 * A refresh of a namespace that did not change keeps its netconf, addresses and routes (since
 * 2026-12-03, NetnsHandle#structureDumpDue): the figures are of that refresh, the earlier ones in
 * bench/README.md of one that re-dumped them too.
 *
 * For scale (docs/netlink-notes.md §6): the neightbl + netconf dumps take 1–2 ms for ~500
 * interfaces from C on these machines; the target is no more than twice that.
 */
public final class RefreshBenchmark {
    private static final int WARMUP = 100;
    private static final int RUNS = 200;

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {500, 2000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        String prefix = "nlkb" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        List<String> created = new ArrayList<>();
        Thread cleanup = new Thread(() -> created.forEach(n -> run("ip", "netns", "del", n)));
        Runtime.getRuntime().addShutdownHook(cleanup);
        System.out.println(machine());
        System.out.printf(Locale.ROOT, "%6s %10s %10s %10s %10s %12s %12s %10s %8s%n", "ifaces", "refresh_p50", "p10", "p90",
                "mean", "nt+nc_p50", "link_p50", "KB/refresh", "lookups");
        try {
            for (int n : sizes) {
                String ns = prefix + "-" + n;
                created.add(ns);
                createNamespace(ns, prefix, n);
                measure(ns, n);
                run("ip", "netns", "del", ns);
                created.remove(ns);
            }
        } finally {
            created.forEach(n -> run("ip", "netns", "del", n));
            created.clear();
        }
    }

    private static void measure(String ns, int n) throws Exception {
        KernelConfig config = new KernelConfig();
        config.accept(new ConfigLine("bench", 1, "netnsDir", List.of("/run/netns")));
        config.accept(new ConfigLine("bench", 2, "netnsNamePattern", List.of(ns)));
        ManualScheduler clock = new ManualScheduler(); // no background work while timing
        try (KernelDataPlane plane = KernelDataPlane.start(config, clock, clock)) {
            clock.runDue(); // opens the namespace (start returns with the own one only)
            int ifaces = plane.snapshot(ns).interfaces().size();
            for (int i = 0; i < WARMUP; i++) {
                plane.refresh(ns);
            }
            DataPlaneStats before = plane.stats();
            long[] t = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long s = System.nanoTime();
                if (plane.refresh(ns) == null) {
                    throw new IllegalStateException("refresh failed");
                }
                t[i] = System.nanoTime() - s;
            }
            DataPlaneStats after = plane.stats();
            long[][] dumps = dumpsOnly(Path.of("/run/netns", ns));
            Arrays.sort(t);
            double kb = (after.netlinkDumpBytes() - before.netlinkDumpBytes()) / 1024.0 / RUNS;
            System.out.printf(Locale.ROOT, "%6d %10s %10s %10s %10s %12s %12s %10.0f %8d%n", ifaces, ms(t[RUNS / 2]),
                    ms(t[RUNS / 10]), ms(t[RUNS * 9 / 10]), ms(Arrays.stream(t).sum() / RUNS), ms(dumps[0][RUNS / 2]),
                    ms(dumps[1][RUNS / 2]), kb, after.procSysLookups() - before.procSysLookups());
        }
    }

    /** Sorted times of [neightbl+netconf dumps, link dump] from a socket opened inside the namespace. */
    private static long[][] dumpsOnly(Path nsPath) throws Exception {
        CompletableFuture<long[][]> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            // this throwaway thread enters the namespace for good and ends with it
            int fd = Native.libc().open(nsPath.toString(), Native.O_RDONLY | Native.O_CLOEXEC);
            if (fd < 0 || Native.libc().setns(fd, Native.CLONE_NEWNET) != 0) {
                result.completeExceptionally(new IOException("setns " + nsPath + ": " + Native.describe(Native.errno())));
                return;
            }
            Native.libc().close(fd);
            try (NlSocket s = NlSocket.openDump(new NetlinkCounters())) {
                long[] both = new long[RUNS];
                long[] link = new long[RUNS];
                for (int i = -WARMUP; i < RUNS; i++) {
                    long a = System.nanoTime();
                    s.dump(DumpRequest.neighTables(), Count::new);
                    s.dump(DumpRequest.netconf(), Count::new);
                    long b = System.nanoTime();
                    s.dump(DumpRequest.links(), Count::new);
                    long c = System.nanoTime();
                    if (i >= 0) {
                        both[i] = b - a;
                        link[i] = c - b;
                    }
                }
                Arrays.sort(both);
                Arrays.sort(link);
                result.complete(new long[][] {both, link});
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }, "bench-in-netns");
        t.start();
        return result.get(5, TimeUnit.MINUTES);
    }

    /** Counts messages without decoding: the cost of the transport alone. */
    private static final class Count implements NlSocket.DumpCollector<Integer> {
        private int n;

        @Override
        public void accept(NlMessage m) {
            n++;
        }

        @Override
        public Integer result() {
            return n;
        }
    }

    private static void createNamespace(String ns, String prefix, int interfaces) throws IOException {
        run("ip", "netns", "add", ns);
        Path batch = Files.createTempFile("nlkb", ".batch");
        try {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < interfaces / 2; i++) {
                sb.append("link add ").append(prefix).append('a').append(i).append(" type veth peer name ")
                        .append(prefix).append('b').append(i).append('\n');
            }
            Files.writeString(batch, sb.toString());
            run("ip", "-n", ns, "-batch", batch.toString());
        } finally {
            Files.deleteIfExists(batch);
        }
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3fms", nanos / 1e6);
    }

    static String machine() {
        String cpu = grep("/proc/cpuinfo", "model name");
        String mem = grep("/proc/meminfo", "MemTotal");
        long links;
        try (var s = Files.list(Path.of("/sys/class/net"))) {
            links = s.count();
        } catch (IOException e) {
            links = -1;
        }
        return String.format(Locale.ROOT, "machine: %s, %d CPUs, %s, kernel %s, %s %s; root namespace has %d links, %d named namespaces",
                cpu, Runtime.getRuntime().availableProcessors(), mem, read("/proc/sys/kernel/osrelease"),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), links,
                count(Path.of("/run/netns")));
    }

    private static long count(Path dir) {
        try (var s = Files.list(dir)) {
            return s.count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String grep(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String read(String file) {
        try (var in = new java.io.FileInputStream(file)) {
            return new String(in.readNBytes(256), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
