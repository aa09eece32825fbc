package nlagent.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/**
 * bench/run.sh end to end with stock snmpd only (no jar needed), small K and short windows: every file
 * and column the report needs, teardown of its namespaces and processes on a normal end and on SIGTERM,
 * one-line errors for bad arguments; the kernel request/response floor at start and end and each poll's
 * requests, which the report turns into the floor per poll. Behaviour, not timing: a poll may fail on a loaded host, the rows
 * must still be there.
 */
class RunScriptTest {
    private static final Path SCRIPT = PackagingFiles.bench("run.sh");
    private static final Pattern PREFIX = Pattern.compile("namespace prefix (nlb[0-9a-z]+)");
    private static final Pattern PIDS = Pattern.compile("started \\(PIDs ([0-9 ]+),");

    private static List<String> cmd(String... args) {
        List<String> c = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        c.addAll(Arrays.asList(args));
        return c;
    }

    private static long netnsWithPrefix(String prefix) {
        return Arrays.stream(Processes.check("ip", "netns", "list").split("\n"))
                .filter(l -> l.startsWith(prefix + "-")).count();
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertTrue(m.find(), p + " in " + s);
        return m.group(1);
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        Preconditions.assumeCommands("bash");
        for (String[] args : List.of(new String[] {"--k", "0,x"}, new String[] {"--repeats"},
                new String[] {"--idle-s", "-1"}, new String[] {"--systems", "snmpd,bogus"}, new String[] {"--frobnicate"},
                new String[] {"--floor-n", "x"}, new String[] {"--interleave"})) {
            Processes.Result r = Processes.run(30, cmd(args));
            assertEquals(2, r.exitCode(), Arrays.toString(args) + ": " + r.stderr());
            assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
            assertTrue(r.stderr().startsWith("run.sh: "), r.stderr());
        }
    }

    @Test
    void snmpdOnlyRunWritesEveryColumnAndCleansUp(@TempDir Path out) throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip", "cc", "snmpd", "snmpbulkwalk", "snmpget", "strace", "ss");
        Processes.Result r = Processes.run(600, cmd("--k", "0,3", "--systems", "snmpd", "--repeats", "2", "--idle-s", "2",
                "--quiet-s", "1", "--timeout", "20", "--strace-timeout", "20", "--start-timeout", "120",
                "--floor-n", "300", "--out", out.toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        String prefix = group(PREFIX, r.stderr());
        assertEquals(0, netnsWithPrefix(prefix), "namespaces removed");
        for (String pid : group(PIDS, r.stderr()).split(" ")) {
            assertFalse(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false), "snmpd " + pid + " stopped");
        }

        List<String> polls = Files.readAllLines(out.resolve("polls.csv"));
        assertEquals("scenario,k,ifaces,system,poll,status,wall_s,cpu_s,varbinds,procsys_lookups,vmhwm_kb,cpu_master_s,"
                + "cpu_agent_s,cpu_ticks_s,detail,requests", polls.get(0));
        for (String k : List.of("0", "3")) {
            // the first poll is always there (ok or FAILED), with a CPU figure in seconds
            assertTrue(polls.stream().anyMatch(l -> l.matches("netns," + k + ",,snmpd,1,[a-z]+,[0-9.]+,[0-9]+\\.[0-9]{3},[0-9]+,.*")),
                    polls.toString());
        }
        // requests per poll for the floor: per subtree floor(varbinds / 25) + 1 (+ 1 when empty), 5 subtrees
        for (String row : polls.subList(1, polls.size())) {
            String[] f = row.split(",", -1);
            assertEquals(16, f.length, row);
            if (f[5].equals("ok") && !f[4].equals("strace")) {
                long vb = Long.parseLong(f[8]);
                long rq = Long.parseLong(f[15]);
                assertTrue(rq >= 5 && rq * 25 >= vb && rq <= vb / 25 + 10, row);
            }
        }
        // the floor, measured at the start and the end of the run, in floor.csv, machine facts and results.md
        List<String> floor = Files.readAllLines(out.resolve("floor.csv"));
        assertEquals(3, floor.size(), floor.toString());
        List<String> fh = Arrays.asList(floor.get(0).split(","));
        for (int i = 1; i <= 2; i++) {
            String[] f = floor.get(i).split(",", -1);
            assertEquals(i == 1 ? "start" : "end", f[fh.indexOf("when")], floor.get(i));
            assertEquals("ok", f[fh.indexOf("status")], floor.get(i));
            assertEquals("300", f[fh.indexOf("n")], floor.get(i));
            assertTrue(Double.parseDouble(f[fh.indexOf("agent_cpu_us_per_rt")]) > 0, floor.get(i));
            assertTrue(Double.parseDouble(f[fh.indexOf("wall_us_per_rt")]) > 0, floor.get(i));
        }
        List<String> systems = Files.readAllLines(out.resolve("systems.csv"));
        assertEquals(3, systems.size(), systems.toString());
        List<String> head = Arrays.asList(systems.get(0).split(","));
        for (String row : systems.subList(1, 3)) {
            String[] f = row.split(",", -1);
            assertEquals(head.size(), f.length, row);
            // idle window measured after the polls; lookup latency before and after; RSS; host counts
            assertTrue(Double.parseDouble(f[head.indexOf("idle_window_s")]) >= 2, row);
            assertTrue(f[head.indexOf("idle_cpu_s_per_min")].matches("[0-9]+\\.[0-9]{3}"), row);
            assertTrue(f[head.indexOf("startup_cpu_s")].matches("[0-9]+\\.[0-9]{2}"), "start-up CPU, s: " + row);
            for (String c : List.of("ipv4_before_us", "ipv4_after_us", "ipv6_before_us", "ipv6_after_us")) {
                assertTrue(Double.parseDouble(f[head.indexOf(c)]) > 0, c + " in " + row);
            }
            assertTrue(Long.parseLong(f[head.indexOf("vmhwm_kb")]) > 0, row);
            assertTrue(Long.parseLong(f[head.indexOf("host_links_before")]) > 0, row);
        }
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| K = 3 | snmpd"), md);
        assertTrue(md.contains("- Command: bench/run.sh --k 0,3 --systems snmpd"), md);
        assertTrue(md.contains("- Kernel request/response floor at the start of the run (bench/udp-floor.c, 300 loopback UDP round trips"), md);
        assertTrue(md.contains("- Kernel request/response floor at the end of the run (bench/udp-floor.c, 300 loopback UDP round trips"), md);
        // and again with a client that pauses before each request (--floor-think-us, default 100), start and end
        for (String when : List.of("start", "end")) {
            assertEquals(1, md.lines().filter(l -> l.matches("- The same floor at the " + when + " of the run with a client that "
                    + "pauses 100 µs before each request \\(.*\\): answering side [0-9.]+ µs CPU per round trip .*")).count(), md);
        }
        // what idle vCPUs do, which the floor depends on: the driver, or that the kernel does not say
        assertTrue(md.matches("(?s).*\\n- cpuidle: [^\\n]+\\n.*"), "cpuidle line: " + md);
        assertTrue(md.matches("(?s).*\\| K = 3 \\| [0-9,]+ / – / – \\| [0-9.]+ / – / – \\|.*"), "floor per poll: " + md);
        assertTrue(Files.readAllLines(out.resolve("summary.csv")).size() == 3);
    }

    @Test
    void aSkippedSystemIsARowNotAnAbortedRun(@TempDir Path out) throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip", "cc", "snmpd", "snmpbulkwalk", "snmpget", "ss");
        for (boolean interleave : List.of(false, true)) {
            Path dir = out.resolve(interleave ? "interleaved" : "sequential");
            List<String> args = new ArrayList<>(List.of("--k", "0", "--systems", "nlagent,snmpd", "--repeats", "1", "--idle-s", "0",
                    "--no-strace", "--floor-n", "0", "--timeout", "20", "--jar", out.resolve("no-such.jar").toString(),
                    "--out", dir.toString()));
            if (interleave) {
                args.addAll(List.of("--interleave", "--poll-gap-s", "1"));
            }
            Processes.Result r = Processes.run(300, cmd(args.toArray(String[]::new)));
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("nlagent: skipped (no "), r.stderr());
            List<String> polls = Files.readAllLines(dir.resolve("polls.csv"));
            assertTrue(polls.stream().anyMatch(l -> l.startsWith("netns,0,,nlagent,-,skipped,")), polls.toString());
            assertTrue(polls.stream().anyMatch(l -> l.matches("netns,0,,snmpd,1,[a-z]+,.*")), "snmpd still polled: " + polls);
            List<String> systems = Files.readAllLines(dir.resolve("systems.csv"));
            assertEquals(3, systems.size(), systems.toString());
        }
    }

    /**
     * The strace poll counts a poll's /proc/sys lookups; nlagent's dcache health probe stat()s its probePath and
     * probeControlPath directories once a minute by design, and a burst that falls into that poll is counted apart
     * (it made one K = 1,000 run read "40 lookups"). The script's own functions, on a recorded strace output: the
     * configured probe paths (the first probePath line replaces the defaults) and nothing else are set apart.
     */
    @Test
    void aHealthProbeBurstInTheStracePollIsCountedApart(@TempDir Path dir) throws Exception {
        Preconditions.assumeCommands("bash", "sed", "grep", "awk", "paste");
        Path conf = Files.writeString(dir.resolve("nlagent.conf"), "probePath /proc/sys/net/core\n"
                + "probeControlPath /proc/sys/net\nrocommunity public 127.0.0.1\n");
        Path trace = Files.writeString(dir.resolve("strace.out"), String.join("\n",
                "11 newfstatat(AT_FDCWD, \"/proc/sys/net/core\", {st_mode=S_IFDIR|0555, st_size=0, ...}, 0) = 0",
                "11 newfstatat(AT_FDCWD, \"/proc/sys/net\", {st_mode=S_IFDIR|0555, st_size=0, ...}, 0) = 0",
                "11 newfstatat(AT_FDCWD, \"/proc/sys/net/core\", {st_mode=S_IFDIR|0555, st_size=0, ...}, 0) = 0",
                "12 newfstatat(AT_FDCWD, \"/proc/sys/net/ipv6\", {st_mode=S_IFDIR|0555, st_size=0, ...}, 0) = 0",
                "12 openat(AT_FDCWD, \"/proc/sys/net/ipv6/neigh/eth0/retrans_time_ms\", O_RDONLY) = 3",
                "12 openat(AT_FDCWD, \"/proc/sys/net/ipv6/neigh/eth0/base_reachable_time_ms\", O_RDONLY) = 3",
                "12 openat(AT_FDCWD, \"/proc/sys/net/core/somaxconn\", O_RDONLY) = 3",
                "12 openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = 3", ""));
        String functions = "eval \"$(sed -n '/^probe_regex() {/,/^}/p; /^strace_[a-z_]*() {/,/^}/p' " + SCRIPT + ")\"; "
                + "nlagent_conf() { echo \"$CONF\"; }; ";
        String out = Processes.check("env", "LC_ALL=C", "CONF=" + conf, "bash", "-c", functions
                + "echo \"$(strace_lookups " + trace + ") $(strace_probe_lookups " + trace + ") $(strace_top_paths " + trace + ")\"");
        // top paths name the directory looked up in: the stat of net/ipv6 (no probe path here) is a lookup in net
        assertEquals("4 3 net/ipv6/neigh/eth0 x2 net/core x1 net x1", out.strip());

        // a config without probePath lines: the defaults (ipv6, core, ipv4) and the control /proc/sys/net
        Files.writeString(conf, "rocommunity public 127.0.0.1\n");
        out = Processes.check("env", "LC_ALL=C", "CONF=" + conf, "bash", "-c", functions
                + "echo \"$(strace_lookups " + trace + ") $(strace_probe_lookups " + trace + ")\"");
        assertEquals("3 4", out.strip(), "the default probe paths: ipv6 is one of them");
    }

    /** A jar built before the last source commit is not the code machine.md names by its commit: the report says so. */
    @Test
    void aJarOlderThanTheLastSourceCommitIsSaid(@TempDir Path out) throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip", "cc", "snmpd", "snmpbulkwalk", "snmpget", "ss", "git");
        Preconditions.skipUnless(Processes.run(30, "git", "-C", PackagingFiles.root().toString(), "log", "-1", "--format=%h",
                "--", "src").exitCode() == 0, "needs the git checkout (its last commit of src/)");
        Path jar = Files.writeString(out.resolve("old.jar"), "not a jar");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(978_307_200_000L)); // 2001-01-01
        Processes.Result r = Processes.run(300, cmd("--k", "0", "--systems", "snmpd", "--repeats", "1", "--idle-s", "0",
                "--no-strace", "--floor-n", "0", "--timeout", "20", "--jar", jar.toString(), "--out", out.resolve("old").toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        String md = Files.readString(out.resolve("old").resolve("machine.md"));
        assertTrue(md.matches("(?s).*\\n- nlagent: [^\\n]*the jar built 2001-01-01 [0-9:]+; OLDER than the last commit of src/ or pom\\.xml .*"), md);

        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        r = Processes.run(300, cmd("--k", "0", "--systems", "snmpd", "--repeats", "1", "--idle-s", "0",
                "--no-strace", "--floor-n", "0", "--timeout", "20", "--jar", jar.toString(), "--out", out.resolve("new").toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        md = Files.readString(out.resolve("new").resolve("machine.md"));
        assertTrue(md.contains("- nlagent: ") && !md.contains("OLDER"), "a jar built after the last source commit: " + md);
    }

    @Test
    void sigtermTearsDownNamespacesAndProcesses(@TempDir Path tmp) throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip", "cc", "snmpd", "snmpbulkwalk", "snmpget", "ss");
        Path err = tmp.resolve("stderr");
        Process p = new ProcessBuilder(cmd("--k", "4", "--systems", "snmpd", "--repeats", "1", "--no-strace", "--idle-s", "120",
                "--timeout", "20", "--out", tmp.resolve("out").toString()))
                .redirectErrorStream(false).redirectOutput(tmp.resolve("stdout").toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (!Files.readString(err).contains("idle CPU over") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String log = Files.readString(err);
            assertTrue(log.contains("idle CPU over"), log);
            String prefix = group(PREFIX, log);
            String pid = group(PIDS, log).trim();
            assertEquals(4, netnsWithPrefix(prefix));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "run.sh ends after SIGTERM");
            assertNotNull(prefix);
            assertEquals(0, netnsWithPrefix(prefix), "namespaces removed");
            assertFalse(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false), "snmpd stopped");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
