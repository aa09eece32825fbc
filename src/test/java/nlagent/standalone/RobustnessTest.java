package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nlagent.mib.TestSnapshots;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/** Walks stay consistent while the namespace changes under them; garbage datagrams neither crash nor stall the agent. */
class RobustnessTest {
    private static AgentFixture f;

    @BeforeAll
    static void start() throws Exception {
        Preconditions.assumeCommands("snmpget", "snmpbulkwalk");
        f = new AgentFixture("rocommunity public 127.0.0.1\ncreateUser u SHA-256 authpass1 AES privpass1\nrouser u priv");
        f.source.put(snapshot(0));
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** Generation g: interfaces come and go (every third index toggles), so rows appear and vanish between requests. */
    private static NetnsSnapshot snapshot(int g) {
        List<InterfaceSnapshot> ifs = new ArrayList<>();
        ifs.add(TestSnapshots.loopback());
        for (int i = 2; i < 300; i++) {
            if (i % 3 != 0 || (g + i) % 2 == 0) {
                ifs.add(TestSnapshots.veth(i, "v" + i, 10_000, true));
            }
        }
        return TestSnapshots.snapshot("", g, ifs);
    }

    @Test
    void walksStayOrderedWhileInterfacesComeAndGo() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread churn = new Thread(() -> {
            int g = 1;
            while (!stop.get()) {
                f.source.put(snapshot(g++));
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "churn");
        churn.start();
        try {
            for (String cols : new String[] {"1.3.6.1.2.1.2.2", "1.3.6.1.2.1.31.1.1"}) {
                // snmpbulkwalk itself fails on a non-increasing OID ("OID not increasing")
                Processes.Result r = f.snmp("snmpbulkwalk", "-v2c", "-c", "public", "-Cr25", f.target(), cols);
                assertEquals(0, r.exitCode(), r.stderr());
                assertFalse(r.stderr().contains("not increasing"), r.stderr());
                String prev = null;
                for (String line : r.stdout().split("\n")) {
                    String oid = line.substring(0, line.indexOf(' '));
                    assertNotEquals(prev, oid, "duplicate " + oid);
                    prev = oid;
                }
                assertTrue(r.stdout().split("\n").length > 200 * 10, "walked the table");
            }
        } finally {
            stop.set(true);
            churn.join();
        }
    }

    @Test
    void malformedAndTruncatedPacketsAreIgnored() throws Exception {
        byte[] valid = validGetRequest();
        Random rnd = new Random(7);
        try (DatagramSocket s = new DatagramSocket()) {
            InetAddress lo = InetAddress.getLoopbackAddress();
            List<byte[]> bad = new ArrayList<>();
            for (int n = 0; n < valid.length; n++) {
                bad.add(java.util.Arrays.copyOf(valid, n)); // every truncation
            }
            for (int k = 0; k < 300; k++) {
                byte[] b = valid.clone();
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256); // bit rot
                bad.add(b);
                byte[] junk = new byte[rnd.nextInt(1500)];
                rnd.nextBytes(junk);
                bad.add(junk);
            }
            // BER lengths that claim far more than is there, and deep nesting
            bad.add(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x02, 0x01, 0x01});
            byte[] nest = new byte[2000];
            for (int i = 0; i < nest.length; i += 2) {
                nest[i] = 0x30;
                nest[i + 1] = (byte) 0x80;
            }
            bad.add(nest);
            // SNMPv3 header garbage
            bad.add(new byte[] {0x30, 0x10, 0x02, 0x01, 0x03, 0x30, 0x0b, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x04, 0x01, 0x04, 0x02, 0x01, 0x03});
            for (byte[] b : bad) {
                s.send(new DatagramPacket(b, b.length, lo, f.port));
            }
        }
        Processes.Result r = f.snmp("snmpget", "-v2c", "-c", "public", f.target(), "1.3.6.1.2.1.2.1.0");
        assertEquals(0, r.exitCode(), "agent still answers: " + r.stderr());
        Processes.Result v3 = f.snmp("snmpget", "-v3", "-l", "authPriv", "-u", "u", "-a", "SHA-256", "-A", "authpass1",
                "-x", "AES", "-X", "privpass1", f.target(), "1.3.6.1.2.1.2.1.0");
        assertEquals(0, v3.exitCode(), "v3 still works: " + v3.stderr());
    }

    /** A v2c GET of sysUpTime.0 (request-id 1234, community public), BER by hand. */
    private static byte[] validGetRequest() {
        int[] b = {0x30, 0x27, 0x02, 0x01, 0x01, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c',
            0xa0, 0x1a, 0x02, 0x02, 0x04, 0xd2, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00,
            0x30, 0x0e, 0x30, 0x0c, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x03, 0x00, 0x05, 0x00};
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void handEncodedRequestIsValid() throws Exception {
        byte[] req = validGetRequest();
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            s.send(new DatagramPacket(req, req.length, InetAddress.getLoopbackAddress(), f.port));
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            s.receive(p);
            assertEquals((byte) 0xa2, p.getData()[13], "a GetResponse PDU came back");
        }
    }
}
