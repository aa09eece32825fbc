package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigFile;
import nlagent.model.NetnsSnapshot;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;
import nlagent.time.ExecutorScheduler;
import nlagent.time.Ticker;

/**
 * The start-up exercise of the snapshot assembly ({@link KernelDataPlane#exerciseAssembly}) runs the assembly
 * over the current reading and changes nothing: no re-dump, no new snapshot published, the same answer; it
 * stops at its count or its time budget, and does nothing for a context it does not know.
 */
class ExerciseAssemblyTest {

    @Test
    void itAssemblesAgainWithoutReadingOrPublishing() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip");
        try (TestNamespaces ns = new TestNamespaces("ea");
             ExecutorScheduler scheduler = new ExecutorScheduler("test-kernel", 2)) {
            String a = ns.addNamespace("a");
            ns.exec(a, "ip", "link", "add", "d0", "type", "veth", "peer", "name", "d1");
            ns.exec(a, "ip", "addr", "add", "10.79.1.1/24", "dev", "d0");
            ns.exec(a, "ip", "link", "set", "d0", "up");
            KernelConfig kc = new KernelConfig();
            ConfigFile.apply("t.conf", "netnsNamePattern " + ns.prefix() + "-*\nrefreshIntervalMs 60000\n", List.of(kc));
            try (KernelDataPlane plane = KernelDataPlane.start(kc, Ticker.system(), scheduler)) {
                assertTrue(plane.awaitContext(a, 10, TimeUnit.SECONDS), "namespace opened");
                assertTrue(plane.awaitAllOpened(10, TimeUnit.SECONDS));
                NetnsSnapshot before = plane.snapshot(a);
                assertEquals(3, before.interfaces().size(), "lo, d0 and its peer d1");
                long refreshes = plane.refreshCount(a);

                assertEquals(40, plane.exerciseAssembly(a, 40, 10_000), "every run within a generous budget");
                assertEquals(0, plane.exerciseAssembly(a, 1_000_000, 0), "a spent budget runs nothing");
                assertEquals(0, plane.exerciseAssembly("no-such-context", 40, 10_000));

                assertEquals(refreshes, plane.refreshCount(a), "nothing re-dumped");
                assertSame(before, plane.snapshot(a), "nothing published");
            }
        }
    }
}
