package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigFile;
import nlagent.mib.MibValue;
import nlagent.mib.Notification;
import nlagent.mib.Oid;
import nlagent.mib.VarBind;
import nlagent.mib.netns.Uptime;
import nlagent.testing.Preconditions;
import nlagent.time.Ticker;

/** Traps and informs arrive at net-snmp's snmptrapd with sysUpTime.0, snmpTrapOID.0 and the payload. */
class TrapNotificationSinkTest {

    @Test
    void trapAndInformReachSnmptrapd() throws Exception {
        Preconditions.assumeCommands("snmptrapd");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path dir = Files.createTempDirectory("nlagent-trap");
        Files.writeString(dir.resolve("snmptrapd.conf"), "disableAuthorization yes\n");
        Path log = dir.resolve("traps.log");
        Process trapd = new ProcessBuilder("snmptrapd", "-f", "-C", "-c", dir.resolve("snmptrapd.conf").toString(),
                "-m", "", "-On", "-Lf", log.toString(), "udp:127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out").toFile()).start();
        try {
            StandaloneConfig c = new StandaloneConfig();
            ConfigFile.apply("t.conf", "trap2sink 127.0.0.1:" + port + " public\ninformsink 127.0.0.1:" + port + " public\n", List.of(c));
            waitForLog(log, "NET-SNMP version", 5000);
            try (TrapNotificationSink sink = new TrapNotificationSink(c.notificationTargets(), Uptime.startingNow(Ticker.system()))) {
                sink.send(new Notification(Oid.parse("1.3.6.1.4.1.99999.0.1"),
                        List.of(new VarBind(Oid.parse("1.3.6.1.4.1.99999.1.1.0"), MibValue.string("dcache hot")))));
                String text = waitForLog(log, "dcache hot", 5000);
                String[] hits = text.split("dcache hot", -1);
                long deadline = System.currentTimeMillis() + 5000;
                while (hits.length < 3 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                    hits = Files.readString(log).split("dcache hot", -1);
                }
                assertEquals(3, hits.length, "one trap and one inform: " + Files.readString(log));
                assertTrue(text.contains(".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.4.1.99999.0.1"), text);
                assertTrue(text.contains(".1.3.6.1.2.1.1.3.0 = Timeticks"), text);
            }
        } finally {
            trapd.destroy();
            trapd.waitFor();
        }
    }

    @Test
    void v3AuthPrivTrapAndInformReachSnmptrapd() throws Exception {
        Preconditions.assumeCommands("snmptrapd");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        byte[] engineId = StandaloneAgent.defaultEngineId();
        Path dir = Files.createTempDirectory("nlagent-trap3");
        // traps come from our engine (-e ours); informs go to snmptrapd's own engine (plain createUser)
        Files.writeString(dir.resolve("snmptrapd.conf"), "disableAuthorization yes\n"
                + "createUser -e 0x" + StandaloneAgent.hex(engineId) + " nlt3 SHA-256 trapauth12 AES trappriv12\n"
                + "createUser nlt3 SHA-256 trapauth12 AES trappriv12\n");
        Path log = dir.resolve("traps.log");
        ProcessBuilder pb = new ProcessBuilder("snmptrapd", "-f", "-C", "-c", dir.resolve("snmptrapd.conf").toString(),
                "-m", "", "-On", "-Lf", log.toString(), "udp:127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out").toFile());
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        Process trapd = pb.start();
        try {
            StandaloneConfig c = new StandaloneConfig();
            String auth = "-u nlt3 -l authPriv -a SHA-256 -A trapauth12 -x AES -X trappriv12 127.0.0.1:" + port;
            ConfigFile.apply("t.conf", "trapsess -v 3 " + auth + "\ntrapsess -Ci -v 3 " + auth + "\n", List.of(c));
            assertEquals("[trap v3 user nlt3 PRIV to 127.0.0.1:" + port + ", inform v3 user nlt3 PRIV to 127.0.0.1:" + port + "]",
                    c.notificationTargets().toString(), "no passphrase in the text");
            waitForLog(log, "NET-SNMP version", 5000);
            try (TrapNotificationSink sink = new TrapNotificationSink(c.notificationTargets(), Uptime.startingNow(Ticker.system()),
                    engineId)) {
                sink.send(new Notification(Oid.parse("1.3.6.1.4.1.99999.0.1"),
                        List.of(new VarBind(Oid.parse("1.3.6.1.4.1.99999.1.1.0"), MibValue.string("v3 hot")))));
                waitForLog(log, "v3 hot", 5000);
                long deadline = System.currentTimeMillis() + 8000;
                String text = Files.readString(log);
                while (text.split("v3 hot", -1).length < 3 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                    text = Files.readString(log);
                }
                assertEquals(3, text.split("v3 hot", -1).length, "one v3 trap and one v3 inform: " + text);
                assertTrue(text.contains(".1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.4.1.99999.0.1"), text);
            }
        } finally {
            trapd.destroy();
            trapd.waitFor();
        }
    }

    @Test
    void trapsessErrorsNameTheLine() {
        for (String[] bad : new String[][] {
            {"trapsess -v 1 -c public 127.0.0.1", "-v must be 2c or 3"},
            {"trapsess -v 3 -u u -l authPriv -a SHA-256 -A authpass12 127.0.0.1", "-l authPriv needs -x PRIV -X PRIVPASS"},
            {"trapsess -v 3 -u u -l noAuthNoPriv 127.0.0.1", "would send health data unauthenticated"},
            {"trapsess -v 3 -u u -l authNoPriv -a SHA-256 -A short 127.0.0.1", "shorter than 8 characters"},
            {"trapsess -v 3 -u u -Z x 127.0.0.1", "unknown or unsupported option '-Z'"}}) {
            nlagent.config.ConfigException e = assertThrows(nlagent.config.ConfigException.class,
                    () -> ConfigFile.apply("t.conf", bad[0], List.of(new StandaloneConfig())));
            assertTrue(e.getMessage().startsWith("t.conf:1: trapsess: ") && e.getMessage().contains(bad[1]), e.getMessage());
        }
    }

    private static String waitForLog(Path log, String needle, long ms) throws Exception {
        long deadline = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log)) {
                String s = Files.readString(log);
                if (s.contains(needle)) {
                    return s;
                }
            }
            Thread.sleep(100);
        }
        fail("'" + needle + "' not in snmptrapd log: " + (Files.exists(log) ? Files.readString(log) : "(none)"));
        return null;
    }
}
