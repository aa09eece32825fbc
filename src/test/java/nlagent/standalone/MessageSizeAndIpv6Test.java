package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigFile;
import nlagent.mib.MapSnapshotSource;
import nlagent.mib.SnapshotMibProvider;
import nlagent.mib.TestSnapshots;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.model.InterfaceSnapshot;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.time.Ticker;

/** Responses never exceed maxMessageSize (truncated GETBULK, tooBig GET); IPv6 listen addresses work. */
class MessageSizeAndIpv6Test {

    private static StandaloneAgent agent(String conf, String listen, MapSnapshotSource source) throws Exception {
        StandaloneConfig c = new StandaloneConfig();
        ConfigFile.apply("t.conf", conf, List.of(c));
        Uptime up = Uptime.startingNow(Ticker.system());
        SnapshotMibProvider p = new SnapshotMibProvider(source, new NetnsMibBuilder(up), List.of(), List.of()).start();
        return StandaloneAgent.start(c, List.of(ListenAddress.parse(listen, null)), p);
    }

    private static MapSnapshotSource manyInterfaces(int n) {
        MapSnapshotSource s = new MapSnapshotSource();
        List<InterfaceSnapshot> ifs = new ArrayList<>();
        ifs.add(TestSnapshots.loopback());
        for (int i = 0; i < n; i++) {
            ifs.add(TestSnapshots.veth(i + 2, "veth-with-a-long-name" + i, 10_000, true));
        }
        s.put(TestSnapshots.snapshot("", 1, ifs));
        return s;
    }

    @Test
    void responsesStayWithinMaxMessageSize() throws Exception {
        Preconditions.assumeCommands("snmpbulkget", "snmpget", "snmpbulkwalk");
        try (StandaloneAgent a = agent("rocommunity public 127.0.0.1\nmaxMessageSize 484\n", "udp:127.0.0.1:0", manyInterfaces(100))) {
            String target = "127.0.0.1:" + a.boundAddresses().get(0).getPort();
            Processes.Result bulk = Processes.run(60, List.of("snmpbulkget", "-m", "", "-On", "-d", "-v2c", "-c", "public",
                    "-Cr1000", target, "1.3.6.1.2.1.2.2.1.2"));
            assertEquals(0, bulk.exitCode(), bulk.stderr());
            int lines = (int) bulk.stdout().lines().filter(l -> l.startsWith(".1.3")).count();
            assertTrue(lines > 3 && lines < 100, "truncated, not empty: " + lines);
            Matcher m = Pattern.compile("Received (\\d+) byte packet").matcher(bulk.stdout() + bulk.stderr());
            assertTrue(m.find(), bulk.stdout());
            assertTrue(Integer.parseInt(m.group(1)) <= 484, "datagram of " + m.group(1) + " bytes");

            List<String> get = new ArrayList<>(List.of("snmpget", "-m", "", "-On", "-v2c", "-c", "public", target));
            for (int i = 2; i < 60; i++) {
                get.add("1.3.6.1.2.1.2.2.1.2." + i);
            }
            Processes.Result big = Processes.run(60, get);
            assertTrue((big.stdout() + big.stderr()).contains("tooBig"), big.stdout() + big.stderr());

            // a whole walk still completes in small pieces
            Processes.Result walk = Processes.run(60, List.of("snmpbulkwalk", "-m", "", "-On", "-v2c", "-c", "public", "-Cr50",
                    target, "1.3.6.1.2.1.2.2.1.2"));
            assertEquals(101, walk.stdout().lines().count(), walk.stderr());
        }
    }

    @Test
    void listensOnIpv6Loopback() throws Exception {
        Preconditions.assumeCommands("snmpget");
        try (StandaloneAgent a = agent("rocommunity public ::1\n", "udp6:[::1]:0", manyInterfaces(1))) {
            int port = a.boundAddresses().get(0).getPort();
            Processes.Result r = Processes.run(30, List.of("snmpget", "-m", "", "-On", "-v2c", "-c", "public",
                    "udp6:[::1]:" + port, "1.3.6.1.2.1.2.1.0"));
            assertTrue(r.stdout().contains("INTEGER: 2"), r.stdout() + r.stderr());
        }
    }

    /** udp:0.0.0.0 is one socket on every address, IPv6 ones included, as the shipped config says. */
    @Test
    void theIpv4WildcardAnswersIpv6ManagersToo() throws Exception {
        Preconditions.assumeCommands("snmpget");
        try (StandaloneAgent a = agent("rocommunity public default\n", "udp:0.0.0.0:0", manyInterfaces(1))) {
            int port = a.boundAddresses().get(0).getPort();
            for (String target : List.of("udp:127.0.0.1:" + port, "udp6:[::1]:" + port)) {
                Processes.Result r = Processes.run(30, List.of("snmpget", "-m", "", "-On", "-v2c", "-c", "public", "-t", "5",
                        target, "1.3.6.1.2.1.2.1.0"));
                assertTrue(r.stdout().contains("INTEGER: 2"), target + ": " + r.stdout() + r.stderr());
            }
        }
    }

    @Test
    void busyPortFailsWithTheAddressNamedAndNothingLeftOpen() throws Exception {
        try (StandaloneAgent first = agent("rocommunity public 127.0.0.1\n", "udp:127.0.0.1:0", manyInterfaces(1))) {
            int port = first.boundAddresses().get(0).getPort();
            java.io.IOException e = assertThrows(java.io.IOException.class,
                    () -> agent("rocommunity public 127.0.0.1\n", "udp:127.0.0.1:" + port, manyInterfaces(1)));
            assertTrue(e.getMessage().startsWith("cannot listen on udp:127.0.0.1:" + port), e.getMessage());
        }
    }
}
