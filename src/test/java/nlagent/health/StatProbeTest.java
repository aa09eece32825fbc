package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import nlagent.time.Ticker;

/** The probe's cost bounds and its accounting, on the real /proc/sys. */
class StatProbeTest {
    private static final Path CONTROL = Path.of("/proc/sys/net");
    private static final List<Path> PATHS = List.of(Path.of("/proc/sys/net/ipv6"), Path.of("/proc/sys/net/nope"),
            Path.of("/proc/sys/net/core"));

    @Test
    void withinBudgetEveryPathGetsTheWholeBurst() {
        IoCounters io = new IoCounters();
        try (StatProbe p = new StatProbe(CONTROL, PATHS, 7, Long.MAX_VALUE, Ticker.system(), io)) {
            ProbeRun r = p.run();
            assertTrue(!r.overBudget());
            assertTrue(r.controlMedianNanos().isPresent());
            assertTrue(r.pathMedianNanos().get(0).isPresent());
            assertEquals(OptionalLong.empty(), r.pathMedianNanos().get(1), "missing path: absent, no crash");
            assertTrue(r.pathMedianNanos().get(2).isPresent());
            // warm-up: 4 targets; then 7 rounds over the 3 that exist
            assertEquals(4 + 7 * 3, r.lookups());
            // plus the two pins (ipv6, core), opened once
            assertEquals(4 + 7 * 3 + 2, io.procSysLookups());
            assertEquals(2, io.heldFds());
            p.run();
            assertEquals(2 * (4 + 7 * 3) + 2, io.procSysLookups(), "pins are not re-opened");
        }
        assertEquals(0, io.heldFds());
    }

    @Test
    void overBudgetRunCostsOneLookupPerPath() {
        // a clock on which every stat takes 20 ms, against a 10 ms budget
        long[] now = {0};
        Ticker slow = () -> now[0] += 20_000_000L;
        IoCounters io = new IoCounters();
        try (StatProbe p = new StatProbe(CONTROL, PATHS, 9, 10_000_000L, slow, io)) {
            ProbeRun r = p.run();
            assertTrue(r.overBudget());
            assertEquals(4, r.lookups(), "the warm-up round only");
            assertEquals(OptionalLong.of(20_000_000L), r.controlMedianNanos());
            assertEquals(OptionalLong.of(20_000_000L), r.pathMedianNanos().get(0));
            assertEquals(OptionalLong.empty(), r.pathMedianNanos().get(1));
        }
    }

    @Test
    void overBudgetInTheBurstStopsTheRun() {
        // fast during the warm-up (4 stats = 8 clock reads), then 20 ms per stat
        long[] reads = {0};
        long[] now = {0};
        Ticker t = () -> {
            reads[0]++;
            now[0] += reads[0] <= 9 ? 1_000 : 20_000_000L;
            return now[0];
        };
        try (StatProbe p = new StatProbe(CONTROL, PATHS, 9, 10_000_000L, t, new IoCounters())) {
            ProbeRun r = p.run();
            assertTrue(r.overBudget());
            assertEquals(4 + 1, r.lookups(), "stopped at the first over-budget sample");
        }
    }
}
