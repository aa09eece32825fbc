package nlagent.health;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;
import nlagent.config.ConfigSection;

/**
 * Config keys of the dcache health monitor: probe paths and cost bounds, sampling, thresholds
 * (rising/falling pairs with hysteresis) and source paths. Documented in config/nlagent.conf.
 */
public final class HealthConfig implements ConfigSection {
    static final List<Path> DEFAULT_PROBE_PATHS =
            List.of(Path.of("/proc/sys/net/ipv6"), Path.of("/proc/sys/net/core"), Path.of("/proc/sys/net/ipv4"));

    private boolean probeEnabled = true;
    private long probeIntervalSeconds = 60;
    private long probeMaxIntervalSeconds = 960;
    private List<Path> probePaths = DEFAULT_PROBE_PATHS;
    private boolean probePathsSet;
    private Path probeControlPath = Path.of("/proc/sys/net");
    private int probeBurst = 9;
    private long probeBudgetUs = 10_000;
    private long probePerEntryNs = 120;
    private long sampleIntervalSeconds = 10;
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

    @Override
    public Set<String> keys() {
        return Set.of("probeEnabled", "probeIntervalSeconds", "probeMaxIntervalSeconds", "probePath", "probeControlPath",
                "probeBurst", "probeBudgetUs", "probePerEntryNs", "sampleIntervalSeconds", "chainExcessUs",
                "chainExcessCriticalUs", "dentriesUnused", "dentriesNegative", "dentryStatePath", "slabDir",
                "slabinfoPath");
    }

    @Override
    public void accept(ConfigLine line) throws ConfigException {
        switch (line.key()) {
            case "probeEnabled":
                line.expectArgs(1, 1);
                probeEnabled = line.boolArg(0);
                break;
            case "probeIntervalSeconds":
                line.expectArgs(1, 1);
                probeIntervalSeconds = line.longArg(0, 10, 86_400);
                break;
            case "probeMaxIntervalSeconds":
                line.expectArgs(1, 1);
                probeMaxIntervalSeconds = line.longArg(0, 10, 7 * 86_400);
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
                line.expectArgs(1, 1);
                probeBurst = line.intArg(0, 1, 101);
                break;
            case "probeBudgetUs":
                line.expectArgs(1, 1);
                probeBudgetUs = line.longArg(0, 100, 10_000_000);
                break;
            case "probePerEntryNs":
                line.expectArgs(1, 1);
                probePerEntryNs = line.longArg(0, 1, 1_000_000);
                break;
            case "sampleIntervalSeconds":
                line.expectArgs(1, 1);
                sampleIntervalSeconds = line.longArg(0, 1, 86_400);
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
        line.expectArgs(2, 2);
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
