package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigFile;
import nlagent.mib.MibValue;
import nlagent.mib.SnapshotMibProvider;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.mib.oid.IfMib;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;
import nlagent.time.ExecutorScheduler;
import nlagent.time.Ticker;

/**
 * Refresh on demand on the real kernel, with the production scheduler (issue 11, idle cost): an
 * agent nobody reads re-dumps nothing over several refresh intervals; a request for a namespace
 * whose reading is an interval old is answered with counters read after it came (traffic made
 * inside the namespace shows at once, equal to the kernel's own count), and a change still reaches
 * the snapshot by notification with nobody reading.
 */
class OnDemandRefreshTest {
    private static final long INTERVAL_MS = 300;

    @Test
    void idleAgentDumpsNothingAndAReadOfAStaleNamespaceGetsFreshCounters() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip", "ping");
        try (TestNamespaces ns = new TestNamespaces("od");
             ExecutorScheduler scheduler = new ExecutorScheduler("test-kernel", 2)) {
            String a = ns.addNamespace("a");
            KernelConfig kc = new KernelConfig();
            ConfigFile.apply("t.conf", "netnsNamePattern " + ns.prefix() + "-*\nrefreshIntervalMs " + INTERVAL_MS + "\n", List.of(kc));
            try (KernelDataPlane plane = KernelDataPlane.start(kc, Ticker.system(), scheduler);
                 SnapshotMibProvider provider = new SnapshotMibProvider(plane,
                         new NetnsMibBuilder(Uptime.startingNow(Ticker.system())), List.of(), List.of()).start()) {
                assertTrue(plane.awaitContext(a, 10, java.util.concurrent.TimeUnit.SECONDS), "namespace opened");
                assertTrue(plane.awaitAllOpened(10, java.util.concurrent.TimeUnit.SECONDS),
                        "the namespaces found at start are open (what the standalone warm-up waits for)");

                // nobody reads: nothing is re-dumped over several intervals
                long refreshes = plane.refreshCount(a);
                long scheduled = plane.scheduledRefreshes();
                Thread.sleep(6 * INTERVAL_MS);
                assertEquals(refreshes, plane.refreshCount(a), "the unread namespace was not re-dumped");
                assertEquals(scheduled, plane.scheduledRefreshes(), "the schedule started no refresh, the own namespace's neither");

                // traffic inside the namespace, then a read once the reading is an interval old
                var loInOctets = IfMib.IF_X_ENTRY.append(IfMib.IF_HC_IN_OCTETS).append(1);
                long before = provider.view(a).get(loInOctets).number();
                ns.exec(a, "ping", "-c", "3", "-i", "0.01", "-q", "127.0.0.1");
                long kernel = Long.parseLong(ns.exec(a, "cat", "/sys/class/net/lo/statistics/rx_bytes").trim());
                assertTrue(kernel > before, "the ping counted by the kernel");
                Thread.sleep(INTERVAL_MS);
                MibValue after = provider.view(a).get(loInOctets);
                assertEquals(kernel, after.number(),
                        "the first read after the interval is answered with the counter read after the traffic");
                assertEquals(refreshes + 2, plane.refreshCount(a), "one re-dump for each of the two reads, intervals apart");
                long oneRefresh = plane.refreshCount(a);
                provider.view(a);
                provider.view(a);
                assertEquals(oneRefresh, plane.refreshCount(a), "reads within the interval: no further re-dump");
                // the standalone warm-up's passes: an expired reading makes the next read (only) wait for a re-dump
                plane.expire(a);
                assertEquals(oneRefresh, plane.refreshCount(a), "expiring re-dumps nothing by itself");
                provider.view(a);
                provider.view(a);
                assertEquals(oneRefresh + 1, plane.refreshCount(a), "the read after the expiry re-dumped once, within the interval");

                // a change with nobody reading: by notification, within a second
                ns.exec(a, "ip", "addr", "add", "10.79.0.1/32", "dev", "lo");
                byte[] want = {10, 79, 0, 1};
                assertTrue(KernelTestSupport.await(1_000, () -> plane.snapshot(a).addresses().stream()
                        .anyMatch(e -> Arrays.equals(e.address(), want))) >= 0, "address added, served without a read");
                assertEquals(0, plane.staleReads());
            }
        }
    }
}
