package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nlagent.mib.TestSnapshots;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/**
 * The standalone agent serves its own SNMP objects as snmpd does: SNMPv2-MIB snmp group,
 * SNMP-FRAMEWORK-MIB snmpEngine, SNMP-MPD-MIB and USM statistics, with counters that move.
 */
class AgentObjectsTest {
    private static AgentFixture f;

    @BeforeAll
    static void start() throws Exception {
        Preconditions.assumeCommands("snmpget", "snmpwalk");
        f = new AgentFixture("rocommunity public 127.0.0.1\nrocommunity ctx 127.0.0.1 *\nmaxMessageSize 1500\n"
                + "createUser alice SHA-256 alicepass1 AES alicepriv1\nrouser alice priv\n");
        f.source.put(TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback())));
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    private static long value(String oid) {
        Processes.Result r = f.snmp("snmpget", "-v2c", "-c", "public", f.target(), oid);
        Matcher m = Pattern.compile("= (?:Counter32|INTEGER): (\\d+)").matcher(r.stdout());
        assertTrue(m.find(), oid + ": " + r.stdout() + r.stderr());
        return Long.parseLong(m.group(1));
    }

    private static Processes.Result v3(String authPass, String user) {
        return f.snmp("snmpget", "-r", "0", "-v3", "-l", "authPriv", "-u", user, "-a", "SHA-256", "-A", authPass, "-x", "AES",
                "-X", user.equals("alice") && authPass.equals("alicepass1") ? "wrongpriv1" : "alicepriv1", f.target(),
                "1.3.6.1.2.1.1.3.0");
    }

    @Test
    void servesTheSnmpGroupEngineAndUsmStatsAsSnmpd() {
        String walk = f.snmp("snmpwalk", "-v2c", "-c", "public", f.target(), "1.3.6.1.2.1.11").stdout();
        List<String> names = walk.lines().map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertEquals(List.of(".1.3.6.1.2.1.11.1.0", ".1.3.6.1.2.1.11.3.0", ".1.3.6.1.2.1.11.4.0", ".1.3.6.1.2.1.11.5.0",
                ".1.3.6.1.2.1.11.6.0", ".1.3.6.1.2.1.11.30.0", ".1.3.6.1.2.1.11.31.0", ".1.3.6.1.2.1.11.32.0"), names, walk);
        assertTrue(walk.contains(".1.3.6.1.2.1.11.30.0 = INTEGER: 2"), "snmpEnableAuthenTraps disabled: " + walk);
        assertEquals(8, walk.lines().filter(l -> l.contains("Counter32") || l.contains("INTEGER")).count(), walk);

        String engine = f.snmp("snmpwalk", "-v2c", "-c", "public", f.target(), "1.3.6.1.6.3.10.2.1").stdout();
        String hex = StandaloneAgent.hex(f.agent.engineId()).toUpperCase().replaceAll("(..)", "$1 ").trim();
        assertTrue(engine.replace("\n", " ").replaceAll("\\s+", " ").contains(".1.3.6.1.6.3.10.2.1.1.0 = Hex-STRING: " + hex),
                engine + " vs " + hex);
        assertTrue(value("1.3.6.1.6.3.10.2.1.2.0") >= 1, "snmpEngineBoots");
        assertEquals(1500, value("1.3.6.1.6.3.10.2.1.4.0"), "snmpEngineMaxMessageSize = maxMessageSize");
        assertEquals(6, f.snmp("snmpwalk", "-v2c", "-c", "public", f.target(), "1.3.6.1.6.3.15.1.1").stdout().lines()
                .filter(l -> l.contains("Counter32")).count());
        assertEquals(3, f.snmp("snmpwalk", "-v2c", "-c", "public", f.target(), "1.3.6.1.6.3.11.2.1").stdout().lines()
                .filter(l -> l.contains("Counter32")).count());
    }

    @Test
    void engineTimeRuns() throws Exception {
        long t0 = value("1.3.6.1.6.3.10.2.1.3.0");
        Thread.sleep(2100);
        long t1 = value("1.3.6.1.6.3.10.2.1.3.0");
        assertTrue(t1 >= t0 + 2 && t1 <= t0 + 4, t0 + " then " + t1);
    }

    @Test
    void countersMove() throws Exception {
        long inPkts = value("1.3.6.1.2.1.11.1.0");
        assertTrue(value("1.3.6.1.2.1.11.1.0") > inPkts, "snmpInPkts counts every message");

        long badNames = value("1.3.6.1.2.1.11.4.0");
        f.snmp("snmpget", "-r", "0", "-t", "1", "-v2c", "-c", "wrong", f.target(), "1.3.6.1.2.1.1.3.0");
        assertEquals(badNames + 1, value("1.3.6.1.2.1.11.4.0"), "snmpInBadCommunityNames");

        long badUses = value("1.3.6.1.2.1.11.5.0");
        f.snmp("snmpget", "-r", "0", "-t", "1", "-v2c", "-c", "ctx@gone", f.target(), "1.3.6.1.2.1.1.3.0");
        assertEquals(badUses + 1, value("1.3.6.1.2.1.11.5.0"), "snmpInBadCommunityUses: a valid community for a vanished namespace");

        long parse = value("1.3.6.1.2.1.11.6.0");
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] junk = {0x30, 0x03, 0x02, 0x01};
            s.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), f.port));
        }
        Thread.sleep(200);
        assertTrue(value("1.3.6.1.2.1.11.6.0") > parse, "snmpInASNParseErrs");

        long digests = value("1.3.6.1.6.3.15.1.1.5.0");
        long users = value("1.3.6.1.6.3.15.1.1.3.0");
        long decrypt = value("1.3.6.1.6.3.15.1.1.6.0");
        v3("wrongpass1", "alice");
        v3("alicepass1", "mallory");
        v3("alicepass1", "alice"); // right auth, wrong priv
        assertEquals(digests + 1, value("1.3.6.1.6.3.15.1.1.5.0"), "usmStatsWrongDigests");
        assertEquals(users + 1, value("1.3.6.1.6.3.15.1.1.3.0"), "usmStatsUnknownUserNames");
        assertEquals(decrypt + 1, value("1.3.6.1.6.3.15.1.1.6.0"), "usmStatsDecryptionErrors");
    }
}
