package nlagent.health;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import nlagent.config.ConfigException;
import nlagent.config.ConfigKey;
import nlagent.config.ConfigLine;
import nlagent.config.DeclaredSection;
import nlagent.config.KeyTable;

/**
 * Config keys of the dcache health monitor: probe paths and cost bounds, sampling, thresholds
 * (rising/falling pairs with hysteresis) and source paths. Documented in config/nlagent.conf.
 */
public final class HealthConfig extends DeclaredSection {
    static final List<Path> DEFAULT_PROBE_PATHS =
            List.of(Path.of("/proc/sys/net/ipv6"), Path.of("/proc/sys/net/core"), Path.of("/proc/sys/net/ipv4"));

    private static final ConfigKey PROBE_INTERVAL_SECONDS = ConfigKey.number("probeIntervalSeconds", 10, 86_400, 60,
            "seconds between probe runs");
    private static final ConfigKey PROBE_MAX_INTERVAL_SECONDS = ConfigKey.number("probeMaxIntervalSeconds", 10, 7 * 86_400,
            960, "ceiling of the probe back-off, seconds");
    private static final ConfigKey PROBE_BURST = ConfigKey.number("probeBurst", 1, 101, 9, "samples per path and run");
    private static final ConfigKey PROBE_BUDGET_US = ConfigKey.number("probeBudgetUs", 100, 10_000_000, 10_000,
            "budget of one stat() sample, microseconds");
    private static final ConfigKey PROBE_PER_ENTRY_NS = ConfigKey.number("probePerEntryNs", 1, 1_000_000, 120,
            "cost of one dcache chain entry, nanoseconds");
    private static final ConfigKey SAMPLE_INTERVAL_SECONDS = ConfigKey.number("sampleIntervalSeconds", 1, 86_400, 10,
            "seconds between reads of dentry-state and the slab counts");
    /** Every key of this section, declared once. */
    static final KeyTable KEYS = KeyTable.of(
            ConfigKey.words("probeEnabled", 1, 1, "yes", "run the lookup probe at all"),
            PROBE_INTERVAL_SECONDS, PROBE_MAX_INTERVAL_SECONDS,
            ConfigKey.words("probePath", 1, 1, "/proc/sys/net/ipv6", "probed path, repeatable (the first line replaces the defaults)"),
            ConfigKey.words("probeControlPath", 1, 1, "/proc/sys/net", "control path of the probe"),
            PROBE_BURST, PROBE_BUDGET_US, PROBE_PER_ENTRY_NS, SAMPLE_INTERVAL_SECONDS,
            ConfigKey.words("chainExcessUs", 2, 2, "20 10", "probe excess alarm, RISING FALLING microseconds"),
            ConfigKey.words("chainExcessCriticalUs", 2, 2, "200 100", "probe excess of the critical state, RISING FALLING"),
            ConfigKey.words("dentriesUnused", 2, 2, "10000000 8000000", "unused dentries alarm, RISING FALLING"),
            ConfigKey.words("dentriesNegative", 2, 2, "5000000 4000000", "negative dentries alarm, RISING FALLING"),
            ConfigKey.words("dentryStatePath", 1, 1, "/proc/sys/fs/dentry-state", "dentry-state file"),
            ConfigKey.words("slabDir", 1, 1, "/sys/kernel/slab", "SLUB per-cache directory"),
            ConfigKey.words("slabinfoPath", 1, 1, "/proc/slabinfo", "slabinfo file (fallback)"));

    private boolean probeEnabled = true;
    private long probeIntervalSeconds = PROBE_INTERVAL_SECONDS.defaultNumber();
    private long probeMaxIntervalSeconds = PROBE_MAX_INTERVAL_SECONDS.defaultNumber();
    private List<Path> probePaths = DEFAULT_PROBE_PATHS;
    private boolean probePathsSet;
    private Path probeControlPath = Path.of("/proc/sys/net");
    private int probeBurst = (int) PROBE_BURST.defaultNumber();
    private long probeBudgetUs = PROBE_BUDGET_US.defaultNumber();
    private long probePerEntryNs = PROBE_PER_ENTRY_NS.defaultNumber();
    private long sampleIntervalSeconds = SAMPLE_INTERVAL_SECONDS.defaultNumber();
    private Threshold chainExcessUs = new Threshold(20, 10);
    private Threshold chainExcessCriticalUs = new Threshold(200, 100);
    private Threshold dentriesUnused = new Threshold(10_000_000, 8_000_000);
    private Threshold dentriesNegative = new Threshold(5_000_000, 4_000_000);
    private Path dentryStatePath = Path.of("/proc/sys/fs/dentry-state");
    private Path slabDir = Path.of("/sys/kernel/slab");
    private Path slabinfoPath = Path.of("/proc/slabinfo");

    /** A rising/falling pair: alarm when the value reaches {@code rising}, re-arm at {@code falling} or below. */
    public record Threshold(long rising, long falling) {
    }

    public HealthConfig() {
        super(KEYS);
    }

    @Override
    protected void apply(ConfigLine line) throws ConfigException {
        switch (line.key()) {
            case "probeEnabled":
                probeEnabled = line.boolArg(0);
                break;
            case "probeIntervalSeconds":
                probeIntervalSeconds = PROBE_INTERVAL_SECONDS.number(line);
                break;
            case "probeMaxIntervalSeconds":
                probeMaxIntervalSeconds = PROBE_MAX_INTERVAL_SECONDS.number(line);
                break;
            case "probePath":
                if (!probePathsSet) {
                    probePaths = new ArrayList<>(); // the first probePath line replaces the defaults
                    probePathsSet = true;
                }
                if (probePaths.size() >= 4096) {
                    throw line.error("at most 4096 probe paths");
                }
                probePaths.add(absolutePath(line));
                break;
            case "probeControlPath":
                probeControlPath = absolutePath(line);
                break;
            case "probeBurst":
                probeBurst = (int) PROBE_BURST.number(line);
                break;
            case "probeBudgetUs":
                probeBudgetUs = PROBE_BUDGET_US.number(line);
                break;
            case "probePerEntryNs":
                probePerEntryNs = PROBE_PER_ENTRY_NS.number(line);
                break;
            case "sampleIntervalSeconds":
                sampleIntervalSeconds = SAMPLE_INTERVAL_SECONDS.number(line);
                break;
            case "chainExcessUs":
                chainExcessUs = threshold(line);
                break;
            case "chainExcessCriticalUs":
                chainExcessCriticalUs = threshold(line);
                break;
            case "dentriesUnused":
                dentriesUnused = threshold(line);
                break;
            case "dentriesNegative":
                dentriesNegative = threshold(line);
                break;
            case "dentryStatePath":
                dentryStatePath = absolutePath(line);
                break;
            case "slabDir":
                slabDir = absolutePath(line);
                break;
            case "slabinfoPath":
                slabinfoPath = absolutePath(line);
                break;
            default:
                throw line.error("not a health key");
        }
    }

    private static Path absolutePath(ConfigLine line) throws ConfigException {
        String s = line.single();
        if (!s.startsWith("/")) {
            throw line.error("'" + s + "' is not an absolute path");
        }
        if (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw line.error("path longer than 255 bytes (a DisplayString)");
        }
        return Path.of(s);
    }

    private static Threshold threshold(ConfigLine line) throws ConfigException {
        long rising = line.longArg(0, 1, 0xFFFF_FFFFL);
        long falling = line.longArg(1, 0, 0xFFFF_FFFFL);
        if (falling >= rising) {
            throw line.error("falling threshold " + falling + " must be below rising threshold " + rising
                    + " (hysteresis)");
        }
        return new Threshold(rising, falling);
    }

    @Override
    public void finish(String file) throws ConfigException {
        if (chainExcessCriticalUs.rising() < chainExcessUs.rising()) {
            throw new ConfigException(file + ": chainExcessCriticalUs rising " + chainExcessCriticalUs.rising()
                    + " is below chainExcessUs rising " + chainExcessUs.rising());
        }
        if (probeMaxIntervalSeconds < probeIntervalSeconds) {
            throw new ConfigException(file + ": probeMaxIntervalSeconds " + probeMaxIntervalSeconds
                    + " is below probeIntervalSeconds " + probeIntervalSeconds);
        }
        if (probePaths.isEmpty()) {
            throw new ConfigException(file + ": no probePath");
        }
    }

    /** False: no lookup probe at all (the process then makes no /proc/sys/net lookup of its own). */
    public boolean probeEnabled() {
        return probeEnabled;
    }

    public long probeIntervalSeconds() {
        return probeIntervalSeconds;
    }

    /** Ceiling of the back-off. */
    public long probeMaxIntervalSeconds() {
        return probeMaxIntervalSeconds;
    }

    public List<Path> probePaths() {
        return List.copyOf(probePaths);
    }

    public Path probeControlPath() {
        return probeControlPath;
    }

    public int probeBurst() {
        return probeBurst;
    }

    public long probeBudgetUs() {
        return probeBudgetUs;
    }

    public long probePerEntryNs() {
        return probePerEntryNs;
    }

    public long sampleIntervalSeconds() {
        return sampleIntervalSeconds;
    }

    public Threshold chainExcessUs() {
        return chainExcessUs;
    }

    public Threshold chainExcessCriticalUs() {
        return chainExcessCriticalUs;
    }

    public Threshold dentriesUnused() {
        return dentriesUnused;
    }

    public Threshold dentriesNegative() {
        return dentriesNegative;
    }

    public Path dentryStatePath() {
        return dentryStatePath;
    }

    public Path slabDir() {
        return slabDir;
    }

    public Path slabinfoPath() {
        return slabinfoPath;
    }
}
