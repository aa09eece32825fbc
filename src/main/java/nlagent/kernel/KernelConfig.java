package nlagent.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;
import nlagent.config.ConfigSection;

/** Config keys of the kernel data plane: where namespaces are found and how often they are re-read. */
public final class KernelConfig implements ConfigSection {
    /** Where {@code ip netns} (and containerd, CRI-O, rootful podman) put namespace handles. */
    public static final Path DEFAULT_NETNS_DIR = Path.of("/run/netns");

    private final List<Path> netnsDirs = new ArrayList<>();
    private long refreshIntervalMs = 5_000;
    private String netnsNamePattern = "*";
    private int maxNamespaces = 10_000;

    @Override
    public Set<String> keys() {
        return Set.of("netnsDir", "refreshIntervalMs", "netnsNamePattern", "maxNamespaces");
    }

    @Override
    public void accept(ConfigLine line) throws ConfigException {
        switch (line.key()) {
            case "netnsDir":
                netnsDirs.add(Path.of(line.single()));
                break;
            case "refreshIntervalMs":
                line.expectArgs(1, 1);
                refreshIntervalMs = line.longArg(0, 100, 3_600_000);
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
                line.expectArgs(1, 1);
                maxNamespaces = line.intArg(0, 1, 1_000_000);
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

    /** Period of the background re-dump of every namespace (notifications refresh sooner). */
    public long refreshIntervalMs() {
        return refreshIntervalMs;
    }
}
