package nlagent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import nlagent.config.ConfigException;
import nlagent.kernel.KernelDataPlane;
import nlagent.model.NetnsSnapshot;
import nlagent.time.Ticker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nlagent dump}: print one namespace's snapshot as a table, without SNMP. */
@Command(name = "dump", mixinStandardHelpOptions = true, description = "Print one namespace's snapshot.")
final class DumpCommand implements Callable<Integer> {
    @Option(names = "--netns", paramLabel = "NAME", description = "Namespace name (default: the agent's own).")
    String netns;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (its netnsDir lines say where NAME is looked up).")
    Path config;

    @Override
    public Integer call() {
        try {
            AgentConfig c = AgentConfig.load(config);
            NetnsSnapshot s = KernelDataPlane.snapshotOnce(c.kernel, netns == null ? KernelDataPlane.OWN_CONTEXT : netns,
                    Ticker.system());
            System.out.print(SnapshotTable.render(s));
            return 0;
        } catch (ConfigException e) {
            System.err.println("nlagent dump: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("nlagent dump: " + e.getMessage());
            return 1;
        }
    }
}
