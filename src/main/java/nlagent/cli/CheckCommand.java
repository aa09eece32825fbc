package nlagent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import nlagent.config.ConfigException;
import nlagent.health.HealthCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nlagent check}: one-shot dcache health report with Nagios/Icinga exit codes (0 OK,
 * 1 WARNING, 2 CRITICAL, 3 UNKNOWN) and perfdata, using the agent's own evaluation code and the
 * thresholds of the same config file.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "One-shot dcache health check: Nagios/Icinga exit codes (0 OK, 1 WARNING, 2 CRITICAL, "
                + "3 UNKNOWN) and perfdata, with the agent's thresholds.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: built-in copy of config/nlagent.conf).")
    Path config;

    @Override
    public Integer call() {
        AgentConfig c;
        try {
            c = AgentConfig.load(config);
        } catch (ConfigException e) {
            System.out.println("DCACHE UNKNOWN - " + e.getMessage());
            return 3;
        }
        try {
            return HealthCheck.run(c.health, System.out);
        } catch (RuntimeException e) {
            System.out.println("DCACHE UNKNOWN - check failed: " + e);
            return 3;
        }
    }
}
