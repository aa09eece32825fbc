package nlagent.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code nlagent check}: one-shot dcache health report with Nagios exit codes. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "One-shot dcache health check (Nagios exit codes).")
final class CheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("UNKNOWN - not implemented yet");
        return 3;
    }
}
