package nlagent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code nlagent run | dump | check}. */
@Command(name = "nlagent", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "SNMP agent for Linux container hosts: IF-MIB and IP-MIB from rtnetlink, "
                + "with no /proc/sys path lookups per poll.",
        subcommands = {RunCommand.class, DumpCommand.class, CheckCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        // one line per record, timestamp first: readable in journald and in a terminal
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        }
        // an Error on any thread (the SNMP listen threads and snmp4j's included) ends the process: see FatalErrors
        Thread.setDefaultUncaughtExceptionHandler(nlagent.time.FatalErrors.handler(java.util.logging.Logger.getLogger("nlagent")));
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"nlagent " + (v == null ? "dev" : v)};
        }
    }
}
