package nlagent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import nlagent.config.ConfigException;
import nlagent.health.Calibration;
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

    @Option(names = "--calibrate", arity = "0..1", paramLabel = "N", fallbackValue = "" + Calibration.DEFAULT_NAMESPACES,
            description = "Measure this host's cost of one chain entry (for probePerEntryNs) with N private network "
                    + "namespaces (default ${FALLBACK-VALUE}, " + Calibration.MIN_NAMESPACES + ".." + Calibration.MAX_NAMESPACES
                    + ") that exist for about a second; needs CAP_SYS_ADMIN. Run it on a loaded host.")
    Integer calibrate;

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
            if (calibrate != null) {
                return Calibration.run(c.health, calibrate, System.out);
            }
            return HealthCheck.run(c.health, System.out);
        } catch (RuntimeException e) {
            System.out.println("DCACHE UNKNOWN - check failed: " + e);
            return 3;
        }
    }
}
