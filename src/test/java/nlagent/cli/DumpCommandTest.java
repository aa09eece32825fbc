package nlagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;

/** {@code nlagent dump}: the table for a named namespace, and clear errors for bad input. */
class DumpCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int rc = Main.commandLine().execute(args);
            return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void printsTheTableOfANamedNamespace() throws Exception {
        Preconditions.assumeRoot();
        try (TestNamespaces ns = new TestNamespaces("kd")) {
            String a = ns.addNamespace("a");
            ns.addVeth(ns.linkName("h"), a, "eth0");
            ns.sysctl(a, "net.ipv6.neigh.eth0.retrans_time_ms", "1234");
            ns.sysctl(a, "net.ipv6.conf.eth0.forwarding", "1");
            ns.sysctl(a, "net.ipv4.neigh.eth0.retrans_time_ms", "1500");
            ns.sysctl(a, "net.ipv6.neigh.eth0.base_reachable_time_ms", "45678");
            // jiffies: compare with the kernel's own read-back
            String v4Retrans = ns.exec(a, "cat", "/proc/sys/net/ipv4/neigh/eth0/retrans_time_ms").trim();
            String v6Base = ns.exec(a, "cat", "/proc/sys/net/ipv6/neigh/eth0/base_reachable_time_ms").trim();
            Run r = run("dump", "--netns", a);
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("namespace '" + a + "'"), r.out());
            assertTrue(r.out().contains("V6BASEREACH_MS"), r.out());
            String eth0 = r.out().lines().filter(l -> l.contains(" eth0 ")).findFirst().orElseThrow();
            // ifindex name mtu oper v4fwd v6fwd v4retrans v6retrans v6base ipv6
            String[] f = eth0.trim().split("\\s+");
            assertEquals("eth0", f[1]);
            assertEquals("1500", f[2]);
            assertEquals("0", f[4]);
            assertEquals("1", f[5]);
            assertEquals(v4Retrans, f[6], "the ARP times of a namespace read once, as a frontend reads it");
            assertEquals("1236", f[7]);
            assertEquals(v6Base, f[8]);
            assertEquals("enabled", f[9]);
        }
    }

    @Test
    void unknownNamespaceAndBadConfigAreClearErrors() throws Exception {
        Run r = run("dump", "--netns", "no-such-namespace-here");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("no namespace named 'no-such-namespace-here'"), r.err());

        Path bad = Files.createTempFile("nlagent", ".conf");
        try {
            Files.writeString(bad, "refreshIntervalMs soon\n");
            Run c = run("dump", "--config", bad.toString());
            assertEquals(2, c.exitCode());
            assertTrue(c.err().contains(bad + ":1: refreshIntervalMs"), c.err());
        } finally {
            Files.deleteIfExists(bad);
        }
    }
}
