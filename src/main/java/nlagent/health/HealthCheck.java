package nlagent.health;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nlagent.time.Ticker;

/**
 * {@code nlagent check}: one counter sample and one probe run through the same
 * {@link HealthEvaluator} and thresholds as the agent, printed as a Nagios/Icinga plugin result:
 * a status line with perfdata, then one line per probe; the exit code is the state's.
 */
public final class HealthCheck {
    private HealthCheck() {
    }

    /** Checks the running kernel; returns the Nagios exit code. */
    public static int run(HealthConfig config, PrintStream out) {
        IoCounters io = new IoCounters();
        try (KernelCounterReader counters = KernelCounterReader.forRunningKernel(config, io);
             StatProbe probe = StatProbe.fromConfig(config, io)) {
            return run(config, counters, probe, io, out);
        }
    }

    /** With injected sources (tests). */
    static int run(HealthConfig config, CounterSource counters, ProbeRunner probe, IoCounters io, PrintStream out) {
        Ticker t = Ticker.system();
        HealthEvaluator e = new HealthEvaluator(config, io, t.nanos());
        e.onCounters(counters.read(), null, t.nanos());
        if (config.probeEnabled()) {
            e.onProbe(probe.run(), t.nanos());
        }
        HealthStatus s = e.status(null);
        out.print(format(s, config));
        out.flush();
        return s.state().nagiosExitCode;
    }

    static String format(HealthStatus s, HealthConfig c) {
        List<String> perf = new ArrayList<>();
        for (ProbeStatus p : s.probes()) {
            String label = label(p.path());
            p.excessNanos().ifPresent(v -> perf.add(perf("excess_" + label, micros(v), "us",
                    c.chainExcessUs().rising(), c.chainExcessCriticalUs().rising())));
            p.latencyNanos().ifPresent(v -> perf.add(perf("latency_" + label, micros(v), "us", -1, -1)));
        }
        s.controlLatencyNanos().ifPresent(v -> perf.add(perf("latency_control", micros(v), "us", -1, -1)));
        KernelCounters k = s.counters();
        k.dentries().ifPresent(v -> perf.add(perf("dentries", v, "", -1, -1)));
        k.dentriesUnused().ifPresent(v -> perf.add(perf("dentries_unused", v, "", c.dentriesUnused().rising(), -1)));
        k.dentriesNegative().ifPresent(v -> perf.add(perf("dentries_negative", v, "",
                c.dentriesNegative().rising(), -1)));
        k.slabDentryObjects().ifPresent(v -> perf.add(perf("slab_dentry", v, "", -1, -1)));
        k.slabProcInodeObjects().ifPresent(v -> perf.add(perf("slab_proc_inode", v, "", -1, -1)));
        k.slabNetNamespaceObjects().ifPresent(v -> perf.add(perf("netns", v, "", -1, -1)));
        s.lastProbeDurationNanos().ifPresent(v -> perf.add(perf("probe_duration", micros(v), "us", -1, -1)));
        perf.add(perf("probe_lookups", s.monitorProcSysLookups(), "c", -1, -1));

        StringBuilder sb = new StringBuilder();
        sb.append("DCACHE ").append(s.state().name()).append(" - ").append(s.message().replace('|', '/'))
                .append(" | ").append(String.join(" ", perf)).append('\n');
        for (ProbeStatus p : s.probes()) {
            // the path's own state, from the same alarms as the overall state (never "ok" beside a critical alarm)
            sb.append(p.path()).append(": ").append(p.stateWord());
            if (p.latencyNanos().isPresent()) {
                sb.append(", latency ").append(fmt(micros(p.latencyNanos().getAsLong()))).append(" us");
            }
            if (p.excessNanos().isPresent()) {
                sb.append(", excess ").append(fmt(micros(p.excessNanos().getAsLong()))).append(" us, ratio ")
                        .append(p.ratioPercent().getAsLong()).append("%, ").append(p.chain().describe());
            }
            sb.append('\n');
        }
        sb.append("control ").append(c.probeControlPath()).append(": ")
                .append(s.controlLatencyNanos().isPresent()
                        ? fmt(micros(s.controlLatencyNanos().getAsLong())) + " us" : "not measurable")
                .append('\n');
        return sb.toString();
    }

    /** "/proc/sys/net/ipv6" -> "net.ipv6": perfdata labels without quotes or slashes. */
    static String label(Path path) {
        String s = path.toString();
        if (s.startsWith("/proc/sys/")) {
            s = s.substring("/proc/sys/".length());
        }
        return s.replaceAll("^/+", "").replace('/', '.').replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String perf(String label, double value, String uom, long warn, long crit) {
        String v = uom.equals("us") ? fmt(value) : String.valueOf((long) value);
        return label + "=" + v + uom + ";" + (warn < 0 ? "" : warn) + ";" + (crit < 0 ? "" : crit) + ";0;";
    }
}
