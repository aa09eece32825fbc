package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.kernel.KernelConfig;
import nlagent.kernel.KernelDataPlane;
import nlagent.mib.MapSnapshotSource;
import nlagent.mib.SnapshotMibProvider;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.model.NetnsSnapshot;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.RoutingScenario;
import nlagent.testing.TestNamespaces;
import nlagent.time.ExecutorScheduler;
import nlagent.time.Ticker;

/**
 * Mode 1 loses nothing under ip 21, 22, 24, 35, 36, 37: in a test namespace, snmpd with the
 * shipped -I list plus nlagent as AgentX subagent (serving that namespace as its default context)
 * returns the same OIDs as stock snmpd alone, minus nothing and plus only the two scalars README
 * lists (ipCidrRouteNumber, inetCidrRouteDiscards).
 */
class NeighbourRouteAgentxTest {
    @TempDir
    Path tmp;

    private static Process snmpd(String netns, Path dir, int port, boolean master, List<String> args) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("snmpd.conf"), "rocommunity public 127.0.0.1\n"
                + (master ? "master agentx\nagentXSocket " + dir.resolve("master") + "\n" : ""));
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns, "snmpd", "-f", "-Lf", dir.resolve("log").toString(),
                "-C", "-c", dir.resolve("snmpd.conf").toString(), "-M", dir.toString(), "-m", ""));
        cmd.addAll(args);
        cmd.add("udp:127.0.0.1:" + port);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.toString());
        return pb.start();
    }

    private static Set<String> oids(String netns, int port) {
        Set<String> out = new TreeSet<>();
        for (String s : RoutingScenario.SUBTREES) {
            String walk = Processes.run(60, List.of("ip", "netns", "exec", netns, "snmpbulkwalk", "-m", "", "-On", "-v2c", "-c",
                    "public", "-t", "5", "127.0.0.1:" + port, s)).stdout();
            for (String line : walk.split("\n")) {
                int eq = line.indexOf(" = ");
                if (eq > 0 && !line.contains("No more variables") && !line.contains("No Such")) {
                    out.add(line.substring(0, eq));
                }
            }
        }
        return out;
    }

    private static void await(String netns, int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Processes.run(10, List.of("ip", "netns", "exec", netns, "snmpget", "-v2c", "-c", "public", "-t", "1", "-r", "0",
                    "127.0.0.1:" + port, "1.3.6.1.2.1.1.5.0")).exitCode() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        fail("snmpd on port " + port + " in " + netns + " did not answer");
    }

    /** The namespace's snapshot as the subagent's default context. */
    private static NetnsSnapshot asDefaultContext(NetnsSnapshot s) {
        return new NetnsSnapshot("", s.id(), s.takenAtNanos(), s.generation(), s.interfaces(), s.ipv4Forwarding(),
                s.ipv6Forwarding(), s.ipDefaultTtl(), s.ipReasmTimeoutSeconds(), s.ipv6HopLimit(), s.interfacesLastChangeNanos(),
                s.ipv4LastChangeNanos(), s.ipv6LastChangeNanos(), s.addresses(), s.ipStatistics(), s.neighbours(), s.routes());
    }

    @Test
    void snmpdWithTheDisabledModulesPlusNlagentServesWhatStockSnmpdServes() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("snmpd", "snmpbulkwalk", "snmpget", "ip");
        Preconditions.assumeNexthopObjects(); // the scenario routes over nexthop objects in both compat modes
        List<Process> processes = new ArrayList<>();
        try (TestNamespaces ns = new TestNamespaces("nra");
             ExecutorScheduler scheduler = new ExecutorScheduler("nr-agentx", 2)) {
            String netns = ns.addNamespace("a");
            RoutingScenario.populate(ns, netns, 0);
            Thread.sleep(2500); // link-local addresses settle
            processes.add(snmpd(netns, tmp.resolve("stock"), 1161, false, List.of()));
            processes.add(snmpd(netns, tmp.resolve("master"), 1162, true, List.of("-I", SnmpdMaster.DISABLED_MODULES)));
            await(netns, 1161);
            await(netns, 1162);
            Set<String> stock = oids(netns, 1161);
            assertTrue(oids(netns, 1162).isEmpty(), "the -I list leaves nothing of these tables in snmpd");

            MapSnapshotSource source = new MapSnapshotSource();
            source.put(asDefaultContext(KernelDataPlane.snapshotOnce(new KernelConfig(), netns, Ticker.system())));
            AgentxConfig c = new AgentxConfig();
            c.setMaster("unix:" + tmp.resolve("master").resolve("master"));
            try (SnapshotMibProvider provider = new SnapshotMibProvider(source, new NetnsMibBuilder(Uptime.startingNow(Ticker.system())),
                    List.of(), List.of()).start();
                 AgentxSubagent sub = AgentxSubagent.start(c, provider, Ticker.system(), scheduler)) {
                assertTrue(sub.awaitActive(10_000), "subagent registered");
                Set<String> combined = oids(netns, 1162);
                Set<String> missing = new TreeSet<>(stock);
                missing.removeAll(combined);
                Set<String> extra = new TreeSet<>(combined);
                extra.removeAll(stock);
                assertEquals(Set.of(), missing, "served by stock snmpd, missing with -I + nlagent");
                assertEquals(new TreeSet<>(RoutingScenario.OURS_ONLY), extra);
                assertTrue(stock.size() > 400, "stock snmpd served " + stock.size());
            }
        } finally {
            for (Process p : processes) {
                p.toHandle().descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
