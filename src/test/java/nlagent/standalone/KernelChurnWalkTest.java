package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigFile;
import nlagent.kernel.KernelConfig;
import nlagent.kernel.KernelDataPlane;
import nlagent.mib.SnapshotMibProvider;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.TestNamespaces;
import nlagent.time.ExecutorScheduler;
import nlagent.time.Ticker;

/**
 * Bulk walks over the real data plane while veth pairs are created and deleted in the namespace
 * being walked: every walk completes, in strictly increasing OID order, without duplicates.
 */
class KernelChurnWalkTest {

    @Test
    void walksStayConsistentWhileVethsComeAndGo() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("snmpbulkwalk", "ip");
        try (TestNamespaces ns = new TestNamespaces("chw");
             ExecutorScheduler scheduler = new ExecutorScheduler("test-kernel", 1)) {
            String netns = ns.addNamespace("a");
            for (int i = 0; i < 40; i++) {
                ns.exec(netns, "ip", "link", "add", "s" + i, "type", "veth", "peer", "name", "t" + i);
                ns.exec(netns, "ip", "link", "set", "s" + i, "up");
                ns.exec(netns, "ip", "link", "set", "t" + i, "up");
            }
            KernelConfig kc = new KernelConfig();
            ConfigFile.apply("t.conf", "netnsNamePattern " + netns + "\nrefreshIntervalMs 100\n", List.of(kc));
            StandaloneConfig sc = new StandaloneConfig();
            ConfigFile.apply("t.conf", "rocommunity public 127.0.0.1 " + netns + "\n", List.of(sc));
            Uptime uptime = Uptime.startingNow(Ticker.system());
            try (KernelDataPlane plane = KernelDataPlane.start(kc, Ticker.system(), scheduler);
                 SnapshotMibProvider provider = new SnapshotMibProvider(plane, new NetnsMibBuilder(uptime), List.of(), List.of()).start();
                 StandaloneAgent agent = StandaloneAgent.start(sc, List.of(ListenAddress.parse("udp:127.0.0.1:0", null)), provider)) {
                assertTrue(plane.awaitContext(netns, 10, java.util.concurrent.TimeUnit.SECONDS), "namespace opened after start");
                String target = "127.0.0.1:" + agent.boundAddresses().get(0).getPort();
                AtomicBoolean stop = new AtomicBoolean();
                Thread churn = new Thread(() -> {
                    int k = 0;
                    while (!stop.get()) {
                        String name = "c" + (k % 10);
                        Processes.run(30, List.of("ip", "-n", netns, "link", "add", name, "type", "veth", "peer", "name", "p" + name));
                        Processes.run(30, List.of("ip", "-n", netns, "link", "set", name, "up"));
                        Processes.run(30, List.of("ip", "-n", netns, "link", "del", "c" + ((k + 5) % 10)));
                        k++;
                    }
                }, "churn");
                churn.start();
                int walks = 0;
                try {
                    long end = System.currentTimeMillis() + 4000;
                    while (System.currentTimeMillis() < end || walks < 3) {
                        for (String table : new String[] {"1.3.6.1.2.1.2.2", "1.3.6.1.2.1.31.1.1", "1.3.6.1.2.1.55.1.5"}) {
                            Processes.Result r = Processes.run(60, List.of("snmpbulkwalk", "-m", "", "-On", "-v2c", "-c",
                                    "public", "-Cr7", target, table));
                            assertEquals(0, r.exitCode(), r.stderr());
                            assertFalse(r.stderr().contains("not increasing"), r.stderr());
                            Set<String> seen = new HashSet<>();
                            for (String line : r.stdout().split("\n")) {
                                if (line.contains("No more variables")) {
                                    continue; // the namespace view ends with ipv6IfTable: snmpbulkwalk reports endOfMibView
                                }
                                if (!line.startsWith(".1.")) {
                                    // a value's continuation line: without MIBs snmpbulkwalk prints a random veth MAC
                                    // whose octets happen to be printable (0x0a among them) as a multi-line STRING
                                    continue;
                                }
                                assertTrue(seen.add(line.substring(0, line.indexOf(' '))), "duplicate: " + line);
                            }
                            assertTrue(seen.size() > 100, table + " walked: " + seen.size());
                        }
                        walks++;
                    }
                } finally {
                    stop.set(true);
                    churn.join();
                }
                assertTrue(walks >= 3);
            }
        }
    }
}
