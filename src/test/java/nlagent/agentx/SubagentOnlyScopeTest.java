package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.cli.AgentConfig;
import nlagent.health.HealthOids;
import nlagent.testing.Cleanup;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.TestNamespaces;

/**
 * {@code nlagent run --agentx=... --no-standalone} with {@code agentxContexts no} (own JVM, real
 * kernel data plane, Debian's snmpd as master) serves only its own namespace, so it opens no other:
 * it never enters one ({@code setns} under strace), DCACHE-HEALTH-MIB's served-namespace gauge says
 * 1 through snmpd, and the log says why. The same agent with {@code agentxContexts yes} enters and
 * serves the test's namespaces (so the first half would see them if they were opened).
 */
class SubagentOnlyScopeTest {
    private static final String IF_DESCR = ".1.3.6.1.2.1.2.2.1.2";
    private static final String NETNS_SERVED = "." + HealthOids.NETNS_SERVED + ".0";

    @TempDir
    Path tmp;

    @Test
    void subagentWithoutContextsOpensNoOtherNamespace() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("snmpd", "snmpget", "snmpwalk", "strace", "ip");
        try (TestNamespaces ns = new TestNamespaces("so"); Cleanup cleanup = new Cleanup()) {
            for (String s : new String[] {"a", "b"}) {
                ns.addVeth(ns.linkName("h" + s), ns.addNamespace(s), ns.linkName("p" + s));
            }
            SnmpdMaster m = new SnmpdMaster(tmp.resolve("m"), false, "", List.of("-I", SnmpdMaster.DISABLED_MODULES));
            cleanup.add(m).start();

            Agent own = start(m, ns, "no", cleanup);
            // served through snmpd: the own namespace's interfaces (a host-side veth of the test)
            String descr = awaitWalk(m, own, IF_DESCR, ns.linkName("ha"));
            assertTrue(descr.contains("\"" + ns.linkName("hb") + "\""), descr);
            // health samples every second here; opening two namespaces takes milliseconds: three samples
            // after the own namespace answered, a data plane that had opened them would count them
            Thread.sleep(3_500);
            assertEquals("Gauge32: 1", served(m), "only the own namespace served");
            own.stop();
            assertEquals(List.of(), own.setns(), "no namespace entered");
            assertTrue(own.log().contains("namespaces: serving only nlagent's own (no listen address and agentxContexts no)"),
                    own.log());

            Agent all = start(m, ns, "yes", cleanup);
            awaitWalk(m, all, IF_DESCR, ns.linkName("ha"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!served(m).equals("Gauge32: 3") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals("Gauge32: 3", served(m), "the own namespace and the test's two");
            all.stop();
            assertTrue(all.setns().size() >= 2, "entered the test's namespaces: " + all.setns());
            assertTrue(!all.log().contains("serving only nlagent's own"), all.log());
        }
    }

    private static String served(SnmpdMaster m) {
        String line = m.v2c("snmpget", NETNS_SERVED).stdout().trim();
        int at = line.indexOf(" = ");
        return at < 0 ? "no answer: " + line : line.substring(at + 3);
    }

    /** Walks {@code oid} through snmpd until the answer names {@code expected}; the walk's output. */
    private static String awaitWalk(SnmpdMaster m, Agent agent, String oid, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String walk = "";
        while (System.nanoTime() < deadline) {
            walk = m.v2c("snmpwalk", oid).stdout();
            if (walk.contains("\"" + expected + "\"")) {
                return walk;
            }
            assertTrue(agent.process.isAlive(), "nlagent exited: " + agent.log());
            Thread.sleep(250);
        }
        throw new AssertionError("no " + expected + " in " + oid + " through snmpd: " + walk + agent.log());
    }

    /** nlagent as an AgentX-only subagent of {@code m}, in its own JVM under {@code strace -e setns}. */
    private Agent start(SnmpdMaster m, TestNamespaces ns, String contexts, Cleanup cleanup) throws Exception {
        Path dir = tmp.resolve("contexts-" + contexts);
        Files.createDirectories(dir);
        Path conf = dir.resolve("nlagent.conf");
        Files.writeString(conf, AgentConfig.embeddedText()
                .replace("netnsNamePattern *", "netnsNamePattern " + ns.prefix() + "*")
                .replace("probeEnabled yes", "probeEnabled no")
                .replace("sampleIntervalSeconds 10", "sampleIntervalSeconds 1")
                .replace("agentxContexts no", "agentxContexts " + contexts));
        Path trace = dir.resolve("strace.out");
        Path log = dir.resolve("nlagent.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=setns", "-o", trace.toString(),
                javaBin, "-cp", System.getProperty("java.class.path"), "nlagent.cli.Main", "run",
                "--config", conf.toString(), "--agentx=unix:" + m.socket, "--no-standalone")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Agent a = new Agent(p, trace, log);
        cleanup.add(a::stop);
        return a;
    }

    private record Agent(Process process, Path trace, Path logFile) {
        /** Stops the JVM (SIGTERM to it, not to strace, which would leave it running) and waits for strace. */
        void stop() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroy);
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }

        /** The setns calls strace saw (complete once stopped). */
        List<String> setns() throws java.io.IOException {
            return Files.readAllLines(trace).stream().filter(l -> l.contains("setns(")).toList();
        }

        String log() throws java.io.IOException {
            return Files.readString(logFile);
        }
    }
}
