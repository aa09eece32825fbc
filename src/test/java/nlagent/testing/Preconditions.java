package nlagent.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test, with the reason printed on stdout, when the machine lacks what it needs (root,
 * network namespaces, net-snmp tools). CI has all of them, so there every test runs.
 */
public final class Preconditions {
    private Preconditions() {
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || uid() == 0;
    }

    private static long uid() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:")) {
                    return Long.parseLong(l.split("\\s+")[1]);
                }
            }
        } catch (Exception e) {
            // fall through
        }
        return -1;
    }

    /** Skips unless running as root (needed for netns, veth, setns). */
    public static void assumeRoot() {
        skipUnless(isRoot(), "needs root (network namespaces, veth pairs, setns)");
    }

    /** Skips unless every command is on the PATH. */
    public static void assumeCommands(String... commands) {
        for (String c : commands) {
            skipUnless(which(c) != null, "needs '" + c + "' on PATH (CI installs snmpd snmp smitools iproute2 strace)");
        }
    }

    /** Full path of {@code command} on PATH (or /usr/sbin, /sbin), or null. */
    public static Path which(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    public static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("SKIPPED: " + reason);
        }
        Assumptions.assumeTrue(condition, reason);
    }
}
