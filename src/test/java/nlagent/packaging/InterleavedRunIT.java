package nlagent.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * bench/run.sh --interleave with stock snmpd and the built jar (runs in {@code mvn -Pdeb verify}, after
 * packaging): poll i of each system in turn, the system not being polled stopped (SIGSTOP) and resumed
 * before its own poll; then, while the first system's idle window runs with the second one stopped, a
 * SIGTERM still ends both (a stopped process acts on TERM only once continued) and removes the namespaces.
 */
class InterleavedRunIT {
    private static final Path SCRIPT = PackagingFiles.bench("run.sh");
    private static final Pattern PREFIX = Pattern.compile("namespace prefix (nlb[0-9a-z]+)");
    private static final Pattern PIDS = Pattern.compile("(snmpd|nlagent): started \\(PIDs ([0-9 ]+),");

    private static long netnsWithPrefix(String prefix) {
        return Arrays.stream(Processes.check("ip", "netns", "list").split("\n")).filter(l -> l.startsWith(prefix + "-")).count();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The state letter of /proc/PID/stat ("T": stopped), or "" when gone. */
    private static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void pollsAlternateTheOtherSystemStoppedAndSigtermEndsBoth(@TempDir Path tmp) throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip", "cc", "snmpd", "snmpbulkwalk", "snmpget", "ss", "java");
        Path jar = PackagingFiles.root().resolve("target/nlagent.jar");
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": build it with mvn -B -Pdeb package");
        Path err = tmp.resolve("stderr");
        Path out = tmp.resolve("out");
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), "--k", "2", "--systems", "snmpd,nlagent",
                "--repeats", "2", "--poll-gap-s", "1", "--interleave", "--no-strace", "--floor-n", "0", "--quiet-s", "1",
                "--idle-s", "300", "--timeout", "30", "--start-timeout", "180", "--jar", jar.toString(), "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("stdout").toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(400);
            while (!Files.readString(err).contains("idle CPU over") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String log = Files.readString(err);
            assertTrue(log.contains("snmpd: quiet 1 s, then idle CPU over 300 s"), "the first system's idle window: " + log);
            // the polls in turn: snmpd 1, nlagent 1, snmpd 2, nlagent 2, each after a resume
            int at = -1;
            for (String line : List.of("snmpd: resumed for poll 1", "snmpd poll 1:", "nlagent: resumed for poll 1", "nlagent poll 1:",
                    "snmpd: resumed for poll 2", "snmpd poll 2:", "nlagent: resumed for poll 2", "nlagent poll 2:")) {
                int next = log.indexOf(line, at + 1);
                assertTrue(next > at, "'" + line + "' after the one before: " + log);
                at = next;
            }
            List<Long> pids = new ArrayList<>();
            Matcher m = PIDS.matcher(log);
            while (m.find()) {
                pids.add(Long.parseLong(m.group(2).trim()));
            }
            assertEquals(2, pids.size(), log);
            long snmpd = pids.get(0);
            long nlagent = pids.get(1);
            assertTrue(alive(snmpd) && alive(nlagent), "both still running");
            assertEquals("T", state(nlagent), "nlagent stopped while snmpd's idle window runs");
            assertFalse(state(snmpd).equals("T"), "snmpd running for its idle window");
            List<String> polls = Files.readAllLines(out.resolve("polls.csv"));
            for (String sys : List.of("snmpd", "nlagent")) {
                for (String poll : List.of("1", "2")) {
                    assertTrue(polls.stream().anyMatch(l -> l.startsWith("netns,2,," + sys + "," + poll + ",")), sys + " poll " + poll + ": " + polls);
                }
            }
            Matcher pm = PREFIX.matcher(log);
            assertTrue(pm.find(), log);
            String prefix = pm.group(1);
            assertEquals(2, netnsWithPrefix(prefix));

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "run.sh ends after SIGTERM");
            assertEquals(0, netnsWithPrefix(prefix), "namespaces removed");
            assertFalse(alive(snmpd), "snmpd stopped");
            assertFalse(alive(nlagent), "the stopped nlagent ended too");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
