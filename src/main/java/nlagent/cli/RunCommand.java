package nlagent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nlagent run}: serve SNMP (standalone and/or AgentX). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the agent.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: built-in copy of config/nlagent.conf).")
    Path config;

    @Override
    public Integer call() throws Exception {
        AgentConfig.load(config);
        System.err.println("nlagent run: not implemented yet");
        return 1;
    }
}
