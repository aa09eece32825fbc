package nlagent.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import nlagent.config.ConfigException;
import nlagent.config.ConfigKey;
import nlagent.config.ConfigLine;
import nlagent.config.DeclaredSection;
import nlagent.config.KeyTable;

/** Config keys of the kernel data plane: where namespaces are found and how often they are re-read. */
public final class KernelConfig extends DeclaredSection {
    /** Where {@code ip netns} (and containerd, CRI-O, rootful podman) put namespace handles. */
    public static final Path DEFAULT_NETNS_DIR = Path.of("/run/netns");

    private static final ConfigKey REFRESH_INTERVAL_MS = ConfigKey.number("refreshIntervalMs", 100, 3_600_000, 5_000,
            "a read re-dumps a namespace whose data is this old first, in milliseconds");
    private static final ConfigKey IDLE_REFRESH_INTERVAL_MS = ConfigKey.number("idleRefreshIntervalMs", 0, 86_400_000,
            0, "keep-alive re-dump period of namespaces nobody reads, in milliseconds; 0: none");
    private static final ConfigKey MAX_NAMESPACES = ConfigKey.number("maxNamespaces", 1, 1_000_000, 10_000,
            "namespaces served at most; more are ignored with a warning");
    /** Every key of this section, declared once. */
    static final KeyTable KEYS = KeyTable.of(
            ConfigKey.words("netnsDir", 1, 1, DEFAULT_NETNS_DIR.toString(), "directory of namespace handles, repeatable"),
            ConfigKey.words("netnsNamePattern", 1, 1, "*", "glob over handle names: only matching namespaces are served"),
            REFRESH_INTERVAL_MS, IDLE_REFRESH_INTERVAL_MS, MAX_NAMESPACES);

    private final List<Path> netnsDirs = new ArrayList<>();
    private long refreshIntervalMs = REFRESH_INTERVAL_MS.defaultNumber();
    private long idleRefreshIntervalMs = IDLE_REFRESH_INTERVAL_MS.defaultNumber();
    private String netnsNamePattern = "*";
    private int maxNamespaces = (int) MAX_NAMESPACES.defaultNumber();

    public KernelConfig() {
        super(KEYS);
    }

    @Override
    protected void apply(ConfigLine line) throws ConfigException {
        switch (line.key()) {
            case "netnsDir":
                netnsDirs.add(Path.of(line.single()));
                break;
            case "refreshIntervalMs":
                refreshIntervalMs = REFRESH_INTERVAL_MS.number(line);
                break;
            case "idleRefreshIntervalMs":
                idleRefreshIntervalMs = IDLE_REFRESH_INTERVAL_MS.number(line);
                break;
            case "netnsNamePattern":
                String glob = line.single();
                try {
                    java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
                } catch (IllegalArgumentException e) {
                    throw line.error("'" + glob + "' is not a valid glob: " + e.getMessage());
                }
                netnsNamePattern = glob;
                break;
            case "maxNamespaces":
                maxNamespaces = (int) MAX_NAMESPACES.number(line);
                break;
            default:
                throw line.error("not a kernel key");
        }
    }

    /** Directories scanned for namespace handles; {@code /run/netns} when none is configured. */
    public List<Path> netnsDirs() {
        return netnsDirs.isEmpty() ? List.of(DEFAULT_NETNS_DIR) : List.copyOf(netnsDirs);
    }

    /** Glob over handle file names: only matching namespaces are served ("*": all). */
    public String netnsNamePattern() {
        return netnsNamePattern;
    }

    /** Upper bound of namespaces served (and of the snapshot cache); more are ignored with a warning. */
    public int maxNamespaces() {
        return maxNamespaces;
    }

    /**
     * Age at which a read re-dumps a namespace before answering (at most once per this interval per
     * namespace; notifications refresh sooner). Nothing re-dumps a namespace nobody reads.
     */
    public long refreshIntervalMs() {
        return refreshIntervalMs;
    }

    /**
     * Keep-alive re-dump period of a namespace nobody reads, 0 (the default) for none: a read
     * refreshes a stale namespace first anyway, so the keep-alive only bounds the age of what
     * nobody looks at (e.g. the oldest-snapshot gauge), at one re-dump per namespace per period.
     */
    public long idleRefreshIntervalMs() {
        return idleRefreshIntervalMs;
    }
}
