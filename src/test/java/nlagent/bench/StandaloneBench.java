package nlagent.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import nlagent.testing.Processes;

/**
 * Benchmark (a main, not a test): one NMS poll of the interface MIBs against the standalone agent,
 * at N = 500 and 2,000 interfaces. A poll is {@code snmpbulkwalk -v2c -Cr25} of ifTable, ifXTable,
 * ipv4InterfaceTable, ipv6InterfaceTable and IPV6-MIB ipv6IfTable. Reported per N: wall time, the
 * agent's CPU seconds (utime+stime from /proc/PID/stat), varbinds, RSS; for the first poll after
 * start and for a steady poll (after warm-up polls).
 *
 * <p>Run: {@code mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt &&
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) nlagent.bench.StandaloneBench [--real] [N...]}
 *
 * <p>The agent runs in its own JVM with the recommended small-agent flags. Two modes:
 * <ul>
 * <li>default ({@code synthetic}): the standalone agent alone, serving a hand-built snapshot of N
 *     veth-like interfaces: the serving cost by itself;</li>
 * <li>{@code --real} (root): {@code nlagent run} with the kernel data plane, serving a fresh network
 *     namespace holding N veth interfaces (N/2 pairs) as a context, polled as {@code public@NETNS};
 *     the agent's CPU then also includes the data plane's background refreshes during the poll.</li>
 * </ul>
 */
public final class StandaloneBench {
    /** The recommended small-agent flags; {@code -Dbench.xmx=128m} replaces the heap limit for comparisons. */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx" + System.getProperty("bench.xmx", "48m"),
            "-Xss256k", "-XX:ReservedCodeCacheSize=24m", "-XX:MaxMetaspaceSize=48m", "-XX:CICompilerCount=2", "-XX:-UsePerfData");
    static final List<String> TABLES = List.of("1.3.6.1.2.1.2.2", "1.3.6.1.2.1.31.1.1", "1.3.6.1.2.1.4.28",
            "1.3.6.1.2.1.4.30", "1.3.6.1.2.1.55.1.5");
    private static final int WARMUP_POLLS = 20;

    private StandaloneBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        boolean real = false;
        for (String a : args) {
            if (a.equals("--real")) {
                real = true;
            } else {
                sizes.add(Integer.parseInt(a));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(500, 2000);
        }
        long clk = Long.parseLong(Processes.check("getconf", "CLK_TCK").trim());
        System.out.printf("%-6s %-7s %9s %9s %9s %8s %9s%n", "N", "poll", "wall_s", "cpu_s", "varbinds", "rss_MB", "us/vb");
        System.out.println("# agent JVM: " + String.join(" ", JVM_FLAGS));
        System.out.println(real ? "# nlagent run, kernel data plane, N veth in one namespace served as a context"
                : "# standalone agent alone, synthetic snapshot of N interfaces");
        for (int n : sizes) {
            if (real) {
                for (String variant : System.getProperty("bench.variants", "default,,").split(";")) {
                    String[] v = variant.split(",", -1);
                    System.out.println("# variant " + v[0] + ": config '" + v[1] + "', extra JVM flags '" + v[2] + "'");
                    runReal(n, clk, v[1], v[2].isBlank() ? List.of() : List.of(v[2].trim().split(" +")));
                }
            } else {
                runSynthetic(n, clk);
            }
        }
    }

    private static void runSynthetic(int n, long clk) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchAgentMain.class.getName(), String.valueOf(n)));
        Process agent = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                throw new IllegalStateException("agent did not start: " + line);
            }
            measure(n, "127.0.0.1:" + line.substring(5).trim(), "public", agent.pid(), clk);
        } finally {
            agent.getOutputStream().close();
            agent.destroy();
            agent.waitFor();
        }
    }

    private static void runReal(int n, long clk, String configLine, List<String> extraJvmFlags) throws Exception {
        String netns = "ntbm" + Long.toString(System.nanoTime() % 46656, 36) + "-" + n;
        Path dir = Files.createTempDirectory("nlagent-bench");
        Process agent = null;
        try {
            Processes.check("ip", "netns", "add", netns);
            StringBuilder batch = new StringBuilder("link set lo up\n");
            for (int i = 0; i < n / 2; i++) {
                batch.append("link add a").append(i).append(" type veth peer name b").append(i).append('\n');
                batch.append("link set a").append(i).append(" up\nlink set b").append(i).append(" up\n");
            }
            Files.writeString(dir.resolve("links.batch"), batch.toString());
            Processes.check("ip", "-n", netns, "-batch", dir.resolve("links.batch").toString());
            int port;
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Files.writeString(dir.resolve("nlagent.conf"), "netnsNamePattern " + netns + "\nrocommunity public 127.0.0.1 *\n"
                    + "probeEnabled no\n" + configLine + "\n");
            List<String> cmd = new ArrayList<>();
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (extraJvmFlags.equals(List.of("@launcher"))) {
                // the shipped launcher with its own flags and environment, on -Dbench.jar
                cmd.addAll(List.of("sh", "packaging/nlagent"));
                pb.environment().put("NLAGENT_JAR", System.getProperty("bench.jar", "target/nlagent.jar"));
                pb.environment().put("NLAGENT_JAVA", javaBinary());
            } else {
                cmd.add(javaBinary());
                cmd.addAll(JVM_FLAGS);
                cmd.addAll(extraJvmFlags);
                // -Dbench.jar=target/nlagent.jar: the packaged jar (class data sharing needs jars, not class directories)
                cmd.addAll(List.of("-cp", System.getProperty("bench.jar", System.getProperty("java.class.path")), "nlagent.cli.Main"));
            }
            cmd.addAll(List.of("run", "--config", dir.resolve("nlagent.conf").toString(), "--listen", "udp:127.0.0.1:" + port));
            agent = pb.redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
            String target = "127.0.0.1:" + port;
            String community = "public@" + netns;
            for (int i = 0; i < 120; i++) {
                if (Processes.run(10, List.of("snmpget", "-m", "", "-On", "-v2c", "-c", community, "-t", "1", "-r", "0",
                        target, "1.3.6.1.2.1.2.1.0")).stdout().contains("INTEGER: " + (n + 1))) {
                    break;
                }
                Thread.sleep(500);
            }
            // an NMS polls some time after start: let start-up (and a warm-up) finish first
            Thread.sleep(Long.getLong("bench.settle.ms", 10_000));
            System.out.printf("%-6d %-7s %9s %9.3f%n", n, "start", "-", cpuTicks(agent.pid()) / (double) clk);
            measure(n, target, community, agent.pid(), clk);
        } finally {
            if (agent != null) {
                agent.destroy();
                agent.waitFor();
            }
            Processes.run(60, List.of("ip", "netns", "del", netns));
        }
    }

    private static void measure(int n, String target, String community, long pid, long clk) throws Exception {
        java.util.Map<String, Long> threads0 = threadTicks(pid);
        report(n, "first", poll(target, community, pid, clk), pid);
        if (Boolean.getBoolean("bench.threads")) {
            printThreadDelta(threads0, threadTicks(pid), clk);
        }
        for (int i = 0; i < WARMUP_POLLS; i++) {
            poll(target, community, pid, clk);
        }
        report(n, "steady", poll(target, community, pid, clk), pid);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** wall seconds, CPU seconds, varbinds. */
    record Poll(double wallS, double cpuS, long varbinds) {
    }

    static Poll poll(String target, String community, long pid, long clk) throws Exception {
        long cpu0 = cpuTicks(pid);
        long t0 = System.nanoTime();
        long vbs = 0;
        for (String table : TABLES) {
            Processes.Result res = Processes.run(600, List.of("snmpbulkwalk", "-m", "", "-On", "-v2c", "-c", community,
                    "-Cr25", "-t", "5", target, table));
            if (res.exitCode() != 0) {
                throw new IllegalStateException("snmpbulkwalk failed: " + res.stderr());
            }
            vbs += res.stdout().lines().filter(l -> l.startsWith(".")).count();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuTicks(pid) - cpu0) / (double) clk;
        return new Poll(wall, cpu, vbs);
    }

    static void report(int n, String kind, Poll p, long pid) throws Exception {
        System.out.printf("%-6d %-7s %9.3f %9.3f %9d %8.1f %9.2f%n", n, kind, p.wallS(), p.cpuS(), p.varbinds(),
                rssKb(pid) / 1024.0, p.cpuS() * 1e6 / Math.max(1, p.varbinds()));
    }

    /** utime + stime per thread name (threads of the same name summed), in clock ticks. */
    static java.util.Map<String, Long> threadTicks(long pid) throws Exception {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String s = Files.readString(t.resolve("stat"));
                    String name = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
                    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (java.io.IOException gone) {
                    // thread ended meanwhile
                }
            }
        }
        return out;
    }

    /** With -Dbench.threads=true: which threads spent the first poll's CPU. */
    static void printThreadDelta(java.util.Map<String, Long> before, java.util.Map<String, Long> after, long clk) {
        after.forEach((name, ticks) -> {
            long d = ticks - before.getOrDefault(name, 0L);
            if (d > 0) {
                System.out.printf("#   thread %-24s %7.3f s%n", name, d / (double) clk);
            }
        });
    }

    /** utime + stime of {@code pid}, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    static long cpuTicks(long pid) throws Exception {
        String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long rssKb(long pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
