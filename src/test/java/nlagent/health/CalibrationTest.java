package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigFile;
import nlagent.testing.Preconditions;

/**
 * {@code nlagent check --calibrate} on the real kernel: N private namespaces lengthen the probe
 * path's chain by N while they live, so its excess grows and a per-entry cost comes out; the
 * control-like path that no namespace touched, and a missing path, give none; the namespaces end
 * with their threads.
 */
class CalibrationTest {

    @Test
    void privateNamespacesLengthenTheChainAndEndWithTheirThreads() throws Exception {
        Preconditions.assumeRoot();
        HealthConfig c = new HealthConfig();
        ConfigFile.apply("t.conf", "probePath /proc/sys/net/ipv6\nprobePath /proc/sys/nonexistent\n", List.of(c));
        Calibration.Result r = Calibration.measure(c, 60);
        System.out.print(Calibration.format(r));
        Calibration.PathResult ipv6 = r.paths().get(0);
        long growthNs = ipv6.excessAfterNanos().getAsLong() - ipv6.excessBeforeNanos().getAsLong();
        // 60 entries at any plausible per-entry cost (tens to hundreds of ns) add microseconds
        assertTrue(growthNs >= 60 * 20, "the excess grew with the chain: " + Calibration.format(r));
        assertEquals(ipv6.perEntryNs(), r.recommendedNs());
        assertTrue(r.recommendedNs().getAsLong() > 0, Calibration.format(r));
        assertEquals(OptionalLong.empty(), r.paths().get(1).perEntryNs());
        assertFalse(Calibration.format(r).contains("\n/proc/sys/nonexistent: excess"), Calibration.format(r));
        assertTrue(Calibration.format(r).contains("set in nlagent.conf: probePerEntryNs " + r.recommendedNs().getAsLong()));
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("nlagent-calibrate")),
                "every calibration thread (and so its namespace) has ended");
    }

    @Test
    void nOutOfRangeIsAOneLineError() {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        int code = Calibration.run(new HealthConfig(), 5, new java.io.PrintStream(buf, true));
        assertEquals(3, code);
        assertEquals("DCACHE UNKNOWN - calibration failed: N must be 20..1000, not 5\n", buf.toString());
    }

    @Test
    void missingPathsAreNotMeasurable() {
        List<OptionalLong> e = Calibration.excess(Path.of("/proc/sys/net"), List.of(Path.of("/proc/sys/nonexistent")));
        assertEquals(List.of(OptionalLong.empty()), e);
    }
}
