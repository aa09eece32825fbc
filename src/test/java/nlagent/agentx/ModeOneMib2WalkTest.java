package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.cli.AgentConfig;
import nlagent.testing.Cleanup;
import nlagent.testing.NamespaceSnmpd;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;

/**
 * Mode 1 loses nothing: in one test namespace with addresses (v4/v6, secondary, deprecated), neighbours in several
 * states, routes (gateway, multipath, metric, default) and traffic, a bulk walk of all of mib-2 through snmpd with
 * the shipped {@code -I} list plus the real nlagent as subagent returns every OID that stock snmpd returns in the same
 * namespace at the same time. Both snmpds run side by side, so the socket and process tables they both see are the
 * same; only objects whose row set changes from one walk to the next on its own are left out (running processes,
 * their performance rows).
 */
class ModeOneMib2WalkTest {
    /**
     * Rows that change between two walks by themselves, all served by snmpd in both modes: hrSWRunTable and
     * hrSWRunPerfTable (the walkers' own PIDs), the UDP and TCP socket tables (each walker's own client socket).
     */
    private static final List<String> VOLATILE = List.of(".1.3.6.1.2.1.25.4.", ".1.3.6.1.2.1.25.5.", ".1.3.6.1.2.1.7.5.",
            ".1.3.6.1.2.1.7.7.", ".1.3.6.1.2.1.6.13.", ".1.3.6.1.2.1.6.19.", ".1.3.6.1.2.1.6.20.");

    /**
     * What stock snmpd serves and mode 1 does not, with the reason in README ("What the disabled modules served"):
     * hrNetworkTable and the network-interface rows of hrDeviceTable (hrDeviceIndex 262144 + ifIndex), which would
     * need per-interface registrations interleaved with snmpd's own hrDevice rows.
     */
    private static boolean documentedLoss(String oid) {
        if (oid.startsWith(".1.3.6.1.2.1.25.3.4.")) {
            return true;
        }
        if (oid.startsWith(".1.3.6.1.2.1.25.3.2.1.")) {
            long hrDeviceIndex = Long.parseLong(oid.substring(oid.lastIndexOf('.') + 1));
            return hrDeviceIndex >= 262144 && hrDeviceIndex < 327680;
        }
        return false;
    }

    @TempDir
    Path tmp;

    @Test
    void walkThroughSnmpdWithTheIListAndNlagentHasEveryOidOfStockSnmpd() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("snmpd", "snmpbulkwalk", "ip", "ping");
        try (Cleanup cleanup = new Cleanup(); TestNamespaces ns = new TestNamespaces("m1")) {
            String netns = ns.addNamespace("a");
            String peerNs = ns.addNamespace("b");
            populate(ns, netns, peerNs);

            NamespaceSnmpd stock = NamespaceSnmpd.start(netns, 11161, "rocommunity public 127.0.0.1\n", List.of());
            cleanup.add(stock);
            Path socket = tmp.resolve("master");
            NamespaceSnmpd mode1 = NamespaceSnmpd.start(netns, 11162, "rocommunity public 127.0.0.1\nmaster agentx\nagentXSocket "
                    + socket + "\n", List.of("-I", SnmpdMaster.DISABLED_MODULES));
            cleanup.add(mode1);

            Path conf = tmp.resolve("nlagent.conf");
            Files.writeString(conf, AgentConfig.embeddedText()
                    .replace("netnsNamePattern *", "netnsNamePattern " + ns.prefix() + "-none-*")
                    .replace("probeEnabled yes", "probeEnabled no"));
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process nlagent = new ProcessBuilder("ip", "netns", "exec", netns, javaBin, "-cp", System.getProperty("java.class.path"),
                    "nlagent.cli.Main", "run", "--config", conf.toString(), "--agentx=unix:" + socket, "--no-standalone")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("nlagent.log").toFile()).start();
            cleanup.add(() -> stop(nlagent));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!walk(mode1, ".1.3.6.1.2.1.2.1").contains("INTEGER")) {
                assertTrue(nlagent.isAlive(), "nlagent exited: " + Files.readString(tmp.resolve("nlagent.log")));
                assertTrue(System.nanoTime() < deadline, "nlagent did not register: " + Files.readString(tmp.resolve("nlagent.log")));
                Thread.sleep(250);
            }

            Set<String> theirs = oids(walk(stock, ".1.3.6.1.2.1"));
            Set<String> ours = oids(walk(mode1, ".1.3.6.1.2.1"));
            assertTrue(theirs.size() > 500, "stock snmpd served mib-2: " + theirs.size());
            Set<String> lost = new TreeSet<>(theirs);
            lost.removeAll(ours);
            lost.removeIf(ModeOneMib2WalkTest::documentedLoss);
            if (!lost.isEmpty()) {
                fail(lost.size() + " OIDs stock snmpd serves are missing in mode 1 (first 40, by subtree "
                        + bySubtree(lost) + "):\n" + lost.stream().limit(40).collect(Collectors.joining("\n")));
            }
            // the tables the issue names are really there (not just absent from both)
            for (String table : List.of(".1.3.6.1.2.1.4.20.1.1.", ".1.3.6.1.2.1.4.22.1.2.", ".1.3.6.1.2.1.4.34.1.3.",
                    ".1.3.6.1.2.1.4.35.1.4.", ".1.3.6.1.2.1.4.24.7.1.7.", ".1.3.6.1.2.1.4.31.1.1.3.")) {
                assertTrue(ours.stream().anyMatch(o -> o.startsWith(table)), "mode 1 serves rows under " + table);
            }
            // and the neighbour states the setup made, the unresolved ones included (ipNetToPhysicalState, 4.35.1.7)
            for (String neighbour : List.of(".1.4.10.61.0.77", ".2.16.253.97.0.0.0.0.0.0.0.0.0.0.0.0.0.119")) {
                assertTrue(theirs.stream().anyMatch(o -> o.startsWith(".1.3.6.1.2.1.4.35.1.7.") && o.endsWith(neighbour)),
                        "stock snmpd serves the incomplete neighbour " + neighbour);
                assertTrue(ours.stream().anyMatch(o -> o.startsWith(".1.3.6.1.2.1.4.35.1.7.") && o.endsWith(neighbour)),
                        "mode 1 serves the incomplete neighbour " + neighbour);
            }
        }
    }

    /** Addresses, neighbours and routes of the kinds an NMS reads, and traffic so the counters move. */
    private static void populate(TestNamespaces ns, String netns, String peerNs) throws Exception {
        ns.exec(netns, "ip", "link", "set", "lo", "up");
        ns.exec(netns, "ip", "link", "add", "e0", "type", "veth", "peer", "name", "e1", "netns", peerNs);
        ns.exec(netns, "ip", "link", "add", "d0", "type", "veth", "peer", "name", "d1"); // no dummy module on every kernel
        ns.exec(netns, "ip", "link", "set", "d1", "up");
        for (String[] c : new String[][] {
                {"ip", "addr", "add", "10.61.0.1/24", "dev", "e0"},
                {"ip", "addr", "add", "10.61.0.9/24", "dev", "e0"}, // secondary
                {"ip", "addr", "add", "10.62.0.1/16", "dev", "d0"},
                {"ip", "-6", "addr", "add", "fd61::1/64", "dev", "e0", "nodad"},
                {"ip", "-6", "addr", "add", "fd61::2/64", "dev", "e0", "nodad", "preferred_lft", "0"}, // deprecated
                {"ip", "link", "set", "e0", "up"},
                {"ip", "link", "set", "d0", "up"},
                {"ip", "route", "add", "10.70.0.0/16", "via", "10.61.0.2", "metric", "7"},
                {"ip", "route", "add", "10.71.0.0/16", "nexthop", "via", "10.61.0.2", "nexthop", "via", "10.61.0.3"},
                {"ip", "route", "add", "default", "via", "10.61.0.2"},
                {"ip", "-6", "route", "add", "fd70::/48", "via", "fd61::5"},
                {"ip", "neigh", "add", "10.61.0.3", "lladdr", "02:00:00:00:00:03", "dev", "e0", "nud", "permanent"},
                {"ip", "neigh", "add", "10.61.0.4", "lladdr", "02:00:00:00:00:04", "dev", "e0", "nud", "stale"},
                // unresolved, set by hand: the kernel arms no probe timer for it, so it stays INCOMPLETE through both
                // walks (one made by traffic turns FAILED after mcast_solicit x retrans_time, and both agents then drop
                // it: it raced the walks, one of them read it, and the test failed once)
                {"ip", "neigh", "add", "10.61.0.77", "dev", "e0", "nud", "incomplete"},
                {"ip", "-6", "neigh", "add", "fd61::77", "dev", "e0", "nud", "incomplete"},
                {"ip", "-6", "neigh", "add", "fd61::5", "lladdr", "02:00:00:00:00:05", "dev", "e0", "nud", "reachable"}}) {
            ns.exec(netns, c);
        }
        ns.exec(peerNs, "ip", "addr", "add", "10.61.0.2/24", "dev", "e1");
        ns.exec(peerNs, "ip", "link", "set", "e1", "up");
        ns.exec(peerNs, "ip", "-6", "addr", "add", "fd61::5/64", "dev", "e1", "nodad");
        Thread.sleep(2500); // link-local DAD
        ns.exec(netns, "ping", "-c", "3", "-i", "0.2", "-W", "1", "10.61.0.2");
    }

    private static String walk(NamespaceSnmpd snmpd, String oid) {
        return snmpd.client("snmpbulkwalk", List.of("-v2c", "-c", "public", "-Cr25", "-t", "30", "-r", "0"), oid);
    }

    private static Set<String> oids(String walk) {
        Set<String> out = new TreeSet<>();
        for (String line : walk.split("\n")) {
            int eq = line.indexOf(" = ");
            if (line.startsWith(".") && eq > 0) {
                String oid = line.substring(0, eq);
                if (VOLATILE.stream().noneMatch(oid::startsWith)) {
                    out.add(oid);
                }
            }
        }
        return out;
    }

    /** "1.3.6.1.2.1.4.20=12, ..." for a failure message. */
    private static String bySubtree(Set<String> oids) {
        return oids.stream().collect(Collectors.groupingBy(o -> String.join(".", List.of(o.split("\\.")).subList(0, Math.min(9, o.split("\\.").length))),
                java.util.TreeMap::new, Collectors.counting())).toString();
    }

    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
