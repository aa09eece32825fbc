package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.TestNamespaces;

/**
 * End to end with net-snmp: {@code nlagent run} (a child JVM) serves DCACHE-HEALTH-MIB standalone
 * and as AgentX subagent of a private snmpd; 300 namespaces lengthen the ipv6 chain and
 * dcacheChainRising reaches one snmptrapd directly (standalone trap2sink) and another through
 * snmpd (AgentX Notify, forwarded by the master's trap2sink); after deletion dcacheChainFalling
 * follows on both paths. Both snmptrapds load the MIB, so the notifications are also checked to
 * decode by name. Served values are read with snmpget through both frontends and compared with
 * their source files.
 */
class DcacheNotificationEndToEndTest {
    private static final int NAMESPACES = 300;
    private static final String HEALTH_STATE = "DCACHE-HEALTH-MIB::dcacheHealthState.0";

    /**
     * snmpd as nlagent's deployment runs it: without its interface and IP modules, which re-read
     * /proc/sys/net per interface and would make snmpd itself crawl (or never start) on a host whose
     * ipv6 chain is long, e.g. while another test holds 2,000 namespaces.
     */
    private static final String SNMPD_DISABLED_MODULES = "-smux,mteTrigger,mteTriggerConf,ifTable,ifXTable,interface,"
            + "ip,ip_scalars,ipv6,ipAddressTable,ipAddressPrefixTable,inetNetToMediaTable,ipv6ScopeZoneIndexTable,"
            + "ipDefaultRouterTable,ipCidrRouteTable,inetCidrRouteTable,ipSystemStatsTable,ipIfStatsTable";

    private final List<Process> started = new ArrayList<>();
    private Path dir;
    private Path baseMibs;

    @Test
    void chainNotificationsReachSnmptrapdStandaloneAndThroughAgentx() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("snmpd", "snmptrapd", "snmpget", "ip");
        baseMibs = BaseMibs.dir();
        dir = Files.createTempDirectory("nlagent-dh-e2e");
        long baselineUs = ChainLoad.baselineExcessUsOrSkip();
        long rising = ChainLoad.risingUs(baselineUs);
        long falling = ChainLoad.fallingUs(baselineUs);
        try (TestNamespaces ns = new TestNamespaces("de")) {
            int trapPortDirect = freeUdpPort();
            int trapPortMaster = freeUdpPort();
            Path logDirect = trapd("direct", trapPortDirect);
            Path logMaster = trapd("master", trapPortMaster);
            int masterPort = freeUdpPort();
            Path socket = dir.resolve("master");
            startSnmpd(masterPort, socket, trapPortMaster);
            int agentPort = freeUdpPort();
            Files.createDirectories(dir.resolve("netns-none")); // the data plane serves no test namespace
            Files.writeString(dir.resolve("nlagent.conf"), "netnsDir " + dir.resolve("netns-none") + "\n"
                    + "rocommunity public 127.0.0.1\n"
                    + "trap2sink 127.0.0.1:" + trapPortDirect + " public\n"
                    // ipv6 only: on a shared host another workload may lengthen core or ipv4 meanwhile
                    + "probePath " + ChainLoad.IPV6 + "\nprobeIntervalSeconds 10\nprobeBurst 15\nsampleIntervalSeconds 10\n"
                    + "chainExcessUs " + rising + " " + falling + "\nchainExcessCriticalUs 100000 99999\n");
            startAgent(agentPort, socket);
            String direct = "127.0.0.1:" + agentPort;
            String viaMaster = "127.0.0.1:" + masterPort;
            waitForState(direct, "ok|warning", 30);
            waitForState(viaMaster, "ok|warning", 30);
            assertEquals("ok", get(direct, HEALTH_STATE), "baseline state; thresholds " + rising + "/" + falling);

            for (String agent : List.of(direct, viaMaster)) {
                String[] ds = KernelFiles.read(Path.of("/proc/sys/fs/dentry-state")).trim().split("\\s+");
                assertEquals(ds[2], get(agent, "DCACHE-HEALTH-MIB::dcacheDentryAgeLimit.0"));
                long dentries = Long.parseLong(get(agent, "DCACHE-HEALTH-MIB::dcacheDentries.0"));
                assertEquals(Long.parseLong(ds[0]), dentries, Math.max(2000, dentries / 20), "dentries (sampled <= 10 s ago)");
                assertEquals(ChainLoad.IPV6, get(agent, "DCACHE-HEALTH-MIB::dcacheProbePath.1"));
                assertEquals("/proc/sys/net", get(agent, "DCACHE-HEALTH-MIB::dcacheProbeControlPath.0"));
                assertEquals(String.valueOf(rising), get(agent, "DCACHE-HEALTH-MIB::dcacheExcessRisingThreshold.0"));
            }
            assertFalse(Files.readString(logDirect).contains("dcacheChainRising"), Files.readString(logDirect));
            String walkDirect = walk(direct);
            assertFalse(walkDirect.contains("Wrong Type"), walkDirect);
            assertTrue(walkDirect.contains("DCACHE-HEALTH-MIB::dcacheProbeExcess.1 = Gauge32: "), walkDirect);
            assertTrue(walkDirect.contains("DCACHE-HEALTH-MIB::dcacheAgentProcSysLookups.0 = Counter32: "), walkDirect);
            assertTrue(walkDirect.lines().count() >= 45, walkDirect);
            String walkMaster = walk(viaMaster);
            assertFalse(walkMaster.contains("Wrong Type"), walkMaster);
            assertEquals(walkDirect.lines().map(l -> l.split(" = ")[0]).toList(),
                    walkMaster.lines().map(l -> l.split(" = ")[0]).toList(), "the same objects through AgentX");

            List<String> names = ChainLoad.namespacesTouchingIpv6(ns, NAMESPACES);
            String up = waitForLog(logDirect, "dcacheChainRising", 30);
            waitForLog(logMaster, "dcacheChainRising", 10);
            assertTrue(up.contains("DCACHE-HEALTH-MIB::dcacheProbePath.1 = STRING: " + ChainLoad.IPV6), up);
            assertTrue(up.contains("DCACHE-HEALTH-MIB::dcacheHealthState.0 = INTEGER: warning(2)"), up);
            assertEquals("warning", get(direct, HEALTH_STATE));
            assertEquals("warning", get(viaMaster, HEALTH_STATE));
            long excess = Long.parseLong(get(direct, "DCACHE-HEALTH-MIB::dcacheProbeExcess.1"));
            assertTrue(excess >= rising, "served excess " + excess + " us, rising " + rising);

            ns.deleteNamespaces(names);
            String down = waitForLog(logDirect, "dcacheChainFalling", 45);
            waitForLog(logMaster, "dcacheChainFalling", 10);
            assertTrue(down.contains("DCACHE-HEALTH-MIB::dcacheHealthState.0 = INTEGER: ok(1)"), down);
            assertEquals("ok", get(direct, HEALTH_STATE));
            assertEquals("ok", get(viaMaster, HEALTH_STATE));
            assertEquals(1, count(Files.readString(logDirect), "dcacheChainRising"), "one rising, no storm");
            assertEquals(1, count(Files.readString(logMaster), "dcacheChainRising"));
        } finally {
            for (Process p : started) {
                p.destroy(); // SIGTERM to our own children only
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private Path trapd(String name, int port) throws Exception {
        Path conf = dir.resolve(name + "-snmptrapd.conf");
        Files.writeString(conf, "disableAuthorization yes\n");
        Path log = dir.resolve(name + "-traps.log");
        started.add(new ProcessBuilder("snmptrapd", "-f", "-C", "-c", conf.toString(), "-M",
                "+" + baseMibs + ":" + Path.of("mibs").toAbsolutePath(), "-m", "SNMPv2-MIB:DCACHE-HEALTH-MIB",
                "-Lf", log.toString(), "udp:127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + "-snmptrapd.out").toFile()).start());
        waitForLog(log, "NET-SNMP version", 10);
        return log;
    }

    private void startSnmpd(int port, Path socket, int trapPort) throws Exception {
        Path conf = dir.resolve("snmpd.conf");
        Files.writeString(conf, "master agentx\nagentXSocket " + socket + "\nrocommunity public 127.0.0.1\n"
                + "trap2sink 127.0.0.1:" + trapPort + " public\n");
        Files.createDirectories(dir.resolve("persist"));
        ProcessBuilder pb = new ProcessBuilder("snmpd", "-f", "-Lo", "-C", "-c", conf.toString(), "-p",
                dir.resolve("snmpd.pid").toString(), "-I", SNMPD_DISABLED_MODULES, "udp:127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.log").toFile());
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        pb.environment().put("MIBS", "");
        started.add(pb.start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline) {
                fail("snmpd did not come up: " + Files.readString(dir.resolve("snmpd.log")));
            }
            Thread.sleep(50);
        }
    }

    private void startAgent(int port, Path socket) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        started.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "nlagent.cli.Main", "run",
                "--config", dir.resolve("nlagent.conf").toString(), "--listen", "udp:127.0.0.1:" + port,
                "--agentx", "unix:" + socket)
                .redirectErrorStream(true).redirectOutput(dir.resolve("nlagent.log").toFile()).start());
    }

    /** One value, by name, through net-snmp's snmpget with the MIB loaded ("-OqvU": value only, enums by label, no UNITS). */
    private String get(String agent, String name) {
        Processes.Result r = Processes.run(30, List.of("snmpget", "-v2c", "-c", "public", "-t", "2", "-r", "1",
                "-M", "+" + baseMibs + ":" + Path.of("mibs").toAbsolutePath(), "-m", "SNMPv2-MIB:DCACHE-HEALTH-MIB",
                "-OqvU", agent, name));
        assertEquals(0, r.exitCode(), name + " from " + agent + ": " + r.stderr() + agentLog());
        return r.stdout().strip().replaceAll("^\"|\"$", "");
    }

    /** The whole module, by name; net-snmp flags every value whose type disagrees with the MIB ("Wrong Type"). */
    private String walk(String agent) {
        Processes.Result r = Processes.run(60, List.of("snmpwalk", "-v2c", "-c", "public", "-t", "2", "-r", "1",
                "-M", "+" + baseMibs + ":" + Path.of("mibs").toAbsolutePath(), "-m", "SNMPv2-MIB:DCACHE-HEALTH-MIB",
                agent, "DCACHE-HEALTH-MIB::dcacheHealthMIB"));
        assertEquals(0, r.exitCode(), r.stderr() + agentLog());
        // the module is the last subtree of nlagent's default context: its walk ends in endOfMibView
        return r.stdout().lines().filter(l -> !l.contains("No more variables left in this MIB View"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    private void waitForState(String agent, String regex, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = "";
        while (System.nanoTime() < deadline) {
            Processes.Result r = Processes.run(30, List.of("snmpget", "-v2c", "-c", "public", "-t", "1", "-r", "0",
                    "-M", "+" + baseMibs + ":" + Path.of("mibs").toAbsolutePath(), "-m",
                    "SNMPv2-MIB:DCACHE-HEALTH-MIB", "-Oqv", agent, HEALTH_STATE));
            last = r.stdout().strip() + r.stderr().strip();
            if (r.exitCode() == 0 && last.matches(regex)) {
                return;
            }
            Thread.sleep(200);
        }
        fail(agent + " never served state " + regex + ": " + last + agentLog());
    }

    private String agentLog() {
        try {
            return "\nnlagent log:\n" + Files.readString(dir.resolve("nlagent.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private String waitForLog(Path log, String needle, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                String s = Files.readString(log);
                if (s.contains(needle)) {
                    return s;
                }
            }
            Thread.sleep(200);
        }
        fail("'" + needle + "' not in " + log + ": " + (Files.exists(log) ? Files.readString(log) : "(none)")
                + agentLog());
        return null;
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
