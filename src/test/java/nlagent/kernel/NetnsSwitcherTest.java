package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import nlagent.sys.ErrnoException;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;

/** The setns thread: runs inside the target, always comes back, refuses what is not a namespace. */
class NetnsSwitcherTest {

    private static String threadNetns() throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    @Test
    void runsInsideTheTargetAndReturnsToItsOwnNamespace() throws Exception {
        Preconditions.assumeRoot();
        String own = threadNetns();
        try (TestNamespaces ns = new TestNamespaces("ks"); NetnsSwitcher sw = new NetnsSwitcher()) {
            String a = ns.addNamespace("a");
            Path handle = Path.of("/run/netns", a);
            String inside = sw.call(handle, NetnsSwitcherTest::threadNetns);
            assertNotEquals(own, inside);
            assertEquals("net:[" + Files.getAttribute(handle, "unix:ino") + "]", inside);
            assertEquals(own, sw.call(null, NetnsSwitcherTest::threadNetns), "back home after the task");

            Path notNs = Files.createTempFile("notns", "");
            try {
                ErrnoException e = assertThrows(ErrnoException.class, () -> sw.call(notNs, () -> "never"));
                assertTrue(e.getMessage().contains("setns"), e.getMessage());
                assertThrows(ErrnoException.class, () -> sw.call(Path.of("/run/netns/absent-" + a), () -> "never"));
                // a failing task inside the namespace still switches back
                assertThrows(IllegalStateException.class, () -> sw.call(handle, () -> {
                    throw new IllegalStateException("task failed");
                }));
                assertEquals(own, sw.call(null, NetnsSwitcherTest::threadNetns));
            } finally {
                Files.deleteIfExists(notNs);
            }
        }
    }
}
