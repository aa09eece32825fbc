package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import nlagent.mib.Oid;
import nlagent.mib.TestMibProvider;
import nlagent.mib.VarBind;
import nlagent.testing.Cleanup;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.TestScheduler;
import nlagent.time.Ticker;

/**
 * The subagent under Debian's real snmpd as AgentX master, queried with net-snmp's own clients
 * (agentx-notes section 6). Each test starts its own snmpd on a temp socket and a free loopback
 * port and stops it by PID.
 */
class AgentxSnmpdTest {
    @RegisterExtension
    static final TestScheduler scheduler = new TestScheduler("agentx-test", 2);

    @TempDir
    Path tmp;

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @BeforeAll
    static void tools() {
        Preconditions.assumeCommands("snmpd", "snmpget", "snmpwalk", "snmpbulkwalk", "snmpset", "snmpgetnext");
    }

    private SnmpdMaster snmpd(boolean tcp) throws Exception {
        SnmpdMaster m = new SnmpdMaster(tmp.resolve("m"), tcp, "", List.of());
        cleanup.add(m);
        return m;
    }

    private AgentxSubagent subagent(String master, TestMibProvider provider, long retryMinMs) {
        return subagent(master, provider, retryMinMs, false);
    }

    /** {@code contexts}: agentxContexts yes (namespace contexts registered with snmpd; off by default). */
    private AgentxSubagent subagent(String master, TestMibProvider provider, long retryMinMs, boolean contexts) {
        AgentxConfig c = new AgentxConfig();
        c.setMaster(master);
        c.setContexts(contexts);
        c.setRetryMs(retryMinMs, Math.max(retryMinMs, 2_000));
        AgentxSubagent s = AgentxSubagent.start(c, provider, Ticker.system(), scheduler.get());
        cleanup.add(s);
        return s;
    }

    private static List<String> lines(Processes.Result r) {
        assertEquals(0, r.exitCode(), r.stderr() + r.stdout());
        List<String> out = new ArrayList<>();
        for (String l : r.stdout().split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    private static Oid oidOf(String line) {
        return Oid.parse(line.substring(0, line.indexOf(" = ")));
    }

    private static void assertWalk(List<VarBind> expected, List<String> got) {
        assertEquals(expected.size(), got.size(), "walk length");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).oid(), oidOf(got.get(i)), "line " + i);
            if (i > 0) {
                assertTrue(oidOf(got.get(i - 1)).compareTo(oidOf(got.get(i))) < 0, "strictly increasing at " + i);
            }
        }
    }

    @Test
    void getTypesWalksBoundariesBulkAndSet() throws Exception {
        SnmpdMaster m = snmpd(false).start();
        TestMibProvider p = new TestMibProvider(TestViews.view(-5));
        AgentxSubagent s = subagent("unix:" + m.socket, p, 1_000);
        assertTrue(s.awaitActive(5_000), "session active");

        // every type, padding lengths, Counter64 > 2^32, 60 KB string
        String pen = "." + TestViews.PEN;
        List<String> got = lines(m.v2c("snmpget", pen + ".1.0", pen + ".2.0", pen + ".3.0", pen + ".4.0", pen + ".5.0",
                pen + ".6.0", pen + ".7.0", pen + ".8.0", pen + ".9.0", pen + ".10.0", pen + ".11.0"));
        assertEquals(List.of(pen + ".1.0 = INTEGER: -5", pen + ".2.0 = \"\"", pen + ".3.0 = STRING: \"abc\"",
                pen + ".4.0 = STRING: \"abcd\"", pen + ".5.0 = STRING: \"abcde\"", pen + ".6.0 = IpAddress: 10.0.200.1",
                pen + ".7.0 = OID: .1.3.6.1.2.1.2.2.1.1", pen + ".8.0 = Counter32: 4294967294",
                pen + ".9.0 = Gauge32: 4000000000", pen + ".10.0 = Timeticks: (123456) 0:20:34.56",
                pen + ".11.0 = Counter64: " + TestViews.C64), got);
        String big = lines(m.v2c("snmpget", pen + ".12.0")).get(0);
        assertEquals(pen + ".12.0 = STRING: \"" + new String(TestViews.bigString(), java.nio.charset.StandardCharsets.US_ASCII) + "\"", big);

        // existing, missing instance, missing object, mixed with snmpd's own sysName
        got = lines(m.v2c("snmpget", ".1.3.6.1.2.1.1.5.0", pen + ".20.1.3.2000", pen + ".1.7", pen + ".30.0", pen + ".20.1.2.2001"));
        assertEquals(List.of(".1.3.6.1.2.1.1.5.0 = STRING: \"nlagent-test\"",
                pen + ".20.1.3.2000 = Counter64: " + Long.toUnsignedString(TestViews.C64 * 2000),
                pen + ".1.7 = No Such Instance currently exists at this OID",
                pen + ".30.0 = No Such Object available on this agent at this OID",
                pen + ".20.1.2.2001 = No Such Instance currently exists at this OID"), got);

        // full walk of our subtree (GETNEXT), then across both boundaries
        assertWalk(TestViews.bindings(-5), lines(m.v2c("snmpwalk", pen)));
        assertEquals(pen + ".1.0 = INTEGER: -5", lines(m.v2c("snmpgetnext", ".1.3.6.1.4.1.99998")).get(0));
        String after = lines(m.v2c("snmpgetnext", pen + ".21.1.2." + TestViews.SMALL_ROWS)).get(0);
        assertTrue(after.startsWith(".1.3.6.1.6.3."), "next after our last OID is snmpd's own: " + after);
        List<String> enterprises = lines(m.v2c("snmpwalk", ".1.3.6.1.4.1"));
        // snmpd's own enterprise objects (UCD, NET-SNMP) first, then all of ours, in order
        assertTrue(oidOf(enterprises.get(0)).compareTo(TestViews.PEN) < 0, enterprises.get(0));
        List<VarBind> ours = TestViews.bindings(-5);
        assertWalk(ours, enterprises.subList(enterprises.size() - ours.size(), enterprises.size()));
        assertTrue(oidOf(enterprises.get(enterprises.size() - ours.size() - 1)).compareTo(TestViews.PEN) < 0);

        // GETBULK: net-snmp turns each repetition into an AgentX GetNext
        List<VarBind> table = TestViews.bindings(-5).stream().filter(v -> v.oid().startsWith(TestViews.BIG_TABLE)).toList();
        assertWalk(table, lines(m.v2c("snmpbulkwalk", "-Cr50", "." + TestViews.BIG_TABLE)));

        // SET refused with notWritable on the right varbind; the session survives
        Processes.Result set = m.client("snmpset", List.of("-v2c", "-c", "private"), pen + ".1.0", "i", "5");
        assertTrue(set.stderr().contains("notWritable") && set.stderr().contains(pen + ".1.0"), set.stderr() + set.stdout());
        assertEquals(pen + ".1.0 = INTEGER: -5", lines(m.v2c("snmpget", pen + ".1.0")).get(0));
        assertEquals(1, s.sessionsOpened(), "no reconnect after SET");

        // split regions: another session registers one instance in the middle of our table (more
        // specific OID wins); the walk stays complete and ordered, each [start, end) respected
        Oid middle = TestViews.BIG_TABLE.append(2, 1000);
        nlagent.mib.SortedMibView other = nlagent.mib.SortedMibView.builder().subtree(middle)
                .add(middle, nlagent.mib.MibValue.string("other")).build();
        AgentxSubagent s2 = subagent("unix:" + m.socket, new TestMibProvider(other), 1_000);
        assertTrue(s2.awaitActive(5_000));
        List<String> split = lines(m.v2c("snmpwalk", pen));
        assertWalk(TestViews.bindings(-5), split);
        assertTrue(split.contains("." + middle + " = STRING: \"other\""));
        assertTrue(split.contains("." + middle.nextSibling() + " = STRING: \"row-1001\""));
        assertWalk(table, lines(m.v2c("snmpbulkwalk", "-Cr50", "." + TestViews.BIG_TABLE)));

        // Close (reason shutdown): the master drops our registrations at once
        s.close();
        assertEquals(AgentxSubagent.State.CLOSED, s.state());
        assertEquals(pen + ".1.0 = No Such Object available on this agent at this OID", lines(m.v2c("snmpget", pen + ".1.0")).get(0));
        assertEquals("." + middle + " = STRING: \"other\"", lines(m.v2c("snmpget", "." + middle)).get(0));
    }

    @Test
    void namespaceContextsViaV3AndCommunity() throws Exception {
        SnmpdMaster m = snmpd(false).start();
        TestMibProvider p = new TestMibProvider(TestViews.view(1));
        p.put("nsA", TestViews.view(2));
        AgentxSubagent s = subagent("unix:" + m.socket, p, 1_000, true);
        assertTrue(s.awaitActive(5_000));
        String oid = "." + TestViews.PEN + ".1.0";
        List<String> v3 = List.of("-v3", "-l", "authPriv", "-u", "u1", "-a", "SHA", "-A", "u1password", "-x", "AES", "-X", "u1password");
        assertEquals(oid + " = INTEGER: 1", lines(m.v2c("snmpget", oid)).get(0));
        List<String> withCtx = new ArrayList<>(v3);
        withCtx.addAll(List.of("-n", "nsA"));
        assertEquals(oid + " = INTEGER: 2", lines(m.client("snmpget", withCtx, oid)).get(0));
        assertEquals(oid + " = INTEGER: 2", lines(m.client("snmpget", List.of("-v2c", "-c", "nsacomm"), oid)).get(0));

        // a context appearing later is registered on the live session; a vanished one is withdrawn
        p.put("nsB", TestViews.view(3));
        List<String> ctxB = new ArrayList<>(v3);
        ctxB.addAll(List.of("-n", "nsB"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        String line = "";
        while (System.nanoTime() < deadline) {
            Processes.Result r = m.client("snmpget", ctxB, oid);
            line = r.stdout().trim();
            if (line.equals(oid + " = INTEGER: 3")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(oid + " = INTEGER: 3", line);
        p.remove("nsA");
        deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            line = m.client("snmpget", List.of("-v2c", "-c", "nsacomm"), oid).stdout().trim();
            if (line.contains("No Such Object")) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(line.contains("No Such Object"), line);
        assertEquals(1, s.sessionsOpened());
    }

    @Test
    void masterRestartedTwentyTimes() throws Exception {
        SnmpdMaster m = snmpd(false).start();
        TestMibProvider p = new TestMibProvider(TestViews.view(7));
        AgentxSubagent s = subagent("unix:" + m.socket, p, 1_000);
        assertTrue(s.awaitActive(5_000));
        String oid = "." + TestViews.PEN + ".1.0";
        for (int i = 1; i <= 20; i++) {
            m.stop();
            m.start();
            long t0 = System.nanoTime();
            String line = "";
            while (System.nanoTime() - t0 < 5_000_000_000L) {
                line = Processes.run(10, "snmpget", "-On", "-v2c", "-c", "public", "-t", "0.5", "-r", "0", m.agent(), oid)
                        .stdout().trim();
                if (line.equals(oid + " = INTEGER: 7")) {
                    break;
                }
                Thread.sleep(50);
            }
            assertEquals(oid + " = INTEGER: 7", line, "serving again within 5 s after restart " + i);
        }
        assertEquals(21, s.sessionsOpened());
    }

    @Test
    void masterAbsentAtStartThenTcpTransport() throws Exception {
        SnmpdMaster m = snmpd(true);
        TestMibProvider p = new TestMibProvider(TestViews.view(9));
        AgentxSubagent s = subagent("tcp:127.0.0.1:" + m.tcpPort, p, 1_000);
        Thread.sleep(1_500); // a few refused attempts, logged once
        assertEquals(AgentxSubagent.State.CONNECTING, s.state());
        assertTrue(s.connectAttempts() >= 2, "retried while the master was absent: " + s.connectAttempts());
        m.start();
        assertTrue(s.awaitActive(5_000), "connects within the back-off once the master is there");
        String oid = "." + TestViews.PEN + ".1.0";
        assertEquals(oid + " = INTEGER: 9", lines(m.v2c("snmpget", oid)).get(0));
        // unix socket that does not exist yet: same story
        AgentxSubagent u = subagent("unix:" + tmp.resolve("nosuch/master"), p, 1_000);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (u.connectAttempts() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(u.connectAttempts() >= 2, "retried while the socket was missing: " + u.connectAttempts());
        assertEquals(AgentxSubagent.State.CONNECTING, u.state());
    }

    @Test
    void twentyParallelWalks() throws Exception {
        SnmpdMaster m = snmpd(false).start();
        TestMibProvider p = new TestMibProvider(TestViews.view(4));
        AgentxSubagent s = subagent("unix:" + m.socket, p, 1_000);
        assertTrue(s.awaitActive(5_000));
        List<VarBind> expected = TestViews.bindings(4).stream().filter(v -> v.oid().startsWith(TestViews.SMALL_TABLE)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<List<String>>> walks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String tool = i % 2 == 0 ? "snmpwalk" : "snmpbulkwalk";
                walks.add(pool.submit(() -> lines(m.v2c(tool, "." + TestViews.SMALL_TABLE))));
            }
            for (Future<List<String>> w : walks) {
                List<String> got = w.get();
                assertWalk(expected, got);
                for (int i = 0; i < expected.size(); i++) {
                    String want = expected.get(i).value().type() == nlagent.mib.MibValue.Type.INTEGER32
                            ? "INTEGER: " + expected.get(i).value().number()
                            : "STRING: \"r" + (i - TestViews.SMALL_ROWS + 1) + "\"";
                    assertTrue(got.get(i).endsWith(" = " + want), got.get(i) + " vs " + want);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, s.sessionsOpened());
    }

    @Test
    void notificationReachesTrapReceiverThroughMaster() throws Exception {
        Preconditions.assumeCommands("snmptrapd");
        int trapPort;
        try (java.net.DatagramSocket d = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            trapPort = d.getLocalPort();
        }
        Path trapConf = tmp.resolve("snmptrapd.conf");
        java.nio.file.Files.writeString(trapConf, "disableAuthorization yes\n");
        Path trapLog = tmp.resolve("traps.log");
        ProcessBuilder pb = new ProcessBuilder("snmptrapd", "-f", "-On", "-Lf", trapLog.toString(), "-C", "-c", trapConf.toString(),
                "udp:127.0.0.1:" + trapPort).redirectErrorStream(true).redirectOutput(tmp.resolve("snmptrapd.out").toFile());
        pb.environment().put("MIBS", "");
        Process trapd = pb.start();
        cleanup.add(() -> {
            trapd.destroy();
            trapd.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        });
        SnmpdMaster m = new SnmpdMaster(tmp.resolve("m"), false, "trap2sink 127.0.0.1:" + trapPort + " public\n", List.of());
        cleanup.add(m);
        m.start();
        AgentxSubagent s = subagent("unix:" + m.socket, new TestMibProvider(TestViews.view(1)), 1_000);
        assertTrue(s.awaitActive(5_000));
        Oid trapOid = TestViews.PEN.append(0, 7);
        Payload.Response r = s.notify(new nlagent.mib.Notification(trapOid,
                List.of(new VarBind(TestViews.PEN.append(1, 0), nlagent.mib.MibValue.integer(42))))).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, r.error());
        long deadline = System.nanoTime() + 5_000_000_000L;
        String log = "";
        while (System.nanoTime() < deadline) {
            log = java.nio.file.Files.exists(trapLog) ? java.nio.file.Files.readString(trapLog) : "";
            if (log.contains("." + trapOid) && log.contains("." + TestViews.PEN + ".1.0 = INTEGER: 42")) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(log.contains(".1.3.6.1.6.3.1.1.4.1.0 = OID: ." + trapOid), log);
        assertTrue(log.contains("." + TestViews.PEN + ".1.0 = INTEGER: 42"), log);
    }
}
