package nlagent.cli;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Run in a JVM of its own by {@link JitDirectivesTest} (a freeze is for the rest of the JVM's life): with
 * argument {@code freeze} it freezes C2 first ({@link JitDirectives#freezeC2()}), then makes one method hot
 * enough for C2 and prints the highest level any compilation of it reached ("level N"; 0: none), from the
 * JVM's own code list.
 */
public final class JitFreezeProbe {
    private JitFreezeProbe() {
    }

    /** Hot enough for C2 after some thousand calls with a loop inside. */
    static long spin(long x) {
        long h = x;
        for (int i = 0; i < 1_000; i++) {
            h = h * 31 + (i ^ (h >>> 7));
        }
        return h;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("freeze")) {
            System.out.println("answer " + JitDirectives.freezeC2().orElse("none"));
        }
        long h = 0;
        long deadline = System.nanoTime() + 3_000_000_000L;
        int highest = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 20_000; i++) {
                h += spin(i);
            }
            highest = highestLevel();
            if (highest == 4) {
                break;
            }
        }
        System.out.println("level " + highest + " " + (h == 42 ? "!" : ""));
    }

    private static int highestLevel() throws Exception {
        String list = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerCodelist", new Object[0], new String[0]);
        int highest = 0;
        for (String line : list.split("\n")) {
            // "<compile id> <level> <state> <method> [...]"
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[3].startsWith("nlagent.cli.JitFreezeProbe.spin")) {
                highest = Math.max(highest, Integer.parseInt(f[1]));
            }
        }
        return highest;
    }
}
