package nlagent.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
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
 * {@code nlagent run} as operators start it, in its own JVM on the real data plane: the root
 * namespace and a test namespace (as a context) answer net-snmp's tools over v2c and v3 authPriv,
 * the log says what is served where, and SIGTERM stops it cleanly.
 */
class RunCommandTest {

    @Test
    void servesRootAndTestNamespaceThenStopsOnSigterm() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("snmpget", "snmpwalk", "ip");
        try (TestNamespaces ns = new TestNamespaces("run")) {
            String netns = ns.addNamespace("a");
            ns.addVeth(ns.linkName("h"), netns, "eth0");
            int port;
            try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Path dir = Files.createTempDirectory("nlagent-run");
            Path conf = dir.resolve("nlagent.conf");
            Files.writeString(conf, String.join("\n",
                    "netnsNamePattern " + ns.prefix() + "*",
                    "rocommunity public 127.0.0.1",
                    "rocommunity ctx 127.0.0.1 *",
                    "createUser ops SHA-256 opsauthpass AES opsprivpass",
                    "rouser ops priv",
                    "probeEnabled no", ""));
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xmx48m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "run", "--config", conf.toString(), "--listen", "udp:127.0.0.1:" + port));
            File log = dir.resolve("agent.log").toFile();
            Process agent = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
            try {
                String target = "127.0.0.1:" + port;
                waitFor(() -> Processes.run(10, "snmpget", "-m", "", "-On", "-v2c", "-c", "public", target,
                        "1.3.6.1.2.1.2.1.0").stdout(), "INTEGER");
                // the root namespace is shared with other tests: look for our own veth, not a count
                String rootDescr = Processes.run(60, "snmpwalk", "-m", "", "-On", "-v2c", "-c", "public", target,
                        "1.3.6.1.2.1.2.2.1.2").stdout();
                assertTrue(rootDescr.contains("STRING: \"" + ns.linkName("h") + "\""), rootDescr);

                String walk = Processes.run(30, "snmpwalk", "-m", "", "-On", "-v2c", "-c", "ctx@" + netns, target,
                        "1.3.6.1.2.1.31.1.1.1.1").stdout();
                assertTrue(walk.contains("STRING: \"eth0\"") && walk.contains("STRING: \"lo\""), walk);
                Processes.Result v3 = Processes.run(30, "snmpwalk", "-m", "", "-On", "-v3", "-l", "authPriv", "-u", "ops",
                        "-a", "SHA-256", "-A", "opsauthpass", "-x", "AES", "-X", "opsprivpass", "-n", netns, target,
                        "1.3.6.1.2.1.2.2.1.2");
                assertTrue(v3.stdout().contains("STRING: \"eth0\""), v3.stdout() + v3.stderr());
                String logText = Files.readString(log.toPath());
                assertTrue(logText.contains("listening on [/127.0.0.1:" + port + "]"), logText);
                // namespaces are opened after start: in the start-up summary, or in the periodic one-line summary of
                // contexts that came (never one INFO line per namespace)
                java.util.regex.Pattern named = java.util.regex.Pattern.compile(
                        "'" + netns + "'[^\n]* 2 interfaces|contexts: 1 added \\('" + netns + "'\\)");
                for (int i = 0; i < 40 && !named.matcher(logText).find(); i++) {
                    Thread.sleep(250);
                    logText = Files.readString(log.toPath());
                }
                assertTrue(named.matcher(logText).find(), logText);
                assertFalse(logText.contains("context '" + netns + "'"), "no per-namespace INFO line: " + logText);
            } finally {
                Processes.check("kill", "-TERM", String.valueOf(agent.pid()));
                assertTrue(agent.waitFor(15, TimeUnit.SECONDS), "agent stops on SIGTERM");
                if (agent.isAlive()) {
                    agent.destroyForcibly();
                }
            }
            assertTrue(Files.readString(log.toPath()).contains("nlagent: stopped"), Files.readString(log.toPath()));
        }
    }

    @Test
    void badConfigLineStopsWithFileLineAndKey() throws Exception {
        Path conf = Files.createTempFile("nlagent-bad", ".conf");
        Files.writeString(conf, "rocommunity public\n");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", conf.toString());
        Processes.Result r = Processes.run(60, cmd);
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains(conf + ":1: rocommunity: expected 2..3 argument(s)"), r.stderr());
    }

    private static String waitFor(java.util.function.Supplier<String> probe, String needle) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 60; i++) {
            last = probe.get();
            if (last.contains(needle)) {
                return last;
            }
            Thread.sleep(250);
        }
        fail("no answer containing '" + needle + "': " + last);
        return last;
    }
}
