package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigFile;
import nlagent.model.NetnsSnapshot;
import nlagent.model.RouteEntry;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;
import nlagent.testing.TestNamespaces;
import nlagent.time.ExecutorScheduler;
import nlagent.time.Ticker;

/**
 * A burst of 10,000 neighbour additions in one namespace (one {@code ip -batch}, as fast as the
 * kernel takes them) is applied from notifications without a re-dump per change, and does not hold
 * up another namespace: a route added there meanwhile is in its snapshot within 1 s.
 */
class NeighbourBurstTest {

    @Test
    void aNeighbourBurstNeitherReDumpsNorStallsOtherNamespaces() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip");
        try (TestNamespaces ns = new TestNamespaces("nrb");
             ExecutorScheduler scheduler = new ExecutorScheduler("test-kernel", 1)) {
            String busy = ns.addNamespace("a");
            String calm = ns.addNamespace("b");
            for (String n : List.of(busy, calm)) {
                ns.exec(n, "ip", "link", "add", "va", "type", "veth", "peer", "name", "vb");
                ns.exec(n, "ip", "link", "set", "va", "up");
                ns.exec(n, "ip", "link", "set", "vb", "up");
                ns.exec(n, "ip", "addr", "add", "10.8.0.1/16", "dev", "va");
            }
            KernelConfig kc = new KernelConfig();
            ConfigFile.apply("t.conf", "netnsNamePattern " + ns.prefix() + "*\nrefreshIntervalMs 600000\nidleRefreshIntervalMs 600000\n",
                    List.of(kc));
            try (KernelDataPlane plane = KernelDataPlane.start(kc, Ticker.system(), scheduler)) {
                assertTrue(plane.awaitContext(busy, 10, TimeUnit.SECONDS) && plane.awaitContext(calm, 10, TimeUnit.SECONDS));
                long refreshesBefore = plane.refreshCount(busy);
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    lines.add(String.format("neigh add 10.8.%d.%d lladdr 02:00:00:00:%02x:%02x dev va nud permanent",
                            1 + i / 250, 1 + i % 250, i / 256, i % 256));
                }
                Path batch = Files.createTempFile("nlagent-burst", ".ip");
                Files.write(batch, lines);
                Thread burst = new Thread(() -> Processes.run(120, List.of("ip", "-n", busy, "-batch", batch.toString())));
                try {
                    burst.start();
                    Thread.sleep(100); // the burst is under way
                    long added = System.nanoTime();
                    ns.exec(calm, "ip", "route", "add", "10.99.0.0/16", "via", "10.8.0.2");
                    long seenMs = -1;
                    while (System.nanoTime() - added < TimeUnit.SECONDS.toNanos(3)) {
                        NetnsSnapshot s = plane.snapshot(calm);
                        if (s.routes().stream().anyMatch(r -> r.prefixLength() == 16 && r.destination()[1] == 99)) {
                            seenMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - added);
                            break;
                        }
                        Thread.sleep(10);
                    }
                    assertTrue(seenMs >= 0 && seenMs < 1000, "route in the calm namespace seen after " + seenMs + " ms");
                    burst.join(120_000);
                } finally {
                    Files.deleteIfExists(batch);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                int size = 0;
                while (System.nanoTime() < deadline) {
                    size = (int) plane.snapshot(busy).neighbours().stream()
                            .filter(n -> n.family() == 2 && n.address()[0] == 10 && n.address()[1] == 8).count();
                    if (size >= 10_000) {
                        break;
                    }
                    Thread.sleep(20);
                }
                assertEquals(10_000, size, "every neighbour of the burst served");
                // the kernel drops notifications under such a burst (ENOBUFS): then a re-dump, and one more once
                // it is quiet (a dump overlapping changes can miss entries), at most one per 250 ms: never one per change
                assertTrue(plane.refreshCount(busy) - refreshesBefore <= 10,
                        "re-dumps during the burst: " + (plane.refreshCount(busy) - refreshesBefore));
                assertTrue(plane.snapshot(calm).neighbours().stream().noneMatch(n -> n.family() == 2 && n.address()[1] == 8),
                        "the burst stays in its namespace");
                RouteEntry r = plane.snapshot(calm).routes().stream().filter(x -> x.prefixLength() == 16 && x.destination()[1] == 99)
                        .findFirst().orElseThrow();
                assertEquals(10, r.destination()[0]);
            }
        }
    }
}
