package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigFile;

/** The check's evaluation and output with fake samples: the CRITICAL path and exact perfdata. */
class HealthCheckTest {
    @Test
    void criticalWithExactPerfdata() throws Exception {
        HealthConfig c = new HealthConfig();
        ConfigFile.apply("t.conf", "probePath /proc/sys/net/ipv6\nprobePath /x/y\nchainExcessUs 20 10\n"
                + "chainExcessCriticalUs 200 100\ndentriesNegative 1000 900\n", List.of(c));
        KernelCounters k = new KernelCounters(OptionalLong.of(5000), OptionalLong.of(4000), OptionalLong.of(45),
                OptionalLong.of(0), OptionalLong.of(1200), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(2000));
        ProbeRun run = new ProbeRun(OptionalLong.of(2_000), List.of(OptionalLong.of(334_000), OptionalLong.empty()),
                20, 3_500_000, false);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit = HealthCheck.run(c, () -> k, () -> run, new IoCounters(), new PrintStream(buf, true,
                StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, out);
        assertEquals("DCACHE CRITICAL - /proc/sys/net/ipv6 lookup excess 332 us (alarm at 200 us, clears at 100 us;"
                + " ~2000 chain entries (bounded by the 2000 live namespaces; the excess implies >= 166 ns per entry,"
                + " see nlagent check --calibrate)); 1200 negative dentries (alarm at 1000, clears at 900)"
                + " | excess_net.ipv6=332.0us;20;200;0; latency_net.ipv6=334.0us;;;0; latency_control=2.0us;;;0;"
                + " dentries=5000;;;0; dentries_unused=4000;10000000;;0; dentries_negative=1200;1000;;0;"
                + " netns=2000;;;0; probe_duration=3500.0us;;;0; probe_lookups=0c;;;0;\n"
                // the case: 332 us / 120 ns = 2766 "entries" with 2,000 namespaces alive; the path's
                // word is its own (critical) alarm, as in the status line
                + "/proc/sys/net/ipv6: critical, latency 334.0 us, excess 332.0 us, ratio 16700%, ~2000 chain entries"
                + " (bounded by the 2000 live namespaces; the excess implies >= 166 ns per entry, see nlagent check"
                + " --calibrate)\n"
                + "/x/y: missing\n"
                + "control /proc/sys/net: 2.0 us\n", out);
    }

    @Test
    void perfdataLabels() {
        assertEquals("net.ipv6", HealthCheck.label(Path.of("/proc/sys/net/ipv6")));
        assertEquals("kernel.hostname", HealthCheck.label(Path.of("/proc/sys/kernel/hostname")));
        assertTrue(HealthCheck.label(Path.of("/weird path/x=y")).matches("[A-Za-z0-9._-]+"));
    }
}
