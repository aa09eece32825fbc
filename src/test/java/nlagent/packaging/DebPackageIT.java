package nlagent.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/**
 * The .deb that {@code mvn -Pdeb package} builds (runs in {@code mvn -Pdeb verify}, after packaging): its
 * contents, modes, conffiles and maintainer scripts; then, as root with dpkg, a real install, the
 * installed launcher, an SNMP query against the installed agent running as the nlagent user, and a purge
 * that leaves nothing behind.
 */
class DebPackageIT {
    private static Path deb;

    /** path inside the package (no leading "."), e.g. /usr/bin/nlagent -> "-rwxr-xr-x root/root" */
    private static final Map<String, String> MODES = new HashMap<>();

    @BeforeAll
    static void findDeb() throws IOException {
        Preconditions.assumeCommands("dpkg-deb");
        Path target = PackagingFiles.root().resolve("target");
        try (Stream<Path> s = Files.list(target)) {
            deb = s.filter(p -> p.getFileName().toString().matches("nlagent_.*_all\\.deb")).findFirst().orElse(null);
        }
        assertNotNull(deb, "no target/nlagent_*_all.deb: build it with mvn -B -Pdeb package");
        for (String line : Processes.check("dpkg-deb", "-c", deb.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+", 6);
            String path = f[5].replaceFirst("^\\.", "").replaceFirst("(.)/$", "$1");
            MODES.put(path, f[0] + " " + f[1]);
        }
    }

    @Test
    void shipsEachFileWhereDebianExpectsItWithTightModes() {
        assertEquals("-rw-r--r-- root/root", MODES.get("/usr/share/nlagent/nlagent.jar"));
        assertEquals("-rwxr-xr-x root/root", MODES.get("/usr/bin/nlagent"));
        assertEquals("-rw-r--r-- root/root", MODES.get("/lib/systemd/system/nlagent.service"));
        // communities and USM keys: root and the service group only
        assertEquals("drwxr-x--- root/nlagent", MODES.get("/etc/nlagent"));
        assertEquals("-rw-r----- root/nlagent", MODES.get("/etc/nlagent/nlagent.conf"));
        assertEquals("drwxr-xr-x root/root", MODES.get("/etc"), "must not change /etc itself");
        assertTrue(MODES.containsKey("/usr/share/doc/nlagent/examples/snmpd/nlagent-agentx.conf"), MODES.keySet().toString());
        assertTrue(MODES.containsKey("/usr/share/doc/nlagent/examples/snmpd/snmpd.service.d/nlagent.conf"));
        assertTrue(MODES.containsKey("/usr/share/doc/nlagent/examples/kubernetes/daemonset.yaml"));
        if (Files.exists(PackagingFiles.root().resolve("mibs/DCACHE-HEALTH-MIB.txt"))) {
            assertEquals("-rw-r--r-- root/root", MODES.get("/usr/share/snmp/mibs/DCACHE-HEALTH-MIB.txt"));
        }
        MODES.forEach((path, mode) -> {
            assertEquals('-', mode.charAt(5), path + " is group-writable: " + mode);
            assertEquals('-', mode.charAt(8), path + " is world-writable: " + mode);
        });
    }

    @Test
    void controlDeclaresJava17ConffilesAndMaintainerScripts(@TempDir Path dir) throws IOException {
        String depends = Processes.check("dpkg-deb", "-f", deb.toString(), "Depends").trim();
        assertEquals("default-jre-headless (>= 2:1.17) | java17-runtime-headless", depends);
        assertEquals("all", Processes.check("dpkg-deb", "-f", deb.toString(), "Architecture").trim());
        String version = Processes.check("dpkg-deb", "-f", deb.toString(), "Version").trim();
        assertEquals("nlagent_" + version + "_all.deb", deb.getFileName().toString());

        Path ctrl = dir.resolve("ctrl");
        Processes.check("dpkg-deb", "-e", deb.toString(), ctrl.toString());
        assertEquals(List.of("/etc/nlagent/nlagent.conf"), Files.readAllLines(ctrl.resolve("conffiles")));
        for (String script : List.of("preinst", "postinst", "prerm", "postrm")) {
            assertTrue(Files.isExecutable(ctrl.resolve(script)), script);
            assertEquals(0, Processes.run(10, "sh", "-n", ctrl.resolve(script).toString()).exitCode(), script + " syntax");
        }
        assertTrue(Files.readString(ctrl.resolve("preinst")).contains("useradd --system"));

        // what is packed is exactly what is in the source tree
        Path data = dir.resolve("data");
        Processes.check("dpkg-deb", "-x", deb.toString(), data.toString());
        assertEquals(Files.readString(PackagingFiles.packaging("nlagent.service")),
                Files.readString(data.resolve("lib/systemd/system/nlagent.service")));
        assertEquals(Files.readString(PackagingFiles.root().resolve("config/nlagent.conf")),
                Files.readString(data.resolve("etc/nlagent/nlagent.conf")));
    }

    @Test
    void installsRunsAnswersAndPurgesCleanly() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("dpkg", "setpriv", "snmpget");
        Preconditions.skipUnless(Processes.run(10, "dpkg-query", "-W", "-f=${Status}", "nlagent").stdout().contains("not-installed")
                || Processes.run(10, "dpkg-query", "-W", "nlagent").exitCode() != 0,
                "a package named nlagent is already installed here; not touching it");
        try {
            Processes.Result install = Processes.run(60, "dpkg", "-i", deb.toString());
            assertEquals(0, install.exitCode(), install.stdout() + install.stderr());
            assertTrue(Processes.check("id", "-un", "nlagent").contains("nlagent"), "postinst/preinst created the user");
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of("/etc/nlagent/nlagent.conf"))));

            String version = Processes.check("/usr/bin/nlagent", "--version").trim();
            assertEquals("nlagent " + Processes.check("dpkg-deb", "-f", deb.toString(), "Version").trim(), version);

            if (Preconditions.which("systemd-analyze") != null) {
                Processes.Result v = Processes.run(60, "systemd-analyze", "verify", "/lib/systemd/system/nlagent.service");
                assertEquals(0, v.exitCode(), v.stderr());
                assertFalse(v.stderr().contains("nlagent.service:"), v.stderr());
            }
            queryInstalledAgent();
        } finally {
            Processes.Result purge = Processes.run(60, "dpkg", "--purge", "nlagent");
            assertEquals(0, purge.exitCode(), purge.stdout() + purge.stderr());
        }
        for (String p : List.of("/usr/bin/nlagent", "/usr/share/nlagent", "/etc/nlagent", "/lib/systemd/system/nlagent.service")) {
            assertFalse(Files.exists(Path.of(p)), p + " left behind by purge");
        }
        assertTrue(Processes.run(10, "id", "nlagent").exitCode() != 0, "purge removes the nlagent user");
    }

    /** The installed launcher, as the unprivileged nlagent user with the installed config, answers snmpget. */
    private static void queryInstalledAgent() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        // setpriv execs (no fork), so the PID we hold is the JVM's
        Process agent = new ProcessBuilder("setpriv", "--reuid=nlagent", "--regid=nlagent", "--init-groups",
                "/usr/bin/nlagent", "run", "--config", "/etc/nlagent/nlagent.conf", "--listen", "udp:127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                log.append(new String(agent.getInputStream().readAllBytes()));
            } catch (IOException e) {
                // process gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            String answer = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && agent.isAlive()) {
                answer = Processes.run(10, "snmpget", "-v2c", "-c", "public", "-t", "1", "-r", "0", "-On",
                        "127.0.0.1:" + port, "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.2.1.0").stdout();
                if (answer.contains("INTEGER")) {
                    break;
                }
                Thread.sleep(300);
            }
            if (!agent.isAlive()) {
                reader.join(2000);
                Preconditions.skipUnless(!log.toString().contains("not part of this build"),
                        "the agent in this build has no data plane yet: " + log);
            }
            assertTrue(answer.contains(".1.3.6.1.2.1.2.1.0 = INTEGER:"), "no ifNumber from the installed agent: " + answer + "\n" + log);
            assertTrue(answer.contains(".1.3.6.1.2.1.1.1.0 = STRING:"), answer);
        } finally {
            agent.destroy();
            if (!agent.waitFor(10, TimeUnit.SECONDS)) {
                agent.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
