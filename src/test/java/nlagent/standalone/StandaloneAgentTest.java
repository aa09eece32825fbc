package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nlagent.mib.TestSnapshots;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/** The standalone agent against net-snmp's command-line tools, over hand-built snapshots. */
class StandaloneAgentTest {
    private static AgentFixture f;

    @BeforeAll
    static void start() throws Exception {
        Preconditions.assumeCommands("snmpget", "snmpwalk", "snmpbulkwalk", "snmpset");
        f = new AgentFixture(String.join("\n",
                "rocommunity public 127.0.0.1",
                "rocommunity ns 127.0.0.1 *",
                "rocommunity other 10.0.0.0/8",
                "createUser alice SHA-256 alicepass1 AES alicepriv1",
                "createUser bob SHA-256 bobpass12",
                "rouser alice priv",
                "rouser bob auth",
                "sysName testhost"));
        f.source.put(TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback(),
                TestSnapshots.veth(5, "veth0", 10_000, true))));
        f.source.put(TestSnapshots.snapshot("ns1", 1, List.of(TestSnapshots.loopback(),
                TestSnapshots.veth(9, "eth0", 10_000, true), TestSnapshots.veth(11, "eth1", -1, false))));
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void v2cGetAndWalk() {
        Processes.Result r = f.snmp("snmpget", "-v2c", "-c", "public", f.target(), "1.3.6.1.2.1.2.1.0", "1.3.6.1.2.1.1.5.0",
                "1.3.6.1.2.1.31.1.1.1.6.5");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains(".1.3.6.1.2.1.2.1.0 = INTEGER: 2"), r.stdout());
        assertTrue(r.stdout().contains("STRING: \"testhost\""), r.stdout());
        assertTrue(r.stdout().contains("Counter64: 10000"), r.stdout());
        String walk = f.snmp("snmpwalk", "-v2c", "-c", "public", f.target(), "1.3.6.1.2.1.2.2.1.2").stdout();
        assertEquals(".1.3.6.1.2.1.2.2.1.2.1 = STRING: \"lo\"\n.1.3.6.1.2.1.2.2.1.2.5 = STRING: \"veth0\"\n", walk);
    }

    @Test
    void bulkWalkOfWholeIfMibMatchesPlainWalk() {
        String bulk = f.snmp("snmpbulkwalk", "-v2c", "-c", "public", "-Cr25", f.target(), "1.3.6.1.2.1.31").stdout();
        String walk = f.snmp("snmpwalk", "-v2c", "-c", "public", f.target(), "1.3.6.1.2.1.31").stdout();
        assertEquals(walk, bulk);
        assertEquals(2 * 19 + 1, bulk.split("\n").length, bulk);
    }

    @Test
    void communityWithWildcardContextSelectsNamespace() {
        String walk = f.snmp("snmpwalk", "-v2c", "-c", "ns@ns1", f.target(), "1.3.6.1.2.1.2.2.1.2").stdout();
        assertEquals(".1.3.6.1.2.1.2.2.1.2.1 = STRING: \"lo\"\n.1.3.6.1.2.1.2.2.1.2.9 = STRING: \"eth0\"\n"
                + ".1.3.6.1.2.1.2.2.1.2.11 = STRING: \"eth1\"\n", walk);
        assertTrue(f.snmp("snmpget", "-v2c", "-c", "ns", f.target(), "1.3.6.1.2.1.2.1.0").stdout().contains("INTEGER: 2"));
    }

    @Test
    void wrongCommunityUnknownContextAndForeignSourceGetNoAnswer() {
        assertNotEquals(0, f.snmp("snmpget", "-t", "1", "-r", "0", "-v2c", "-c", "nope", f.target(), "1.3.6.1.2.1.2.1.0").exitCode());
        assertNotEquals(0, f.snmp("snmpget", "-t", "1", "-r", "0", "-v2c", "-c", "ns@gone", f.target(), "1.3.6.1.2.1.2.1.0").exitCode());
        assertNotEquals(0, f.snmp("snmpget", "-t", "1", "-r", "0", "-v2c", "-c", "other", f.target(), "1.3.6.1.2.1.2.1.0").exitCode());
    }

    @Test
    void v3AuthPrivWithContext() {
        Processes.Result r = f.snmp("snmpwalk", "-v3", "-l", "authPriv", "-u", "alice", "-a", "SHA-256", "-A", "alicepass1",
                "-x", "AES", "-X", "alicepriv1", "-n", "ns1", f.target(), "1.3.6.1.2.1.31.1.1.1.1");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(".1.3.6.1.2.1.31.1.1.1.1.1 = STRING: \"lo\"\n.1.3.6.1.2.1.31.1.1.1.1.9 = STRING: \"eth0\"\n"
                + ".1.3.6.1.2.1.31.1.1.1.1.11 = STRING: \"eth1\"\n", r.stdout());
    }

    @Test
    void v3UnknownContextIsReported() {
        Processes.Result r = f.snmp("snmpget", "-v3", "-l", "authPriv", "-u", "alice", "-a", "SHA-256", "-A", "alicepass1",
                "-x", "AES", "-X", "alicepriv1", "-n", "nosuchns", f.target(), "1.3.6.1.2.1.2.1.0");
        assertNotEquals(0, r.exitCode());
        assertTrue((r.stdout() + r.stderr()).toLowerCase().contains("bad context"), r.stdout() + r.stderr());
    }

    @Test
    void v3WrongPasswordAndTooLowLevelAreRefused() {
        Processes.Result bad = f.snmp("snmpget", "-t", "1", "-r", "0", "-v3", "-l", "authPriv", "-u", "alice", "-a", "SHA-256", "-A", "wrongpass1",
                "-x", "AES", "-X", "alicepriv1", f.target(), "1.3.6.1.2.1.2.1.0");
        assertNotEquals(0, bad.exitCode());
        Processes.Result low = f.snmp("snmpget", "-v3", "-l", "authNoPriv", "-u", "alice", "-a", "SHA-256", "-A", "alicepass1",
                f.target(), "1.3.6.1.2.1.2.1.0");
        assertTrue((low.stdout() + low.stderr()).contains("authorizationError"), low.stdout() + low.stderr());
        Processes.Result ok = f.snmp("snmpget", "-v3", "-l", "authNoPriv", "-u", "bob", "-a", "SHA-256", "-A", "bobpass12",
                f.target(), "1.3.6.1.2.1.2.1.0");
        assertTrue(ok.stdout().contains("INTEGER: 2"), ok.stdout() + ok.stderr());
    }

    @Test
    void setIsRefused() {
        Processes.Result v2 = f.snmp("snmpset", "-v2c", "-c", "public", f.target(), "1.3.6.1.2.1.31.1.1.1.18.5", "s", "x");
        assertTrue(v2.stderr().contains("notWritable"), v2.stdout() + v2.stderr());
        Processes.Result v1 = f.snmp("snmpset", "-v1", "-c", "public", f.target(), "1.3.6.1.2.1.31.1.1.1.18.5", "s", "x");
        assertTrue(v1.stderr().contains("noSuchName"), v1.stdout() + v1.stderr());
    }

    @Test
    void v1SkipsCounter64AndReportsNoSuchName() {
        Processes.Result get = f.snmp("snmpget", "-v1", "-c", "public", f.target(), "1.3.6.1.2.1.31.1.1.1.6.5");
        assertTrue(get.stderr().contains("noSuchName"), get.stdout() + get.stderr());
        String next = f.snmp("snmpgetnext", "-v1", "-c", "public", f.target(), "1.3.6.1.2.1.31.1.1.1.5.5").stdout();
        assertTrue(next.startsWith(".1.3.6.1.2.1.31.1.1.1.14.1 ="), "Counter64 columns 6..13 skipped: " + next);
        String walk = f.snmp("snmpwalk", "-v1", "-c", "public", f.target(), "1.3.6.1.2.1.31.1.1").stdout();
        assertFalse(walk.contains("Counter64"), walk);
    }

    @Test
    void exceptionsAndEndOfMibView() {
        String r = f.snmp("snmpget", "-v2c", "-c", "public", f.target(), "1.3.6.1.2.1.2.2.1.2.99", "1.3.6.1.2.1.2.2.1.99.1").stdout();
        assertTrue(r.contains("No Such Instance"), r);
        assertTrue(r.contains("No Such Object"), r);
        String end = f.snmp("snmpgetnext", "-v2c", "-c", "public", f.target(), "1.3.6.1.6.3.15.1.1.6.0").stdout(); // usmStatsDecryptionErrors: the last object
        assertTrue(end.contains("No more variables left in this MIB View"), end);
    }

    @Test
    void largeBulkRequestIsTruncatedNotDropped() {
        Processes.Result r = f.snmp("snmpbulkget", "-v2c", "-c", "public", "-Cr60000", f.target(), "1.3.6.1.2.1.2");
        assertEquals(0, r.exitCode(), r.stderr());
        // capped at maxGetbulkResponses (default 100), as snmpd, instead of the whole view in one answer
        assertEquals(StandaloneConfig.DEFAULT_MAX_GETBULK, r.stdout().lines().count(), r.stdout());
    }
}
