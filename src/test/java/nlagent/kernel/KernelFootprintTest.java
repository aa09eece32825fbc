package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.model.NetnsSnapshot;
import nlagent.testing.Preconditions;
import nlagent.testing.ProcSysOracle;
import nlagent.testing.TestNamespaces;
import nlagent.time.ManualScheduler;

/**
 * The agent's own kernel footprint (issue 11, goal 1): while it opens K namespaces and reads each once (which opens its held files) it makes no path
 * lookup under the host's /proc/sys (strace of this JVM, every thread), and the values it no longer
 * reads from there still follow changes made inside a namespace.
 */
class KernelFootprintTest {
    private static final int K = 12;

    @Test
    void openingNamespacesLooksUpNothingUnderTheHostsProcSys() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("strace");
        try (TestNamespaces ns = new TestNamespaces("kf")) {
            List<String> suffixes = new ArrayList<>();
            for (int i = 0; i < K; i++) {
                suffixes.add(String.valueOf(i));
            }
            List<String> names = ns.addNamespaces(suffixes);
            Path trace = Files.createTempFile("nlagent-footprint", ".strace");
            long self = ProcessHandle.current().pid();
            Process strace = new ProcessBuilder("strace", "-f", "-qq", "-e", "trace=%file", "-o", trace.toString(),
                    "-p", String.valueOf(self)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ManualScheduler clock = new ManualScheduler();
            try {
                // strace writes nothing until it has attached; a file stat from here shows up once it has
                long attached = KernelTestSupport.await(10_000, () -> Path.of("/proc/self/status").toFile().exists()
                        && trace.toFile().length() > 0);
                assertTrue(attached >= 0, "strace did not attach");
                try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, 5000), clock, clock)) {
                    for (int i = 0; i < K && plane.contexts().size() < K + 1; i++) {
                        clock.runDue();
                    }
                    assertEquals(K + 1, plane.contexts().size(), "every test namespace served");
                    assertEquals(1, plane.stats().heldFds(), "only the own namespace's ipfrag_time before any read");
                    for (String n : names) {
                        assertTrue(KernelTestSupport.readFresh(plane, clock, n).ipReasmTimeoutSeconds() > 0, n);
                    }
                    assertEquals(K + 1, plane.stats().heldFds(), "each namespace's ipfrag_time, opened at its first read");
                }
            } finally {
                strace.destroy(); // SIGTERM: strace detaches from every thread and exits
                strace.waitFor(10, TimeUnit.SECONDS);
                if (strace.isAlive()) {
                    strace.destroyForcibly();
                }
            }
            List<String> lines = Files.readAllLines(trace);
            Files.deleteIfExists(trace);
            List<String> procSys = lines.stream().filter(l -> l.contains("\"/proc/sys/")).toList();
            assertEquals(0, procSys.size(), "path lookups under the host's /proc/sys, e.g. "
                    + procSys.subList(0, Math.min(3, procSys.size())));
            long privateOpens = lines.stream().filter(l -> l.contains("openat(") && l.contains("\"sys/net/ipv4/ipfrag_time\"")).count();
            assertEquals(K + 1L, privateOpens, "ipfrag_time opened once per namespace, through the private procfs instance");
        }
    }

    @Test
    void valuesChangedInsideANamespaceReachTheSnapshot() throws Exception {
        try (TestNamespaces ns = new TestNamespaces("kg")) {
            String a = ns.addNamespace("a");
            ManualScheduler clock = new ManualScheduler();
            try (KernelDataPlane plane = KernelTestSupport.startManual(ns, clock)) {
                NetnsSnapshot before = KernelTestSupport.readFresh(plane, clock, a); // the first read opens ipfrag_time
                assertNotNull(before);
                int ttl = before.ipDefaultTtl() == 77 ? 78 : 77;
                int frag = before.ipReasmTimeoutSeconds() == 19 ? 21 : 19;
                int hops = before.ipv6HopLimit() == 55 ? 56 : 55;
                ns.sysctl(a, "net.ipv4.ip_default_ttl", String.valueOf(ttl));
                ns.sysctl(a, "net.ipv4.ipfrag_time", String.valueOf(frag));
                ns.sysctl(a, "net.ipv6.conf.all.hop_limit", String.valueOf(hops));
                NetnsSnapshot after = plane.refresh(a);
                assertEquals(ttl, after.ipDefaultTtl());
                assertEquals(frag, after.ipReasmTimeoutSeconds());
                assertEquals(hops, after.ipv6HopLimit());
                // and the root namespace's values are the root's, not the last namespace's
                NetnsSnapshot own = plane.refresh("");
                assertEquals(ProcSysOracle.readLong("/proc/sys/net/ipv4/ip_default_ttl"), own.ipDefaultTtl());
                assertEquals(ProcSysOracle.readLong("/proc/sys/net/ipv4/ipfrag_time"), own.ipReasmTimeoutSeconds());
                assertEquals(ProcSysOracle.readLong("/proc/sys/net/ipv6/conf/all/hop_limit"), own.ipv6HopLimit());
            }
        }
    }
}
