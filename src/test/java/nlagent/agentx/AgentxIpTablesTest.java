package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.cli.AgentConfig;
import nlagent.testing.Cleanup;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.TestNamespaces;

/**
 * Mode 1 loses nothing of the address and statistics tables: snmpd with the shipped -I list plus
 * nlagent (its own JVM, run inside a test namespace, so that snmpd's default context is that
 * namespace) returns the same OIDs as a stock snmpd running in the same namespace, under 4.20,
 * 4.31, 4.32, 4.33 and 4.34; 55.1.6 and 25.3.4 differ as README documents. nlagent runs under
 * strace: the walks make no /proc/sys path lookup and re-open none of its /proc/net files.
 */
class AgentxIpTablesTest {
    private static final List<String> SAME = List.of(".1.3.6.1.2.1.4.20", ".1.3.6.1.2.1.4.31", ".1.3.6.1.2.1.4.32",
            ".1.3.6.1.2.1.4.33", ".1.3.6.1.2.1.4.34");
    private static final String IPV6_IF_STATS = ".1.3.6.1.2.1.55.1.6";
    private static final String HR_NETWORK = ".1.3.6.1.2.1.25.3.4";

    @TempDir
    Path tmp;

    @Test
    void snmpdWithTheModuleListPlusNlagentServesWhatStockSnmpdServes() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("snmpd", "snmpbulkwalk", "strace", "ip", "bash");
        try (Cleanup cleanup = new Cleanup(); TestNamespaces ns = new TestNamespaces("axi")) {
            String a = ns.addNamespace("a");
            String b = ns.addNamespace("b");
            ns.exec(a, "ip", "link", "set", "lo", "up");
            ns.exec(a, "ip", "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b);
            ns.exec(a, "ip", "link", "set", "va", "up");
            ns.exec(b, "ip", "link", "set", "vb", "up");
            ns.exec(a, "ip", "addr", "add", "10.9.0.1/24", "brd", "+", "dev", "va");
            ns.exec(a, "ip", "addr", "add", "10.9.0.2/24", "dev", "va");
            ns.exec(a, "ip", "addr", "add", "2001:db8::1/64", "dev", "va", "nodad");
            ns.exec(a, "ip", "addr", "add", "2001:db8:1::1/64", "dev", "va", "preferred_lft", "0", "nodad");
            ns.exec(b, "ip", "addr", "add", "10.9.0.9/24", "dev", "vb");
            ns.exec(b, "ip", "addr", "add", "2001:db8::9/64", "dev", "vb", "nodad");
            Thread.sleep(2500); // link-local DAD
            ns.exec(b, "bash", "-c", "for i in 1 2 3; do echo x > /dev/udp/10.9.0.1/9; echo x > /dev/udp/2001:db8::1/9; done");

            // reference: stock snmpd inside the namespace
            Path ref = tmp.resolve("ref");
            Files.createDirectories(ref);
            Files.writeString(ref.resolve("snmpd.conf"), "rocommunity public 127.0.0.1\n");
            Process stock = new ProcessBuilder("ip", "netns", "exec", a, "snmpd", "-f", "-Lf", ref.resolve("log").toString(), "-C",
                    "-c", ref.resolve("snmpd.conf").toString(), "-M", ref.toString(), "-m", "", "udp:127.0.0.1:1161")
                    .redirectErrorStream(true).redirectOutput(ref.resolve("out").toFile()).start();
            cleanup.add(() -> {
                stock.toHandle().descendants().forEach(ProcessHandle::destroy);
                stock.destroy();
                stock.waitFor(10, TimeUnit.SECONDS);
            });

            SnmpdMaster m = new SnmpdMaster(tmp.resolve("m"), false, "", List.of("-I", SnmpdMaster.DISABLED_MODULES));
            cleanup.add(m);
            m.start();

            Path conf = tmp.resolve("nlagent.conf");
            Files.writeString(conf, AgentConfig.embeddedText()
                    .replace("netnsNamePattern *", "netnsNamePattern " + ns.prefix() + "*")
                    .replace("probeEnabled yes", "probeEnabled no"));
            Path trace = tmp.resolve("nlagent.strace");
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process nlagent = new ProcessBuilder("ip", "netns", "exec", a, "strace", "-f", "--seccomp-bpf", "-e", "trace=%file",
                    "-o", trace.toString(), javaBin, "-cp", System.getProperty("java.class.path"), "nlagent.cli.Main", "run",
                    "--config", conf.toString(), "--agentx=unix:" + m.socket, "--no-standalone")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("nlagent.log").toFile()).start();
            cleanup.add(() -> {
                nlagent.descendants().forEach(ProcessHandle::destroy); // the JVM itself; strace follows it out
                if (!nlagent.waitFor(15, TimeUnit.SECONDS)) {
                    nlagent.descendants().forEach(ProcessHandle::destroyForcibly);
                    nlagent.destroyForcibly();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!m.v2c("snmpwalk", ".1.3.6.1.2.1.4.20.1.1").stdout().contains("10.9.0.1")) {
                assertTrue(nlagent.isAlive() && System.nanoTime() < deadline,
                        "nlagent did not serve ipAddrTable through snmpd: " + Files.readString(tmp.resolve("nlagent.log")));
                Thread.sleep(250);
            }

            long mark = Files.readAllLines(trace).size();
            List<String> diffs = new ArrayList<>();
            for (String root : SAME) {
                Set<String> through = oids(m.client("snmpbulkwalk", List.of("-v2c", "-c", "public", "-Cr50", "-t", "10"), root).stdout());
                Set<String> reference = oids(stockWalk(a, root));
                assertFalse(reference.isEmpty(), "stock snmpd serves " + root);
                if (!through.equals(reference)) {
                    Set<String> missing = new TreeSet<>(reference);
                    missing.removeAll(through);
                    Set<String> extra = new TreeSet<>(through);
                    extra.removeAll(reference);
                    diffs.add(root + ": missing " + missing + ", extra " + extra);
                }
            }
            assertEquals(List.of(), diffs);
            // documented: ipv6IfStatsTable is ours only (Debian's snmpd lacks it), hrNetworkTable snmpd's only
            assertTrue(stockWalk(a, IPV6_IF_STATS).contains("No Such Object"));
            assertTrue(oids(m.client("snmpbulkwalk", List.of("-v2c", "-c", "public", "-Cr50"), IPV6_IF_STATS).stdout()).size() >= 20);
            assertFalse(oids(stockWalk(a, HR_NETWORK)).isEmpty());
            assertTrue(oids(m.client("snmpbulkwalk", List.of("-v2c", "-c", "public"), HR_NETWORK).stdout()).isEmpty(),
                    "hrNetworkTable is not served in mode 1 (README)");

            Thread.sleep(500); // let strace flush
            List<String> lines = Files.readAllLines(trace);
            assertTrue(lines.stream().limit(mark).anyMatch(l -> l.contains("/proc/thread-self/net/snmp")),
                    "the pattern sees the start-up open of the held /proc/net files");
            List<String> lookups = lines.stream().skip(mark)
                    .filter(l -> SnmpdMaster.PROC_SYS_NET_LOOKUP.matcher(l).find() || l.contains("\"/proc/sys/")
                            || l.contains("/net/snmp") || l.contains("/net/netstat") || l.contains("dev_snmp6"))
                    .toList();
            assertEquals(List.of(), lookups, "no /proc/sys lookup and no /proc/net re-open while polled");
        }
    }

    private static String stockWalk(String netns, String root) {
        return Processes.run(60, List.of("ip", "netns", "exec", netns, "snmpbulkwalk", "-m", "", "-On", "-v2c", "-c", "public",
                "-t", "5", "-Cr50", "127.0.0.1:1161", root)).stdout();
    }

    /** The instance OIDs of a walk (exception lines such as noSuchObject or endOfMibView excluded). */
    private static Set<String> oids(String walk) {
        Set<String> out = new TreeSet<>();
        for (String line : walk.split("\n")) {
            int eq = line.indexOf(" = ");
            if (eq > 0 && !line.contains("No Such") && !line.contains("No more variables")) {
                out.add(line.substring(0, eq));
            }
        }
        return out;
    }
}
