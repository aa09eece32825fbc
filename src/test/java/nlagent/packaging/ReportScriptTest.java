package nlagent.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/** bench/report.sh: medians over successful polls, failures kept visible, ratios, table. */
class ReportScriptTest {
    private static final String HEADER =
            "scenario,k,ifaces,system,poll,status,wall_s,cpu_s,varbinds,procsys_lookups,vmhwm_kb,idle_cpu_s_per_5s,detail";

    @Test
    void summarisesPollsAndNeverHidesAFailure(@TempDir Path dir) throws Exception {
        Preconditions.assumeCommands("awk");
        Files.write(dir.resolve("polls.csv"), List.of(HEADER,
                "netns,1000,,snmpd,1,ok,9.1,8.00,46000,,14000,0.5,",
                "netns,1000,,snmpd,2,ok,9.9,7.00,46000,,14200,0.5,",
                "netns,1000,,snmpd,3,ok,9.5,9.50,46000,,14300,0.5,",
                "netns,1000,,snmpd,strace,ok,,,46000,35012,14300,0.5,uncounted",
                "netns,1000,,nlagent,1,ok,0.4,0.07,46000,,70000,0.01,",
                "netns,1000,,nlagent,2,ok,0.3,0.05,46000,,71680,0.01,",
                "netns,1000,,nlagent,strace,ok,,,46000,0,71680,0.01,uncounted",
                "netns,2000,,snmpd,1,timeout,300.2,290.10,1200,,15000,2.0,1.3.6.1.2.1.2.2: no end within 60s; ",
                "netns,2000,,nlagent,1,ok,0.5,0.00,92000,,72000,0.02,",
                "netns,2000,,subagent,-,skipped,,,,,,,no jar"));
        Processes.Result r = Processes.run(60, PackagingFiles.bench("report.sh").toString(), dir.toString());
        assertEquals(0, r.exitCode(), r.stderr());

        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals("netns,1000,,snmpd,3,0,8.00,9.5,46000,35012,14,0.5,ok,", summary.get(1));
        assertEquals("netns,1000,,nlagent,2,0,0.060,0.350,46000,0,70,0.01,ok,", summary.get(2));
        assertTrue(summary.get(3).startsWith("netns,2000,,snmpd,0,1,290.10,300.2,1200,,15,2.0,FAILED,"), summary.get(3));
        assertTrue(summary.get(5).contains(",skipped,no jar"), summary.get(5));

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| K = 1000 netns | 133x | - |"), md);      // 8.00 / 0.06
        assertTrue(md.contains("| K = 2000 netns | >29010x | - |"), md);   // failed snmpd: a lower bound; 0 CPU counted as 0.01
        assertTrue(md.contains("| K = 2000 netns | snmpd | 0 / 1 | 290.10 |"), md);
        if (Preconditions.which("gnuplot") != null) {
            assertTrue(Files.size(dir.resolve("cpu_per_poll.png")) > 1000);
        }
    }
}
