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
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) nlagent.bench.StandaloneBench [N...]}
 *
 * <p>The agent runs in its own JVM with the recommended small-agent flags. It serves a synthetic
 * snapshot of N veth-like interfaces: serving never touches the kernel, so the poll cost does not
 * depend on where the snapshot came from (the data plane's refresh cost is measured separately).
 */
public final class StandaloneBench {
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx48m", "-Xss256k",
            "-XX:ReservedCodeCacheSize=24m", "-XX:MaxMetaspaceSize=48m", "-XX:CICompilerCount=2", "-XX:-UsePerfData");
    static final List<String> TABLES = List.of("1.3.6.1.2.1.2.2", "1.3.6.1.2.1.31.1.1", "1.3.6.1.2.1.4.28",
            "1.3.6.1.2.1.4.30", "1.3.6.1.2.1.55.1.5");
    private static final int WARMUP_POLLS = 20;

    private StandaloneBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(500, 2000);
        }
        long clk = Long.parseLong(Processes.check("getconf", "CLK_TCK").trim());
        System.out.printf("%-6s %-7s %9s %9s %9s %8s %9s%n", "N", "poll", "wall_s", "cpu_s", "varbinds", "rss_MB", "us/vb");
        for (int n : sizes) {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(JVM_FLAGS);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchAgentMain.class.getName(), String.valueOf(n)));
            Process agent = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
                String line = r.readLine();
                if (line == null || !line.startsWith("PORT ")) {
                    throw new IllegalStateException("agent did not start: " + line);
                }
                String target = "127.0.0.1:" + line.substring(5).trim();
                long pid = agent.pid();
                report(n, "first", poll(target, pid, clk), pid);
                for (int i = 0; i < WARMUP_POLLS; i++) {
                    poll(target, pid, clk);
                }
                report(n, "steady", poll(target, pid, clk), pid);
            } finally {
                agent.getOutputStream().close();
                agent.destroy();
                agent.waitFor();
            }
        }
    }

    /** wall seconds, CPU seconds, varbinds. */
    record Poll(double wallS, double cpuS, long varbinds) {
    }

    static Poll poll(String target, long pid, long clk) throws Exception {
        long cpu0 = cpuTicks(pid);
        long t0 = System.nanoTime();
        long vbs = 0;
        for (String table : TABLES) {
            Processes.Result res = Processes.run(600, List.of("snmpbulkwalk", "-m", "", "-On", "-v2c", "-c", "public",
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
