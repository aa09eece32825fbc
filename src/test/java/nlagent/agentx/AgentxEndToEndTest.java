package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.cli.AgentConfig;
import nlagent.testing.Cleanup;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.TestNamespaces;

/**
 * The real thing: {@code nlagent run --agentx=... --no-standalone} (own JVM, real kernel data
 * plane) under Debian's snmpd with the shipped -I list, both under strace. Through snmpd: IF-MIB
 * values match sysfs for the host's interfaces, a namespace is reachable as a context, and
 * walking the interface MIBs makes no /proc/sys/net path lookup in snmpd, nor in nlagent for the
 * interfaces it already knew (the health probe, a deliberate measurement, is switched off).
 */
class AgentxEndToEndTest {
    private static final String IF_ENTRY = ".1.3.6.1.2.1.2.2.1";
    /** ifDescr, ifMtu, ifPhysAddress: columns with an independent oracle in sysfs. */
    private static final int[] STATIC_COLUMNS = {2, 4, 6};

    @TempDir
    Path tmp;

    @Test
    void nlagentServesInterfacesThroughSnmpdWithoutProcSysLookups() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("snmpd", "snmpwalk", "snmpget", "strace", "ip");
        try (Cleanup cleanup = new Cleanup(); TestNamespaces ns = new TestNamespaces("ax")) {
            String netns = ns.addNamespace("a");
            String peer = ns.linkName("p");
            ns.addVeth(ns.linkName("h"), netns, peer);

            Path snmpdTrace = tmp.resolve("snmpd.strace");
            SnmpdMaster m = new SnmpdMaster(tmp.resolve("m"), false, "", List.of("-I", SnmpdMaster.DISABLED_MODULES))
                    .wrapper(List.of("strace", "-f", "--seccomp-bpf", "-e", "trace=%file", "-o", snmpdTrace.toString()));
            cleanup.add(m);
            m.start();

            Path conf = tmp.resolve("nlagent.conf");
            Files.writeString(conf, AgentConfig.embeddedText()
                    .replace("netnsNamePattern *", "netnsNamePattern " + ns.prefix() + "*")
                    .replace("probeEnabled yes", "probeEnabled no")
                    .replace("agentxContexts no", "agentxContexts yes")); // the namespace as a context through snmpd: opt-in
            Path nlTrace = tmp.resolve("nlagent.strace");
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder("strace", "-f", "--seccomp-bpf", "-e", "trace=%file", "-o", nlTrace.toString(),
                    javaBin, "-cp", System.getProperty("java.class.path"), "nlagent.cli.Main", "run",
                    "--config", conf.toString(), "--agentx=unix:" + m.socket, "--no-standalone")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("nlagent.log").toFile());
            Process nlagent = pb.start();
            cleanup.add(() -> {
                // SIGTERM to the JVM itself (strace ignores it and would leave the JVM running);
                // strace exits when its tracee does
                nlagent.descendants().forEach(ProcessHandle::destroy);
                if (!nlagent.waitFor(15, TimeUnit.SECONDS)) {
                    nlagent.descendants().forEach(ProcessHandle::destroyForcibly);
                    nlagent.destroyForcibly();
                    nlagent.waitFor(5, TimeUnit.SECONDS);
                }
            });

            // up: ifNumber.0 answered through snmpd, and the namespace context registered
            List<String> v3 = List.of("-v3", "-l", "authPriv", "-u", "u1", "-a", "SHA", "-A", "u1password", "-x", "AES", "-X", "u1password",
                    "-n", netns);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String ctxWalk = "";
            while (System.nanoTime() < deadline) {
                ctxWalk = m.client("snmpwalk", v3, IF_ENTRY + ".2").stdout();
                if (ctxWalk.contains(peer)) {
                    break;
                }
                assertTrue(nlagent.isAlive(), "nlagent exited: " + Files.readString(tmp.resolve("nlagent.log")));
                Thread.sleep(250);
            }
            assertTrue(ctxWalk.contains("STRING: \"" + peer + "\"") && ctxWalk.contains("STRING: \"lo\""),
                    ctxWalk + Files.readString(tmp.resolve("nlagent.log")));
            // the namespace context holds one covering registration (mib-2): a walk of the whole
            // context ends, stays inside mib-2 and sees the interface tables
            Processes.Result whole = m.client("snmpwalk", withTimeout(v3), ".1.3.6.1");
            assertEquals(0, whole.exitCode(), whole.stderr());
            List<String> wholeLines = whole.stdout().lines().toList();
            assertTrue(wholeLines.stream().allMatch(l -> l.startsWith(".1.3.6.1.2.1.")), whole.stdout());
            assertTrue(wholeLines.stream().anyMatch(l -> l.startsWith(".1.3.6.1.2.1.2.1.0 ")), "ifNumber in the context: " + whole.stdout());
            assertTrue(wholeLines.stream().anyMatch(l -> l.startsWith(IF_ENTRY + ".2.")), "ifDescr in the context");

            // values against the kernel's own view (sysfs) for the host's lo and eth0; value parity
            // with a stock snmpd is the MIB suite's job (a stock snmpd may need minutes to start on a
            // host with thousands of interfaces, which is the problem nlagent exists for)
            Map<String, String> got = columns(m, "lo|eth0");
            for (String ifName : new String[] {"lo", "eth0"}) {
                Path sys = Path.of("/sys/class/net", ifName);
                if (!Files.exists(sys)) {
                    continue;
                }
                assertEquals("INTEGER: " + Files.readString(sys.resolve("mtu")).trim(), got.get("4/" + ifName), ifName + " mtu");
                String mac = Files.readString(sys.resolve("address")).trim().replace(":", "").toLowerCase();
                String served = got.get("6/" + ifName);
                assertTrue(served != null && served.replaceAll("^[A-Za-z-]+: ?", "").replace(" ", "").replace(":", "").toLowerCase()
                        .equals(ifName.equals("lo") ? "" : mac), ifName + " ifPhysAddress " + served + " vs " + mac);
            }

            // strace: walks of one column per registered table, 3.2 s apart (net-snmp's interface
            // cache time), after a mark. (AgentxModesTest walks all of 1.3.6.1.2.1 through snmpd under
            // strace; whole tables here would take long on a host with thousands of interfaces.)
            long snmpdMark = Files.readAllLines(snmpdTrace).size();
            long nlMark = Files.readAllLines(nlTrace).size();
            for (int round = 0; round < 2; round++) {
                for (String subtree : new String[] {".1.3.6.1.2.1.2.1", IF_ENTRY + ".2", ".1.3.6.1.2.1.31.1.1.1.1",
                        ".1.3.6.1.2.1.4.1", ".1.3.6.1.2.1.4.28.1.3", ".1.3.6.1.2.1.55.1.5.1.2"}) {
                    Processes.Result walk = m.client("snmpbulkwalk", List.of("-v2c", "-c", "public", "-t", "10"), subtree);
                    assertEquals(0, walk.exitCode(), walk.stderr());
                    assertTrue(walk.stdout().startsWith(subtree + "."), subtree + ": " + walk.stdout());
                    assertEquals(0, m.client("snmpbulkwalk", withTimeout(v3), subtree).exitCode());
                }
                Thread.sleep(round == 0 ? 3_200 : 500);
            }
            Pattern lookup = SnmpdMaster.PROC_SYS_NET_LOOKUP;
            assertTrue(lookup.matcher("4242 openat(AT_FDCWD, \"/proc/sys/net/ipv4/ipfrag_time\", O_RDONLY|O_CLOEXEC) = 9").find(),
                    "the pattern sees an open under /proc/sys/net as strace prints it");
            assertEquals(List.of(), Files.readAllLines(nlTrace).stream().limit(nlMark)
                    .filter(l -> lookup.matcher(l).find() && l.matches(".*(ipfrag_time|ip_default_ttl|hop_limit).*")).toList(),
                    "nlagent's start-up opens no sysctl file through the host's /proc (socket options, private procfs instance)");
            List<String> snmpdLookups = Files.readAllLines(snmpdTrace).stream().skip(snmpdMark)
                    .filter(l -> lookup.matcher(l).find()).toList();
            assertEquals(List.of(), snmpdLookups, "snmpd: no /proc/sys/net lookups while walking");
            Pattern known = Pattern.compile("/proc/sys/net/[^\"]*/(lo|eth0|default|all|" + Pattern.quote(peer) + ")/");
            List<String> nlLookups = Files.readAllLines(nlTrace).stream().skip(nlMark)
                    .filter(l -> lookup.matcher(l).find() && (known.matcher(l).find() || !l.matches(".*/proc/sys/net/ipv[46]/(conf|neigh)/.*")))
                    .toList();
            assertEquals(List.of(), nlLookups, "nlagent: no /proc/sys/net lookups for interfaces it already knew");
        }
    }

    private static List<String> withTimeout(List<String> options) {
        List<String> out = new ArrayList<>(options);
        out.addAll(List.of("-t", "10"));
        return out;
    }

    /** Static ifTable columns of the interfaces named by {@code names}, keyed by "column/ifDescr". */
    private static Map<String, String> columns(SnmpdMaster agent, String names) {
        Map<Integer, String> descrByIndex = new TreeMap<>();
        for (String l : agent.v2c("snmpwalk", IF_ENTRY + ".2").stdout().split("\n")) {
            String[] kv = l.split(" = STRING: ", 2);
            if (kv.length == 2 && kv[1].replace("\"", "").matches(names)) {
                descrByIndex.put(Integer.parseInt(kv[0].substring(kv[0].lastIndexOf('.') + 1)), kv[1].replace("\"", ""));
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (int col : STATIC_COLUMNS) {
            for (Map.Entry<Integer, String> e : descrByIndex.entrySet()) {
                String line = agent.v2c("snmpget", IF_ENTRY + "." + col + "." + e.getKey()).stdout().trim();
                out.put(col + "/" + e.getValue(), line.substring(line.indexOf(" = ") + 3).replace("\"", ""));
            }
        }
        return out;
    }
}
