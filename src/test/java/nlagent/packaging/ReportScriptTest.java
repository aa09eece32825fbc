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

/**
 * bench/report.sh: first poll and warm median apart, CPU per 1,000 varbinds, idle per minute, RSS and
 * lookup latency from systems.csv, failures kept visible, ratios, flatness in K, the goals, old result
 * directories still readable; the kernel request/response floor (floor.csv) per poll and above it.
 */
class ReportScriptTest {
    private static final String POLLS =
            "scenario,k,ifaces,system,poll,status,wall_s,cpu_s,varbinds,procsys_lookups,vmhwm_kb,cpu_master_s,cpu_agent_s,cpu_ticks_s,detail,requests";
    private static final String SYSTEMS = "scenario,k,ifaces,system,status,start_s,all_contexts_s,quiet_s,idle_window_s,"
            + "idle_cpu_s,idle_cpu_s_per_min,idle_master_s_per_min,idle_agent_s_per_min,vmhwm_kb,vmrss_end_kb,rss_polls,"
            + "vmrss_after_rss_polls_kb,ipv4_before_us,ipv4_after_us,ipv6_before_us,ipv6_after_us,host_links_before,"
            + "host_links_after,host_netns_before,host_netns_after,detail,startup_cpu_s";
    private static final String FLOOR = "when,status,n,request_bytes,answer_bytes,agent_cpu_us_per_rt,agent_sys_us_per_rt,"
            + "client_cpu_us_per_rt,client_sys_us_per_rt,wall_us_per_rt,detail";

    private static Processes.Result report(Path dir) {
        Preconditions.assumeCommands("awk");
        return Processes.run(60, PackagingFiles.bench("report.sh").toString(), dir.toString());
    }

    @Test
    void summarisesFirstWarmIdleFootprintAndNeverHidesAFailure(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("polls.csv"), List.of(POLLS,
                "netns,0,,subagent,1,ok,0.2,0.050,250,,90000,0.020,0.030,0.05,",
                "netns,0,,subagent,2,ok,0.1,0.010,250,,90000,0.004,0.006,0.01,",
                "netns,0,,subagent,3,ok,0.1,0.012,250,,90000,0.005,0.007,0.01,",
                "netns,1000,,snmpd,1,ok,9.1,8.00,46000,,14000,,,8.00,,1845",
                "netns,1000,,snmpd,2,ok,9.9,7.00,46000,,14200,,,7.00,,1845",
                "netns,1000,,snmpd,3,ok,9.5,9.50,46000,,14300,,,9.50,,1845",
                "netns,1000,,snmpd,strace,timeout,,,30000,185000,14300,,,,uncounted",
                "netns,1000,,nlagent,1,ok,0.6,0.49,60000,,70000,,,0.49,,2405",
                "netns,1000,,nlagent,2,ok,0.3,0.12,60000,,71680,,,0.12,,2405",
                "netns,1000,,nlagent,3,ok,0.3,0.10,60000,,71000,,,0.10,,2405",
                "netns,1000,,nlagent,strace,ok,,,60000,0,71680,,,,uncounted",
                "netns,1000,,subagent,1,ok,3.0,2.4,40000,,200000,1.5,0.9,2.4,,1605",
                "netns,1000,,subagent,2,ok,2.5,2.0,40000,,200000,1.2,0.8,2.0,,1605",
                "netns,1000,,subagent,3,ok,2.6,2.2,40000,,200000,1.3,0.9,2.2,,1605",
                "netns,2000,,snmpd,1,timeout,60.2,58.3,1200,,15000,,,58.3,1.3.6.1.2.1.2.2: no end within 60s (remaining subtrees skipped); ,53",
                "netns,2000,,nlagent,1,ok,1.5,0.9,120000,,150000,,,0.9,,4805",
                "netns,2000,,nlagent,2,ok,0.5,0.25,120000,,160000,,,0.25,,4805",
                "netns,2000,,nlagent,3,ok,0.5,0.23,120000,,158000,,,0.23,,4805",
                "netns,2000,,subagent,-,skipped,,,,,,,,,no jar"));
        Files.write(dir.resolve("systems.csv"), List.of(SYSTEMS,
                "netns,0,,subagent,ok,5.1,5.2,6,60.0,1.10,1.100,0.100,1.000,92000,78000,,,3.3,2.7,4.5,3.5,10,10,30,30,,3.10",
                "netns,1000,,snmpd,ok,1.0,,6,60.0,10.2,10.200,,,14300,14300,,,40.0,41.0,60.0,61.0,1010,1010,1030,1030,,0.05",
                // someone else added 2,000 links while nlagent was measured: flagged
                "netns,1000,,nlagent,ok,3.2,20.1,6,60.0,0.30,0.300,,,71680,65000,,,41.0,40.5,61.0,60.5,1010,3010,1030,1030,,4.20",
                "netns,1000,,subagent,ok,4.0,30.0,6,60.0,2.00,2.000,1.200,0.800,200000,190000,,,41.0,42.0,61.0,60.0,1010,1010,1030,1030,,5.00",
                "netns,2000,,snmpd,FAILED,1.0,,6,60.0,30.0,30.000,,,15000,15000,,,80.0,81.0,120.0,119.0,2010,2010,2030,2030,,0.10",
                "netns,2000,,nlagent,ok,3.0,30.0,6,60.0,0.45,0.450,,,160000,140000,100,145000,3.0,3.2,4.0,4.1,2010,2010,2030,2030,,9.80",
                "netns,2000,,subagent,skipped,,,,,,,,,,,,,,,,,,,,,no jar,"));
        // the floor: 30 µs per round trip at the start, 50 at the end: 40 µs per request in the estimates
        Files.write(dir.resolve("floor.csv"), List.of(FLOOR,
                "start,ok,20000,60,1400,30.00,25.00,35.00,30.00,90.00,",
                "end,ok,20000,60,1400,50.00,44.00,55.00,50.00,120.00,"));
        Processes.Result r = report(dir);
        assertEquals(0, r.exitCode(), r.stderr());

        List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
        assertTrue(summary.get(0).startsWith("scenario,k,ifaces,system,status,polls_ok,polls_failed,first_cpu_s,"), summary.get(0));
        // warm = median of polls 2..3; per 1,000 varbinds in ms; idle, RSS (MiB) and latency from systems.csv
        assertEquals("netns,1000,,snmpd,ok,3,0,8.00,9.1,46000,8.250,9.700,46000,,,173.913,179.348,>185000,10.200,"
                + "14,14,,,40.0,41.0,60.0,61.0,,,,0.05,1845,1845,0.074,0.074", summary.get(2));
        assertEquals("netns,1000,,subagent,ok,3,0,2.4,3.0,40000,2.100,2.550,40000,1.250,0.850,60.000,52.500,,2.000,"
                + "195,186,,,41.0,42.0,61.0,60.0,1.200,0.800,,5.00,1605,1605,0.064,0.064", summary.get(4));
        assertTrue(summary.get(5).startsWith("netns,2000,,snmpd,FAILED,0,1,58.3,60.2,1200,,,,,,,,,30.000,"), summary.get(5));
        assertTrue(summary.get(6).startsWith("netns,2000,,nlagent,ok,3,0,0.9,1.5,120000,0.240,"), summary.get(6));
        assertTrue(summary.get(6).endsWith(",156,137,100,142,3.0,3.2,4.0,4.1,,,,9.80,4805,4805,0.192,0.192"), summary.get(6));
        // floor per poll = requests x 40 µs; no warm requests for a system whose first poll failed
        assertTrue(summary.get(5).endsWith(",53,,0.002,"), summary.get(5));
        assertTrue(summary.get(0).endsWith(",startup_cpu_s,first_requests,warm_requests,first_floor_cpu_s,warm_floor_cpu_s"), summary.get(0));
        assertTrue(summary.get(7).startsWith("netns,2000,,subagent,skipped,"), summary.get(7));

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| K = 1,000 | snmpd | 8.00 | 8.250 | 46,000 | 174 / 179 | >185000 | 10.200 | 14 / 14 / – | 40.0 → 41.0 | 60.0 → 61.0 |"), md);
        assertTrue(md.contains("| K = 1,000 | subagent | 2.4 | 2.100 (snmpd 1.250 + nlagent 0.850) | 40,000 | 60.0 / 52.5 | – "
                + "| 2.000 (snmpd 1.200 + nlagent 0.800) |"), md);
        assertTrue(md.contains("| K = 1,000 | nlagent [1] | 0.49 |"), md);
        assertTrue(md.contains("[1] K = 1,000, nlagent: ok: the host changed during the measurement (root-namespace links 1010 → 3010; "
                + "network namespaces 1030 → 1030)"), md);
        assertTrue(md.contains("| K = 2,000 | snmpd | **FAILED**: 58.3 burned, 1,200 varbinds [2] | – |"), md);
        assertTrue(md.contains("[2] K = 2,000, snmpd: poll 1: timeout 1.3.6.1.2.1.2.2: no end within 60s"), md);
        assertTrue(md.contains("| K = 2,000 | nlagent | 0.9 | 0.240 | 120,000 | 7.50 / 2.00 | – | 0.450 | 156 / 137 / 142 (100 polls) |"), md);
        // ratios: first, warm, per varbind; a failed snmpd gives lower bounds
        assertTrue(md.contains("| K = 1,000 | 16× | 75× | 98× | 3.3× | 3.9× | 3.4× |"), md);
        assertTrue(md.contains("| K = 2,000 | >65× | >243× | – | – | – | – |"), md);
        // the floor: measured at start and end, per poll, nlagent above it and snmpd / that, next to the ratios
        assertTrue(md.contains("the answering side's CPU per round trip was 30.00 µs at the start (25.00 µs sys; client 35.00 µs, "
                + "wall 90.00 µs), 50.00 µs at the end (44.00 µs sys; client 55.00 µs, wall 120.00 µs). Floor per poll = requests × "
                + "40.00 µs (the mean of those measurements)"), md);
        assertTrue(md.contains("| K = 1,000 | 1,845 / 2,405 / 1,605 | 0.074 / 0.096 / 0.064 | 0.394 | 0.014 | 20× | 598× |"), md);
        assertTrue(md.contains("| K = 2,000 | 53 / 4,805 / – | 0.002 / 0.192 / – | 0.708 | 0.048 | >82× | >1220× |"), md);
        assertTrue(md.indexOf("| K = 2,000 | >65× |") < md.indexOf("Kernel request/response floor"), "after the headline ratios: " + md);
        assertTrue(md.contains("| subagent | 44.0 (K = 0) | 52.5 (K = 1,000) | 1.19× |"), md);
        // the goals, computed
        assertTrue(md.contains("nlagent at K = 2,000: root lookup ipv4 3.0 → 3.2 µs (+0.2), ipv6 4.0 → 4.1 µs (+0.1)"), md);
        assertTrue(md.contains("Idle, nlagent at K = 2,000: 0.450 CPU-s per minute = 0.75 % of one core; goal ≤ 1 % (0.6 CPU-s per minute) at K = 2,000: met."), md);
        assertTrue(md.contains("Subagent at K = 1,000: 2.100 CPU-s per warm poll against stock snmpd 8.250 (0.25×); goal ≤ 0.5×: met."), md);
        assertTrue(md.contains("warm CPU per varbind at K = 1,000 is 1.19× that at K = 0; goal ≤ 1.2× (K = 2,000 vs 0): met."), md);
        assertTrue(md.contains("Standalone at K = 1,000: 16× below stock snmpd on the first poll, 75× warm; goal ≥ 100× from the first poll: not met."), md);
        assertTrue(md.contains("peak RSS 156 MiB, 137 MiB at the end; goal ≤ 150 MiB at K = 2,000: not met (peak)."), md);
        // start-up CPU, which the first poll does not pay (nlagent's warm-up moves JIT compilation there)
        assertTrue(md.contains("| K = 0 | – | – | 3.10 |"), md);
        assertTrue(md.contains("| K = 1,000 | 0.05 | 4.20 | 5.00 |"), md);
        assertTrue(md.contains("| K = 2,000 | 0.10 | 9.80 | – |"), md);
        assertTrue(md.contains("![CPU per poll and idle CPU per minute vs K](cpu_per_poll.png)"), md);
        if (Preconditions.which("gnuplot") != null || Preconditions.isCi()) { // CI installs gnuplot-nox (.ci/run)
            assertTrue(Files.size(dir.resolve("cpu_per_poll.png")) > 1000);
            List<String> plot = Files.readAllLines(dir.resolve("plot.dat"));
            // K, then per system first ok / first FAILED / warm / idle per minute
            assertEquals("2000 NaN 58.3 NaN 30 0.9 NaN 0.24 0.45 NaN NaN NaN NaN", plot.get(2));
        }
    }

    @Test
    void readsAnOlderResultDirectoryByColumnName(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("polls.csv"), List.of(
                "scenario,k,ifaces,system,poll,status,wall_s,cpu_s,varbinds,procsys_lookups,vmhwm_kb,idle_cpu_s_per_5s,detail",
                "netns,2000,,nlagent,1,ok,1.859,2.36,160264,,301452,0.47,started",
                "netns,2000,,nlagent,2,ok,1.034,0.93,160264,,301448,0.47,started",
                "netns,2000,,nlagent,strace,ok,,,160264,0,301448,0.47,uncounted"));
        Processes.Result r = report(dir);
        assertEquals(0, r.exitCode(), r.stderr());
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| K = 2,000 | nlagent | 2.36 | 0.93 | 160,264 | 14.7 / 5.80 | 0 | – | 294 / – | – | – |"), md);
        assertTrue(!md.contains("Start-up CPU"), "no start-up table without the column: " + md);
        assertTrue(!md.contains("Kernel request/response floor"), "no floor section without floor.csv: " + md);
    }

    @Test
    void aFailedFloorMeasurementIsShownAndTheOtherOneUsed(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("polls.csv"), List.of(POLLS,
                "netns,0,,snmpd,1,ok,0.2,0.100,300,,9000,,,0.10,,17",
                "netns,0,,nlagent,1,ok,0.2,0.002,300,,9000,,,0.00,,17"));
        Files.write(dir.resolve("floor.csv"), List.of(FLOOR,
                "start,ok,20000,60,1400,30.00,25.00,35.00,30.00,90.00,",
                "end,failed,20000,,,,,,,,rc 2: udp-floor: no answer within 2 s from the answering process"));
        Processes.Result r = report(dir);
        assertEquals(0, r.exitCode(), r.stderr());
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("30.00 µs at the start (25.00 µs sys; client 35.00 µs, wall 90.00 µs), FAILED at the end (rc 2: udp-floor: "
                + "no answer within 2 s from the answering process). Floor per poll = requests × 30.00 µs"), md);
        // 17 requests x 30 µs = 0.51 ms, nlagent 2 ms in all: 1.49 ms above the floor (shown to 1 ms)
        assertTrue(md.contains("| K = 0 | 17 / 17 / – | 0.001 / 0.001 / – | 0.001 | – | 67× | – |"), md);
    }

    @Test
    void missingPollsIsAOneLineError(@TempDir Path dir) {
        Processes.Result r = report(dir);
        assertEquals(2, r.exitCode());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    }
}
