package nlagent.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;
import nlagent.testing.ProcSysOracle;
import nlagent.testing.TestNamespaces;

/** Shared helpers of the real-kernel data-plane tests. */
final class KernelTestSupport {
    private KernelTestSupport() {
    }

    /**
     * One test namespace with lo up and a veth pair d1/d2 (both down: no IPv6 autoconfiguration traffic moves their
     * counters), and a handle on it with its own counters and a manual clock; closes the handle, the switcher and the
     * namespace, in that order, also when the setup fails half-way.
     */
    static final class VethNamespace implements AutoCloseable {
        final TestNamespaces ns;
        final String name;
        final nlagent.time.ManualScheduler clock = new nlagent.time.ManualScheduler();
        final KernelCounters counters = new KernelCounters();
        final NetnsHandle handle;
        private final NetnsSwitcher switcher;

        VethNamespace(String prefix) throws Exception {
            ns = new TestNamespaces(prefix);
            NetnsSwitcher sw = null;
            try {
                name = ns.addNamespace("a");
                ns.exec(name, "ip", "link", "add", "d1", "type", "veth", "peer", "name", "d2");
                ns.exec(name, "ip", "link", "set", "lo", "up");
                sw = new NetnsSwitcher();
                handle = NetnsHandle.open(name, java.nio.file.Path.of("/run/netns", name), sw, counters);
            } catch (Exception | Error e) {
                if (sw != null) {
                    sw.close();
                }
                ns.close();
                throw e;
            }
            switcher = sw;
        }

        @Override
        public void close() {
            try {
                handle.close();
            } finally {
                try {
                    switcher.close();
                } finally {
                    ns.close();
                }
            }
        }
    }

    /**
     * A veth pair {@code a}/{@code b} in {@code netns}, both up, without link-local addresses: their duplicate address
     * detection would announce them a second later, and the structure dump that notification asks for would hide
     * whether the change a test makes brought its own.
     */
    static void quietVethPair(TestNamespaces ns, String netns, String a, String b) {
        ns.exec(netns, "ip", "link", "add", a, "type", "veth", "peer", "name", b);
        for (String end : List.of(a, b)) {
            ns.exec(netns, "ip", "link", "set", end, "addrgenmode", "none");
        }
        for (String end : List.of(a, b)) {
            ns.exec(netns, "ip", "link", "set", end, "up");
        }
    }

    /** A config serving only this test's namespaces (others' namespaces in /run/netns must never be opened). */
    static KernelConfig config(TestNamespaces ns, long refreshIntervalMs) {
        KernelConfig c = new KernelConfig();
        try {
            c.accept(new ConfigLine("test", 1, "netnsDir", List.of("/run/netns")));
            c.accept(new ConfigLine("test", 2, "netnsNamePattern", List.of(ns.prefix() + "-*")));
            c.accept(new ConfigLine("test", 3, "refreshIntervalMs", List.of(String.valueOf(refreshIntervalMs))));
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
        return c;
    }

    /**
     * The oracle: /proc/sys/net/{relPaths} read in {@code netns} (null: this process's namespace),
     * all in one {@code ip netns exec} for a named one. Missing files map to null.
     */
    static Map<String, Long> procSys(TestNamespaces ns, String netns, List<String> relPaths) {
        Map<String, Long> out = new HashMap<>();
        if (netns == null) {
            for (String p : relPaths) {
                try {
                    out.put(p, ProcSysOracle.readLong("/proc/sys/net/" + p));
                } catch (RuntimeException e) {
                    out.put(p, null);
                }
            }
            return out;
        }
        List<String> cmd = new ArrayList<>(List.of("sh", "-c",
                "cd /proc/sys/net && for f in \"$@\"; do printf '%s=%s\\n' \"$f\" \"$(cat $f 2>/dev/null)\"; done", "sh"));
        cmd.addAll(relPaths);
        for (String line : ns.exec(netns, cmd.toArray(new String[0])).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String v = line.substring(eq + 1).trim();
                out.put(line.substring(0, eq), v.isEmpty() ? null : Long.parseLong(v.split("\\s+")[0]));
            }
        }
        return out;
    }

    /**
     * A data plane serving this test's namespaces on a manual clock (refresh interval 5 s), with the
     * namespaces found at start already opened.
     */
    static KernelDataPlane startManual(TestNamespaces ns, nlagent.time.ManualScheduler clock) throws java.io.IOException {
        KernelDataPlane plane = KernelDataPlane.start(config(ns, 5000), clock, clock);
        clock.runDue();
        return plane;
    }

    /** A test body run on {@link #withManualPlane}. */
    interface ManualPlaneTest {
        void run(TestNamespaces ns, String netns, nlagent.time.ManualScheduler clock, KernelDataPlane plane) throws Exception;
    }

    /**
     * Runs {@code test} on one namespace {@code a} of fresh test namespaces with prefix {@code prefix}, served by a
     * data plane on a manual clock ({@link #startManual}); the plane and the namespaces are closed and removed after
     * it, whatever it throws.
     */
    static void withManualPlane(String prefix, ManualPlaneTest test) throws Exception {
        try (TestNamespaces ns = new TestNamespaces(prefix)) {
            String netns = ns.addNamespace("a");
            nlagent.time.ManualScheduler clock = new nlagent.time.ManualScheduler();
            try (KernelDataPlane plane = startManual(ns, clock)) {
                test.run(ns, netns, clock, plane);
            }
        }
    }

    /**
     * What a request for {@code context} sees: {@link KernelDataPlane#awaitFresh} on another thread
     * (it waits for the scheduler) while this one runs the manual scheduler's due tasks; then the
     * snapshot served.
     */
    static nlagent.model.NetnsSnapshot readFresh(KernelDataPlane plane, nlagent.time.ManualScheduler clock, String context)
            throws InterruptedException {
        Thread reader = new Thread(() -> plane.awaitFresh(context), "test-reader");
        reader.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (reader.isAlive() && System.nanoTime() < deadline) {
            clock.runDue();
            reader.join(1);
        }
        if (reader.isAlive()) {
            throw new IllegalStateException("awaitFresh(" + context + ") did not return");
        }
        return plane.snapshot(context);
    }

    /**
     * Returns once 600 ms of the manual clock (in 200 ms steps, real time between them for the notification thread)
     * passed without a structure dump of {@code context} or a refresh pending for it; fails after 10 s.
     */
    static void awaitQuiet(KernelDataPlane plane, nlagent.time.ManualScheduler clock, String context) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        long last = plane.structureDumps(context);
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            clock.advance(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            long now = plane.structureDumps(context);
            quiet = now == last && !plane.refreshPending(context) ? quiet + 1 : 0;
            last = now;
        }
        if (quiet < 3) {
            throw new AssertionError("the namespace never went quiet");
        }
    }

    /** Polls {@code condition} every 10 ms until true or {@code timeoutMs} passed; returns the elapsed ms or -1. */
    static long await(long timeoutMs, Supplier<Boolean> condition) {
        long start = System.nanoTime();
        while (true) {
            Boolean ok;
            try {
                ok = condition.get();
            } catch (RuntimeException e) {
                ok = false;
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            if (Boolean.TRUE.equals(ok)) {
                return elapsedMs;
            }
            if (elapsedMs > timeoutMs) {
                return -1;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }
}
