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
