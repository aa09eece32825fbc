package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;
import nlagent.testing.TestNamespaces;

/**
 * The kernel draws every device's effective ND reachable time again at random every 300 s (and when its
 * base time is written). Nothing serves that value (ipv6InterfaceReachableTime is the base time), so a
 * re-draw must change nothing: not ipv6InterfaceTableLastChange, not the interface rows, which the view
 * would otherwise rebuild for every interface every five minutes. On the real kernel: the base time is
 * written and written back between two refreshes, which re-draws the effective time and leaves every
 * served value as it was.
 */
class RandomizedReachableTimeTest {
    private static final Pattern EFFECTIVE = Pattern.compile("(?<![_a-z])reachable (\\d+)");

    @Test
    void aNewRandomReachableTimeChangesNothingServed() throws Exception {
        KernelTestSupport.withManualPlane("kr", (ns, a, clock, plane) -> {
            KernelTestSupport.quietVethPair(ns, a, "r0", "r1");
            String key = "net.ipv6.neigh.r0.base_reachable_time_ms";
            String original = "30000"; // exact in jiffies at any HZ: written back, it reads the same
            ns.sysctl(a, key, original);
            KernelTestSupport.awaitQuiet(plane, clock, a);
            clock.advance(5, TimeUnit.SECONDS);
            NetnsSnapshot before = KernelTestSupport.readFresh(plane, clock, a);
            InterfaceSnapshot row = row(before, "r0");
            long base = row.ipv6().baseReachableTimeMs();
            assertTrue(base > 0, "the base reachable time is served");

            long effective = effective(ns, a, "r0");
            long redrawn = effective;
            for (int i = 0; i < 5 && redrawn == effective; i++) { // equal by chance: draw again
                ns.sysctl(a, key, String.valueOf(Long.parseLong(original) + 10_000));
                ns.sysctl(a, key, original);
                redrawn = effective(ns, a, "r0");
            }
            assertNotEquals(effective, redrawn, "the kernel drew a new effective reachable time");

            long tableDumps = plane.neighTableDumps();
            Thread.sleep(300); // the AF_INET6 link notifications of the writes are handled (the clock holds the refresh)
            clock.advance(5, TimeUnit.SECONDS);
            NetnsSnapshot after = KernelTestSupport.readFresh(plane, clock, a);
            assertTrue(plane.neighTableDumps() > tableDumps, "the refresh read the neighbour tables again");
            assertEquals(base, row(after, "r0").ipv6().baseReachableTimeMs(), "the served base time is the same");
            assertEquals(before.ipv6LastChangeNanos(), after.ipv6LastChangeNanos(), "ipv6InterfaceTableLastChange did not move");
            assertSame(row.ipv6(), row(after, "r0").ipv6(), "the row's IPv6 settings are the ones read before");
        });
    }

    /** The device's effective (randomized) ND reachable time, from `ip ntable` (ms). */
    private static long effective(TestNamespaces ns, String netns, String dev) {
        String out = ns.exec(netns, "ip", "-6", "ntable", "show", "dev", dev);
        Matcher m = EFFECTIVE.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no reachable time in: " + out);
        }
        return Long.parseLong(m.group(1));
    }

    private static InterfaceSnapshot row(NetnsSnapshot s, String name) {
        return s.interfaces().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }
}
