package nlagent.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nlagent dump}: print one namespace's snapshot as a table, without SNMP. */
@Command(name = "dump", mixinStandardHelpOptions = true, description = "Print one namespace's snapshot.")
final class DumpCommand implements Callable<Integer> {
    @Option(names = "--netns", paramLabel = "NAME", description = "Namespace name (default: the agent's own).")
    String netns;

    @Override
    public Integer call() {
        System.err.println("nlagent dump: not implemented yet");
        return 1;
    }
}
