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

    @Override
    public Set<String> keys() {
        return Set.of("netnsDir", "refreshIntervalMs");
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
            default:
                throw line.error("not a kernel key");
        }
    }

    /** Directories scanned for namespace handles; {@code /run/netns} when none is configured. */
    public List<Path> netnsDirs() {
        return netnsDirs.isEmpty() ? List.of(DEFAULT_NETNS_DIR) : List.copyOf(netnsDirs);
    }

    /** Period of the background re-dump of every namespace (notifications refresh sooner). */
    public long refreshIntervalMs() {
        return refreshIntervalMs;
    }
}
