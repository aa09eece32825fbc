package nlagent.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test, with the reason printed on stdout, when the machine lacks what it needs (root,
 * network namespaces, net-snmp tools). CI has all of them, so there ({@code CI=true}) a missing one fails the test.
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

    /**
     * Kernel nexthop objects with net.ipv4.nexthop_compat_mode (Linux 5.8+; the objects came in 5.3): the route
     * tests run routes over them in both compat modes.
     */
    public static void assumeNexthopObjects() {
        skipUnless(Files.exists(Path.of("/proc/sys/net/ipv4/nexthop_compat_mode")),
                "needs kernel nexthop objects with net.ipv4.nexthop_compat_mode (Linux 5.8+)");
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

    /**
     * Skips (with the reason printed) when {@code condition} is false; under {@code CI=true} fails instead, because CI
     * installs everything the tests need and a skipped test there would hide a broken install step.
     */
    public static void skipUnless(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (isCi()) {
            Assertions.fail("precondition missing under CI=true: " + reason);
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.assumeTrue(false, reason);
    }

    /** True where every precondition must hold: CI sets {@code CI=true}. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
