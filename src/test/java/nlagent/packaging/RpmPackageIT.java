package nlagent.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/**
 * The RPM for EL 8/9 that {@code mvn -Pdeb package} builds next to the .deb: the same files with the
 * same modes and owners as the .deb (the unit under /usr/lib/systemd/system, plus a sysusers.d
 * entry), the config as %config(noreplace), scriptlets that create the account and enable/start,
 * try-restart, stop as the maintainer scripts do, a Java 17 runtime required, intact digests; then an
 * install into a temporary root lays the files out with those modes and owners, and the jar from it
 * runs {@code nlagent --version}.
 */
class RpmPackageIT {
    private static final int NLAGENT_GID = 990;
    private static Path rpm;
    private static Path deb;

    @BeforeAll
    static void findPackages() throws IOException {
        Preconditions.assumeCommands("rpm", "dpkg-deb");
        Path target = PackagingFiles.root().resolve("target");
        try (Stream<Path> s = Files.list(target)) {
            rpm = s.filter(p -> p.getFileName().toString().matches("nlagent-.*\\.noarch\\.rpm")).findFirst().orElse(null);
        }
        try (Stream<Path> s = Files.list(target)) {
            deb = s.filter(p -> p.getFileName().toString().matches("nlagent_.*_all\\.deb")).findFirst().orElse(null);
        }
        assertNotNull(rpm, "no target/nlagent-*.noarch.rpm: build it with mvn -B -Pdeb package");
        assertNotNull(deb, "no target/nlagent_*_all.deb");
    }

    /** path -> "mode owner/group" of the regular files and directories a package lays down under our names. */
    private static Map<String, String> rpmModes() {
        Map<String, String> m = new TreeMap<>();
        for (String line : Processes.check("rpm", "-qp", "--qf", "[%{FILEMODES:perms} %{FILEUSERNAME}/%{FILEGROUPNAME} %{FILENAMES}\\n]",
                rpm.toString()).split("\n")) {
            String[] f = line.trim().split(" ", 3);
            m.put(f[2], f[0] + " " + f[1]);
        }
        return m;
    }

    private static Map<String, String> debModes() {
        Map<String, String> m = new TreeMap<>();
        for (String line : Processes.check("dpkg-deb", "-c", deb.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+", 6);
            String path = f[5].replaceFirst("^\\.", "").replaceFirst("(.)/$", "$1");
            m.put(path, f[0] + " " + f[1]);
        }
        return m;
    }

    @Test
    void sameFilesModesAndOwnersAsTheDeb() {
        Map<String, String> r = rpmModes();
        Map<String, String> d = debModes();
        d.forEach((path, mode) -> {
            // shared system directories are the distribution's; only what the package owns is compared
            if (path.equals("/") || Stream.of("/etc", "/usr", "/usr/bin", "/usr/share", "/usr/share/doc", "/usr/share/snmp",
                    "/usr/share/snmp/mibs", "/lib", "/lib/systemd", "/lib/systemd/system").anyMatch(path::equals)) {
                return;
            }
            String elPath = path.startsWith("/lib/systemd/") ? "/usr" + path : path; // EL: units under /usr/lib
            assertEquals(mode, r.get(elPath), elPath + " in the RPM (the .deb has " + path + " " + mode + ")");
        });
        assertEquals("-rw-r--r-- root/root", r.get("/usr/lib/sysusers.d/nlagent.conf"));
        assertEquals("-rw-r----- root/nlagent", r.get("/etc/nlagent/nlagent.conf"));
        assertEquals("drwxr-x--- root/nlagent", r.get("/etc/nlagent"));
        assertTrue(r.containsKey("/usr/share/doc/nlagent/examples/prometheus/nlagent-rules.yml"), r.keySet().toString());
        String list = Processes.check("rpm", "-qpl", rpm.toString());
        assertTrue(list.contains("/usr/share/nlagent/nlagent.jar\n") && list.contains("/usr/bin/nlagent\n"), list);
    }

    @Test
    void configNoreplaceJavaRequiresScriptletsAndDigests() {
        String flags = Processes.check("rpm", "-qp", "--qf", "[%{FILEFLAGS:fflags} %{FILENAMES}\\n]", rpm.toString());
        assertTrue(flags.contains("cn /etc/nlagent/nlagent.conf"), "config(noreplace): " + flags);
        String requires = Processes.check("rpm", "-qpR", rpm.toString());
        assertTrue(requires.contains("(java-17-headless or java-21-headless)"), requires);
        assertEquals("noarch", Processes.check("rpm", "-qp", "--qf", "%{ARCH}", rpm.toString()));
        String scripts = Processes.check("rpm", "-qp", "--scripts", rpm.toString());
        assertTrue(scripts.contains("preinstall scriptlet") && scripts.contains("groupadd --system nlagent")
                && scripts.contains("useradd --system --gid nlagent"), scripts);
        assertTrue(scripts.contains("systemctl enable nlagent.service") && scripts.contains("systemctl start nlagent.service"),
                "first install enables and starts, as the .deb: " + scripts);
        assertTrue(scripts.contains("systemctl try-restart nlagent.service"), "upgrade restarts if running: " + scripts);
        assertTrue(scripts.contains("preuninstall scriptlet") && scripts.contains("systemctl stop nlagent.service"), scripts);
        String k = Processes.check("rpm", "-K", rpm.toString());
        assertTrue(k.trim().endsWith("digests OK"), k);
    }

    @Test
    void installsIntoATemporaryRootAndItsJarRuns(@TempDir Path root) throws Exception {
        // the account the %pre scriptlet would create, so rpm resolves root:nlagent inside the root
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nnlagent:x:" + NLAGENT_GID + ":\n");
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\nnlagent:x:" + NLAGENT_GID + ":"
                + NLAGENT_GID + "::/nonexistent:/sbin/nologin\n");
        Processes.check("rpm", "--root", root.toString(), "--initdb");
        Processes.Result install = Processes.run(120, "rpm", "--root", root.toString(), "-i", "--nodeps", "--noscripts",
                rpm.toString());
        assertEquals(0, install.exitCode(), install.stdout() + install.stderr());
        assertEquals("drwxr-x--- 0:" + NLAGENT_GID, stat(root.resolve("etc/nlagent")));
        assertEquals("-rw-r----- 0:" + NLAGENT_GID, stat(root.resolve("etc/nlagent/nlagent.conf")));
        assertEquals("-rwxr-xr-x 0:0", stat(root.resolve("usr/bin/nlagent")));
        assertEquals("-rw-r--r-- 0:0", stat(root.resolve("usr/share/nlagent/nlagent.jar")));
        assertEquals("-rw-r--r-- 0:0", stat(root.resolve("usr/lib/systemd/system/nlagent.service")));
        assertEquals("-rw-r--r-- 0:0", stat(root.resolve("usr/share/snmp/mibs/DCACHE-HEALTH-MIB.txt")));
        assertEquals(Files.readString(PackagingFiles.root().resolve("config/nlagent.conf")),
                Files.readString(root.resolve("etc/nlagent/nlagent.conf")));
        Processes.Result v = Processes.run(60, "env", "NLAGENT_JAR=" + root.resolve("usr/share/nlagent/nlagent.jar"),
                "sh", root.resolve("usr/bin/nlagent").toString(), "--version");
        assertEquals(0, v.exitCode(), v.stdout() + v.stderr());
        assertTrue(v.stdout().startsWith("nlagent "), v.stdout());
        String q = Processes.check("rpm", "--root", root.toString(), "-q", "nlagent");
        assertTrue(q.startsWith("nlagent-"), q);
    }

    private static String stat(Path p) {
        return Processes.check("stat", "-c", "%A %u:%g", p.toString()).trim();
    }
}
