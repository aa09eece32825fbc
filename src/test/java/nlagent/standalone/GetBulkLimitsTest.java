package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.mib.TestSnapshots;
import nlagent.model.InterfaceSnapshot;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/** GETBULK is bounded like snmpd bounds it: no amplified answer to a tiny request, over v2c and v3. */
class GetBulkLimitsTest {
    /** issue 12's reproduction: v2c GETBULK, community public, non-repeaters 0, max-repetitions 2147483647, OID 1.3. */
    private static final byte[] AMPLIFIER = HexFormat.of().parseHex(
            "302202010104067075626c6963a51502010102010002047fffffff3007300506012b0500");

    private static AgentFixture agent(String extra) throws Exception {
        AgentFixture f = new AgentFixture("rocommunity public 127.0.0.1\ncreateUser u SHA-256 authpass1 AES privpass1\n"
                + "rouser u priv\n" + extra);
        List<InterfaceSnapshot> ifs = new ArrayList<>();
        ifs.add(TestSnapshots.loopback());
        for (int i = 2; i < 300; i++) {
            ifs.add(TestSnapshots.veth(i, "veth-with-a-long-name-" + i, 10_000, true));
        }
        f.source.put(TestSnapshots.snapshot("", 1, ifs));
        return f;
    }

    private static long varbinds(Processes.Result r) {
        return r.stdout().lines().filter(l -> l.startsWith(".1.3")).count();
    }

    @Test
    void tinyRequestGetsNoAmplifiedAnswer() throws Exception {
        Preconditions.assumeCommands("snmpbulkget");
        try (AgentFixture f = agent("")) {
            assertEquals(36, AMPLIFIER.length);
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(3000);
                s.send(new DatagramPacket(AMPLIFIER, AMPLIFIER.length, InetAddress.getLoopbackAddress(), f.port));
                DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
                s.receive(p);
                // 100 varbinds of this view: ~4 KB, as snmpd's ~3.8 KB (uncapped: 65,498 bytes)
                assertTrue(p.getLength() < 8_000, "answer of " + p.getLength() + " bytes to a 36-byte request");
            }
            Processes.Result r = f.snmp("snmpbulkget", "-v2c", "-c", "public", "-Cr2147483647", f.target(), "1.3");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(StandaloneConfig.DEFAULT_MAX_GETBULK, varbinds(r), r.stdout());
        }
    }

    @Test
    void capsAreConfigurableAndHoldOverV3() throws Exception {
        Preconditions.assumeCommands("snmpbulkget");
        try (AgentFixture f = agent("maxGetbulkRepeats 7\nmaxGetbulkResponses 10\n")) {
            // one repeater: the repeat cap (7) binds
            assertEquals(7, varbinds(f.snmp("snmpbulkget", "-v2c", "-c", "public", "-Cr50", f.target(), "1.3.6.1.2.1.2.2")));
            // three repeaters: 10 / 3 = 3 repetitions; the non-repeater comes on top
            assertEquals(1 + 3 * 3, varbinds(f.snmp("snmpbulkget", "-v2c", "-c", "public", "-Cn1", "-Cr50", f.target(),
                    "1.3.6.1.2.1.1", "1.3.6.1.2.1.2.2.1.1", "1.3.6.1.2.1.2.2.1.2", "1.3.6.1.2.1.2.2.1.3")));
            // more repeaters than the response cap: no repetition at all, as snmpd
            List<String> many = new ArrayList<>(List.of("snmpbulkget", "-m", "", "-On", "-t", "2", "-r", "1", "-v2c", "-c",
                    "public", "-Cr50", f.target()));
            for (int i = 1; i <= 11; i++) {
                many.add("1.3.6.1.2.1.2.2.1." + i);
            }
            Processes.Result none = Processes.run(60, many);
            assertEquals(0, none.exitCode(), none.stderr());
            assertEquals(0, varbinds(none), none.stdout());
            // the same caps over SNMPv3
            Processes.Result v3 = f.snmp("snmpbulkget", "-v3", "-l", "authPriv", "-u", "u", "-a", "SHA-256", "-A", "authpass1",
                    "-x", "AES", "-X", "privpass1", "-Cr2147483647", f.target(), "1.3");
            assertEquals(0, v3.exitCode(), v3.stderr());
            assertEquals(7, varbinds(v3), v3.stdout());
            // and a walk still completes, in more, smaller pieces
            Processes.Result walk = f.snmp("snmpbulkwalk", "-v2c", "-c", "public", "-Cr50", f.target(), "1.3.6.1.2.1.2.2.1.2");
            assertEquals(299, varbinds(walk), walk.stderr());
        }
    }

    @Test
    void capsOutOfRangeAreRefused() {
        for (String bad : List.of("maxGetbulkRepeats 0", "maxGetbulkResponses -1", "maxGetbulkResponses 65536")) {
            nlagent.config.ConfigException e = assertThrows(nlagent.config.ConfigException.class,
                    () -> nlagent.config.ConfigFile.apply("t.conf", bad, List.of(new StandaloneConfig())));
            assertTrue(e.getMessage().startsWith("t.conf:1: " + bad.split(" ")[0] + ": "), e.getMessage());
        }
    }
}
