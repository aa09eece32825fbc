package nlagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nlagent check} on the real kernel: Nagios exit codes, status line and perfdata. */
class CheckCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out) {
    }

    private Run check(String configText) throws Exception {
        Path conf = tmp.resolve("nlagent.conf");
        Files.writeString(conf, configText);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.commandLine().execute("check", "--config", conf.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        return new Run(exit, out);
    }

    @Test
    void okWithPerfdataMatchingTheSources() throws Exception {
        Run r = check("chainExcessUs 100000 99999\nchainExcessCriticalUs 200000 100000\n");
        assertEquals(0, r.exit, r.out);
        String first = r.out.lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("DCACHE OK - max lookup excess "), first);
        assertTrue(first.contains(" | "), "perfdata: " + first);
        assertTrue(first.contains("excess_net.ipv6="), first);
        assertTrue(first.contains("excess_net.ipv6=" ) && first.matches(".*excess_net\\.ipv6=[0-9.]+us;100000;200000;0;.*"),
                first);
        // dentries perfdata against the file the test reads itself
        Matcher m = Pattern.compile("dentries=(\\d+);").matcher(first);
        assertTrue(m.find(), first);
        long served = Long.parseLong(m.group(1));
        long file = Long.parseLong(nlagent.health.KernelFiles.read(
                Path.of("/proc/sys/fs/dentry-state")).trim().split("\\s+")[0]);
        assertEquals(file, served, Math.max(300, file / 50));
        assertTrue(r.out.contains("/proc/sys/net/ipv6: ok, latency "), r.out);
        assertTrue(r.out.contains("control /proc/sys/net: "), r.out);
    }

    @Test
    void warningWhenAThresholdIsCrossed() throws Exception {
        Run r = check("dentriesUnused 1 0\nchainExcessUs 100000 99999\nchainExcessCriticalUs 200000 100000\n");
        assertEquals(1, r.exit, r.out);
        assertTrue(r.out.startsWith("DCACHE WARNING - "), r.out);
        assertTrue(r.out.contains("unused dentries (alarm at 1, clears at 0)"), r.out);
        assertTrue(r.out.contains("dentries_unused="), r.out);
    }

    @Test
    void unknownWhenTheControlPathIsMissing() throws Exception {
        Run r = check("probeControlPath /proc/sys/net/no-such-control\n");
        assertEquals(3, r.exit, r.out);
        assertTrue(r.out.startsWith("DCACHE UNKNOWN - control path /proc/sys/net/no-such-control not measurable"),
                r.out);
        assertTrue(r.out.contains("control /proc/sys/net/no-such-control: not measurable"), r.out);
    }

    @Test
    void missingProbePathIsReportedNotFatal() throws Exception {
        Run r = check("probePath /proc/sys/net/no-such-probe\nprobePath /proc/sys/net/ipv4\n"
                + "chainExcessUs 100000 99999\nchainExcessCriticalUs 200000 100000\n");
        assertEquals(0, r.exit, r.out);
        assertTrue(r.out.contains("/proc/sys/net/no-such-probe: missing\n"), r.out);
        assertTrue(!r.out.contains("excess_net.no-such-probe"), r.out);
    }

    @Test
    void badConfigIsUnknownNamingFileLineAndKey() throws Exception {
        Run r = check("\n\nchainExcessUs 5 50\n");
        assertEquals(3, r.exit, r.out);
        assertTrue(r.out.startsWith("DCACHE UNKNOWN - " + tmp.resolve("nlagent.conf") + ":3: chainExcessUs: "),
                r.out);
    }
}
