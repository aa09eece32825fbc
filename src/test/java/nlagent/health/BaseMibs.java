package nlagent.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/**
 * The IETF base modules (SNMPv2-SMI, SNMPv2-TC, SNMPv2-CONF) that Debian ships neither for libsmi
 * nor for net-snmp (snmp-mibs-downloader is non-free). The npm package {@code net-snmp} carries
 * them in lib/mibs/; this fetches it with {@code npm pack} into a temporary folder, once per JVM,
 * never into the source tree. {@code NLAGENT_BASE_MIBS} may point at a folder that already has them
 * (CI can prefetch). Skips the calling test, with the reason, when neither works.
 */
final class BaseMibs {
    private static Path dir;
    private static String failure;

    private BaseMibs() {
    }

    static synchronized Path dir() {
        if (dir == null && failure == null) {
            String env = System.getenv("NLAGENT_BASE_MIBS");
            if (env != null && Files.isRegularFile(Path.of(env, "SNMPv2-SMI.mib"))) {
                dir = Path.of(env);
            } else {
                fetch();
            }
        }
        Preconditions.skipUnless(dir != null, "IETF base MIBs unavailable: " + failure);
        return dir;
    }

    private static void fetch() {
        if (Preconditions.which("npm") == null || Preconditions.which("tar") == null) {
            failure = "needs npm and tar to fetch the npm package net-snmp (or set NLAGENT_BASE_MIBS)";
            return;
        }
        try {
            Path tmp = Files.createTempDirectory("nlagent-base-mibs");
            tmp.toFile().deleteOnExit();
            Processes.Result r = Processes.sh("cd '" + tmp + "' && npm pack --silent net-snmp && tar xzf net-snmp-*.tgz");
            Path mibs = tmp.resolve("package/lib/mibs");
            if (r.exitCode() != 0 || !Files.isRegularFile(mibs.resolve("SNMPv2-SMI.mib"))) {
                failure = "npm pack net-snmp failed (" + r.exitCode() + "): " + r.stderr().strip();
                return;
            }
            dir = mibs;
        } catch (IOException | IllegalStateException e) {
            failure = "npm pack net-snmp failed: " + e.getMessage();
        }
    }
}
