package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.TestMibProvider;
import nlagent.testing.Cleanup;
import nlagent.testing.LogCapture;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.TestScheduler;
import nlagent.time.Ticker;

/**
 * The two documented ways to put nlagent in front of snmpd's interface modules: modules disabled
 * with the shipped -I list (checked with strace: no /proc/sys/net lookups while walking), and
 * priority override (registration below 127 replaces the built-ins; at 127 the conflict is named).
 */
class AgentxModesTest {
    private static final Oid IF_DESCR = Oid.parse("1.3.6.1.2.1.2.2.1.2");
    private static final Oid IPV6_IF_DESCR = Oid.parse("1.3.6.1.2.1.55.1.5.1.2");

    @TempDir
    Path tmp;

    @RegisterExtension
    static final TestScheduler scheduler = new TestScheduler("agentx-modes", 2);
    @RegisterExtension
    final Cleanup cleanup = new Cleanup();
    /** The subagent's log (Registrations logs through it too: a refused registration, e.g. 263 duplicateRegistration). */
    @RegisterExtension
    final LogCapture log = LogCapture.eachTest(Level.ALL, AgentxSubagent.class);

    @BeforeAll
    static void tools() {
        Preconditions.assumeCommands("snmpd", "snmpget", "snmpwalk", "strace");
    }

    /** Interfaces, ifXTable and ipv6IfTable stand-ins with names snmpd would never produce. */
    private static SortedMibView interfacesView() {
        SortedMibView.Builder b = SortedMibView.builder().subtree(Oid.parse("1.3.6.1.2.1.2"))
                .subtree(Oid.parse("1.3.6.1.2.1.31.1.1")).subtree(Oid.parse("1.3.6.1.2.1.55.1.5"))
                .object(Oid.parse("1.3.6.1.2.1.2.1")).object(IF_DESCR).object(IPV6_IF_DESCR);
        b.add(Oid.parse("1.3.6.1.2.1.2.1.0"), MibValue.integer(3));
        for (int i = 1; i <= 3; i++) {
            b.add(IF_DESCR.append(i), MibValue.string("nl-eth" + i));
            b.add(Oid.parse("1.3.6.1.2.1.31.1.1.1.1").append(i), MibValue.string("nl-eth" + i));
            b.add(IPV6_IF_DESCR.append(i), MibValue.string("nl-eth" + i));
        }
        return b.build();
    }

    private AgentxSubagent subagent(SnmpdMaster m, int priority) {
        AgentxConfig c = new AgentxConfig();
        c.setMaster("unix:" + m.socket);
        c.setPriority(priority);
        AgentxSubagent s = AgentxSubagent.start(c, new TestMibProvider(interfacesView()), Ticker.system(), scheduler.get());
        cleanup.add(s);
        return s;
    }

    private static String get(SnmpdMaster m, Oid oid) {
        // snmpd's own ifTable reloads its interface container when polled: slow on a busy host
        return m.client("snmpget", List.of("-v2c", "-c", "public", "-t", "30"), "." + oid).stdout().trim();
    }

    @Test
    void modulesDisabledWalkMakesNoProcSysLookupsInSnmpd() throws Exception {
        Path trace = tmp.resolve("strace.out");
        SnmpdMaster m = new SnmpdMaster(tmp.resolve("m"), false, "", List.of("-I", SnmpdMaster.DISABLED_MODULES))
                .wrapper(List.of("strace", "-f", "--seccomp-bpf", "-e", "trace=%file", "-o", trace.toString()));
        cleanup.add(m);
        m.start();
        AgentxSubagent s = subagent(m, 127);
        assertTrue(s.awaitActive(5_000));
        long before = Files.readAllLines(trace).size();
        List<String> walk = new ArrayList<>();
        for (int round = 0; round < 2; round++) { // the second walk after net-snmp's 3 s cache time
            // bulk, long timeout: snmpd's own UDP-MIB tables take seconds on a busy host
            Processes.Result r = m.client("snmpbulkwalk", List.of("-v2c", "-c", "public", "-Cr50", "-t", "60", "-r", "0"), ".1.3.6.1.2.1");
            assertEquals(0, r.exitCode(), r.stderr());
            walk = List.of(r.stdout().split("\n"));
            if (round == 0) {
                Thread.sleep(3_200);
            }
        }
        List<String> lines = Files.readAllLines(trace);
        List<String> lookups = lines.stream().filter(l -> SnmpdMaster.PROC_SYS_NET_LOOKUP.matcher(l).find()).toList();
        assertEquals(List.of(), lookups, "no /proc/sys/net path lookups in snmpd at all (start included)");
        assertTrue(lines.size() > before, "strace saw the walk");
        // our rows are what the walk shows, and nothing of snmpd's interface modules is left
        assertTrue(walk.contains("." + IF_DESCR + ".1 = STRING: \"nl-eth1\""), String.join("\n", walk.subList(0, 20)));
        assertTrue(walk.contains("." + IPV6_IF_DESCR + ".3 = STRING: \"nl-eth3\""));
        assertEquals(9, walk.stream().filter(l -> l.contains("nl-eth")).count());
        assertTrue(walk.stream().noneMatch(l -> l.startsWith(".1.3.6.1.2.1.4.")), "no ip group left in snmpd");
        // no registration refused (263 duplicateRegistration or any other error): Registrations.logRegistrationError
        assertTrue(log.records().stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                && r.getMessage().contains("refused to register")), log.messages().toString());
    }

    @Test
    void priorityOverrideReplacesBuiltinsAndConflictIsNamed() throws Exception {
        // snmpd's interface modules stay (ifTable, ifXTable, interface, ipv6); the IP-MIB ones are
        // irrelevant here and only slow the start on a host with many interfaces
        SnmpdMaster m = new SnmpdMaster(tmp.resolve("m"), false, "", List.of("-I", "-smux,mteTrigger,mteTriggerConf,ip,ip_scalars,"
                + "ipAddressTable,ipAddressPrefixTable,inetNetToMediaTable,ipv6ScopeZoneIndexTable,ipDefaultRouterTable,"
                + "ipCidrRouteTable,inetCidrRouteTable,ipSystemStatsTable,ipIfStatsTable")).startTimeout(300);
        cleanup.add(m);
        m.start();
        String builtin = get(m, IF_DESCR.append(1));
        assertTrue(builtin.contains("STRING: ") && !builtin.contains("nl-eth"), builtin);

        AgentxSubagent at127 = subagent(m, 127);
        assertTrue(at127.awaitActive(5_000));
        assertEquals(builtin, get(m, IF_DESCR.append(1)), "at 127 snmpd's ifTable stays");
        assertTrue(log.messages().stream().anyMatch(w -> w.contains("1.3.6.1.2.1.2.2 at priority 127") && w.contains("duplicateRegistration")),
                log.messages().toString());
        at127.close();

        AgentxSubagent at100 = subagent(m, 100);
        assertTrue(at100.awaitActive(5_000));
        assertEquals("." + IF_DESCR + ".1 = STRING: \"nl-eth1\"", get(m, IF_DESCR.append(1)));
        assertEquals("." + IPV6_IF_DESCR + ".2 = STRING: \"nl-eth2\"", get(m, IPV6_IF_DESCR.append(2)),
                "ipv6IfDescr, registered per column by snmpd, is overridden too");
        at100.close();
        assertEquals(builtin, get(m, IF_DESCR.append(1)), "built-in back after the subagent left");
    }

    /**
     * A non-root subagent (user daemon, in its own JVM): with snmpd's default socket permissions it
     * gets a clear "permission denied ... agentXPerms" message and keeps retrying; with the shipped
     * snippet's agentXPerms (socket 0660 root:GROUP, directory 0755) it connects.
     */
    @Test
    void nonRootSubagentNeedsTheShippedAgentXPerms() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("setpriv");
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "axperm");
        cleanup.add(() -> Processes.run(30, "rm", "-rf", dir.toString()));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder cp = new StringBuilder(Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/test-classes").toAbsolutePath());
        // the subagent's socket goes through jnr-ffi: copies of those jars where user daemon can read them (~/.m2 is root's)
        Path lib = Files.createDirectories(dir.resolve("lib"));
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (e.endsWith(".jar") && (e.contains("/jnr") || e.contains("/jffi") || e.contains("/asm"))) {
                Path copy = lib.resolve(Path.of(e).getFileName());
                Files.copy(Path.of(e), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                cp.append(':').append(copy);
            }
        }
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String perms : new String[] {null, "agentXPerms 0660 0755 root daemon\n"}) {
            Path mdir = dir.resolve(perms == null ? "default" : "shipped");
            // the socket lives one directory further down, which snmpd creates itself (DIRPERMS applies)
            SnmpdMaster m = new SnmpdMaster(mdir, false, perms == null ? "" : perms, List.of());
            Files.setPosixFilePermissions(mdir, PosixFilePermissions.fromString("rwxr-xr-x"));
            m.start();
            try {
                Processes.Result r = Processes.run(60, "setpriv", "--reuid=daemon", "--regid=daemon", "--clear-groups",
                        javaBin, "-cp", cp.toString(), AgentxProbe.class.getName(), "unix:" + m.socket, "6"); // its first connect loads jnr-ffi: seconds on a busy host
                if (perms == null) {
                    assertTrue(r.stdout().contains("NOT ACTIVE"), r.stdout() + r.stderr());
                    assertTrue(r.stderr().contains("permission denied on AgentX socket " + m.socket) && r.stderr().contains("agentXPerms"),
                            r.stderr());
                    assertEquals(1, r.stderr().lines().filter(l -> l.contains("permission denied")).count(), "logged once: " + r.stderr());
                } else {
                    assertTrue(r.stdout().contains("ACTIVE") && !r.stdout().contains("NOT"), r.stdout() + r.stderr());
                }
            } finally {
                m.stop();
            }
        }
    }
}
