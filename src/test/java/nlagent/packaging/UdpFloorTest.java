package nlagent.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/**
 * bench/udp-floor.c (the kernel request/response floor bench/run.sh measures at the start and end of a run):
 * builds with cc -O2 alone, a short run prints its one well-formed line with positive CPU and wall per round
 * trip, bad arguments are one-line errors with exit 2. No timing assertions: only that the numbers are there.
 */
class UdpFloorTest {
    private static final Pattern LINE = Pattern.compile("udp-floor n=(\\d+) request_bytes=(\\d+) answer_bytes=(\\d+) "
            + "agent_cpu_us_per_rt=([0-9.]+) agent_sys_us_per_rt=([0-9.]+) client_cpu_us_per_rt=([0-9.]+) "
            + "client_sys_us_per_rt=([0-9.]+) wall_us_per_rt=([0-9.]+) think_us=(\\d+)");

    private static Path build(Path dir) {
        Preconditions.assumeCommands("cc");
        Path bin = dir.resolve("udp-floor");
        Processes.Result r = Processes.run(120, "cc", "-O2", "-o", bin.toString(),
                PackagingFiles.bench("udp-floor.c").toString());
        assertEquals(0, r.exitCode(), "cc: " + r.stderr());
        return bin;
    }

    @Test
    void shortRunPrintsOneWellFormedLine(@TempDir Path dir) {
        Path bin = build(dir);
        for (List<String> args : List.of(List.of("200"), List.of("200", "1", "65507"), List.of("200", "60", "1400", "30"))) {
            Processes.Result r = Processes.run(60, concat(bin.toString(), args));
            assertEquals(0, r.exitCode(), args + ": " + r.stderr());
            assertEquals(1, r.stdout().strip().lines().count(), r.stdout());
            Matcher m = LINE.matcher(r.stdout().strip());
            assertTrue(m.matches(), r.stdout());
            assertEquals("200", m.group(1));
            if (args.size() >= 3) {
                assertEquals(args.get(1), m.group(2));
                assertEquals(args.get(2), m.group(3));
                // the client thinks 30 µs before each request: a round trip cannot be shorter
                assertEquals(args.size() == 4 ? "30" : "0", m.group(9));
                if (args.size() == 4) {
                    assertTrue(Double.parseDouble(m.group(8)) >= 30, "wall per round trip with 30 µs think time: " + r.stdout());
                }
            } else { // the defaults: a -Cr25 ifTable request and response
                assertEquals("60", m.group(2));
                assertEquals("1400", m.group(3));
            }
            // CPU (both sides) and wall per round trip: each round trip costs at least one syscall pair
            for (int g : new int[] {4, 6, 8}) {
                assertTrue(Double.parseDouble(m.group(g)) > 0, "group " + g + " in " + r.stdout());
            }
        }
    }

    @Test
    void badArgumentsAreOneLineErrors(@TempDir Path dir) {
        Path bin = build(dir);
        for (List<String> args : List.of(List.of("x"), List.of("0"), List.of("10", "60"), List.of("10", "60", "70000"),
                List.of("10", "0", "100"), List.of("10", "60", "100", "-1"), List.of("1", "2", "3", "4", "5"))) {
            Processes.Result r = Processes.run(30, concat(bin.toString(), args));
            assertEquals(2, r.exitCode(), args + ": " + r.stdout() + r.stderr());
            assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
            assertTrue(r.stderr().startsWith("udp-floor: "), r.stderr());
            assertEquals("", r.stdout());
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> c = new java.util.ArrayList<>(List.of(first));
        c.addAll(rest);
        return c;
    }
}
