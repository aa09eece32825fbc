package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nlagent.mib.SysfsSnapshots;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.TestNamespaces;

/**
 * Value parity with the stock net-snmp snmpd: both serve the same test namespace (snmpd runs inside
 * it, our agent serves it as a context) and every non-counter column of ifTable, ifXTable and
 * IPV6-MIB ipv6IfTable must agree OID by OID; counters must be present for the same OIDs and ours,
 * read after theirs, must not be smaller.
 */
class NetSnmpParityTest {
    private static final String IF_ENTRY = ".1.3.6.1.2.1.2.2.1";
    private static final String IFX_ENTRY = ".1.3.6.1.2.1.31.1.1.1";
    private static final String IPV6_IF_ENTRY = ".1.3.6.1.2.1.55.1.5.1";
    /** Counter columns: compared as ours >= theirs. */
    private static final Set<Integer> IF_COUNTERS = Set.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
    private static final Set<Integer> IFX_COUNTERS = Set.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    /**
     * Columns net-snmp 5.9.3 does not serve and we do (README compatibility section): ifXTable
     * ifLinkUpDownTrapEnable (net-snmp skips it until set); ipv6IfTable ReasmMaxSize, Identifier,
     * IdentifierLength and LastChange (net-snmp's Linux code leaves them out).
     */
    private static final Set<Integer> IFX_OURS_ONLY = Set.of(14);
    private static final Set<Integer> IPV6_OURS_ONLY = Set.of(5, 6, 7, 11);

    private static TestNamespaces ns;
    private static String netns;
    private static Path snmpdDir;
    private static Process snmpd;

    @BeforeAll
    static void setUp() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("snmpd", "snmpwalk", "ip");
        ns = new TestNamespaces("par");
        netns = ns.addNamespace("a");
        // a mix of what container hosts have: veth up/up, veth down, ifb (promiscuous), vxlan, tun without carrier, bridge, MTU < 1280
        ns.exec(netns, "ip", "link", "add", "va", "type", "veth", "peer", "name", "vb");
        ns.exec(netns, "ip", "link", "set", "va", "up");
        ns.exec(netns, "ip", "link", "set", "vb", "up");
        ns.exec(netns, "ip", "link", "add", "vc", "type", "veth", "peer", "name", "vd");
        ns.exec(netns, "ip", "link", "add", "if0", "type", "ifb");
        ns.exec(netns, "ip", "link", "set", "if0", "promisc", "on", "up");
        ns.exec(netns, "ip", "link", "add", "vx0", "type", "vxlan", "id", "5", "dstport", "4789");
        ns.exec(netns, "ip", "link", "set", "vx0", "up");
        ns.exec(netns, "ip", "tuntap", "add", "tun0", "mode", "tun");
        ns.exec(netns, "ip", "link", "set", "tun0", "up");
        ns.exec(netns, "ip", "link", "add", "br0", "type", "bridge");
        ns.exec(netns, "ip", "link", "set", "br0", "up");
        ns.exec(netns, "ip", "link", "add", "vsmall", "mtu", "1200", "type", "veth", "peer", "name", "vsmall2");
        ns.exec(netns, "ip", "link", "set", "vsmall", "up");
        ns.exec(netns, "ip", "link", "set", "vsmall2", "up");
        ns.exec(netns, "ip", "addr", "add", "10.9.0.1/24", "dev", "va");
        Thread.sleep(2500); // IPv6 DAD on the veths: link-local addresses appear in /proc/net/if_inet6

        snmpdDir = Files.createTempDirectory("nlagent-parity");
        Files.writeString(snmpdDir.resolve("snmpd.conf"), "rocommunity public 127.0.0.1\n");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns, "snmpd", "-f", "-Lf",
                snmpdDir.resolve("snmpd.log").toString(), "-C", "-c", snmpdDir.resolve("snmpd.conf").toString(),
                "-M", snmpdDir.toString(), "-m", "", "udp:127.0.0.1:1161"));
        snmpd = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(snmpdDir.resolve("snmpd.out").toFile()).start();
        for (int i = 0; i < 50; i++) {
            if (theirs("1.3.6.1.2.1.2.1").contains("INTEGER")) {
                return;
            }
            Thread.sleep(200);
        }
        fail("snmpd in " + netns + " did not answer: " + Files.readString(snmpdDir.resolve("snmpd.log")));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (snmpd != null) {
            snmpd.toHandle().descendants().forEach(ProcessHandle::destroy);
            snmpd.destroy();
            snmpd.waitFor();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private static String theirs(String oid) {
        return Processes.run(60, List.of("ip", "netns", "exec", netns, "snmpwalk", "-m", "", "-On", "-v2c", "-c", "public",
                "-t", "3", "127.0.0.1:1161", oid)).stdout();
    }

    @Test
    void ifTableIfXTableAndIpv6IfTableMatchNetSnmp() throws Exception {
        Map<String, String> theirIf = WalkParser.parse(theirs("1.3.6.1.2.1.2.2"));
        Map<String, String> theirX = WalkParser.parse(theirs("1.3.6.1.2.1.31.1.1"));
        Map<String, String> their6 = WalkParser.parse(theirs("1.3.6.1.2.1.55.1.5"));
        try (AgentFixture f = new AgentFixture("rocommunity public 127.0.0.1 " + netns)) {
            f.source.put(SysfsSnapshots.read(netns, netns, 1)); // read after snmpd's walk: counters only grow
            Map<String, String> ourIf = WalkParser.parse(f.snmp("snmpwalk", "-v2c", "-c", "public", f.target(), "1.3.6.1.2.1.2.2").stdout());
            Map<String, String> ourX = WalkParser.parse(f.snmp("snmpwalk", "-v2c", "-c", "public", f.target(), "1.3.6.1.2.1.31.1.1").stdout());
            Map<String, String> our6 = WalkParser.parse(f.snmp("snmpwalk", "-v2c", "-c", "public", f.target(), "1.3.6.1.2.1.55.1.5").stdout());
            List<String> diffs = new ArrayList<>();
            compare("ifTable", IF_ENTRY, theirIf, ourIf, IF_COUNTERS, Set.of(), diffs);
            compare("ifXTable", IFX_ENTRY, theirX, ourX, IFX_COUNTERS, IFX_OURS_ONLY, diffs);
            compare("ipv6IfTable", IPV6_IF_ENTRY, their6, our6, Set.of(), IPV6_OURS_ONLY, diffs);
            assertTrue(theirIf.size() > 7 * 22 - 1, "snmpd served the test interfaces: " + theirIf.keySet());
            assertTrue(diffs.isEmpty(), String.join("\n", diffs));
        }
    }

    private static void compare(String table, String entry, Map<String, String> theirs, Map<String, String> ours,
                                Set<Integer> counters, Set<Integer> oursOnly, List<String> diffs) {
        Set<String> all = new TreeSet<>(theirs.keySet());
        all.addAll(ours.keySet());
        for (String oid : all) {
            int col = WalkParser.column(oid, entry);
            String t = theirs.get(oid);
            String o = ours.get(oid);
            if (oursOnly.contains(col) && t == null) {
                continue;
            }
            if (t == null || o == null) {
                diffs.add(table + " " + oid + ": net-snmp " + t + ", ours " + o);
            } else if (counters.contains(col)) {
                if (!t.substring(0, t.indexOf(':')).equals(o.substring(0, o.indexOf(':')))
                        || WalkParser.number(o).compareTo(WalkParser.number(t)) < 0) {
                    diffs.add(table + " " + oid + " (counter): net-snmp " + t + ", ours " + o);
                }
            } else if (!t.equals(o)) {
                diffs.add(table + " " + oid + ": net-snmp " + t + ", ours " + o);
            }
        }
    }
}
