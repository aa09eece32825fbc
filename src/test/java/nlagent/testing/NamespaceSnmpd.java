package nlagent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's snmpd running inside a test network namespace on 127.0.0.1:PORT there (the value reference of the
 * parity tests), with its own config, persistent and log directory. Started and waited for by {@link #start};
 * {@link #close} stops it by its own PID (snmpd's pidfile) and removes the directory.
 */
public final class NamespaceSnmpd implements AutoCloseable {
    private final String netns;
    private final int port;
    private final Path dir;
    private final Process process;

    private NamespaceSnmpd(String netns, int port, Path dir, Process process) {
        this.netns = netns;
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /**
     * Starts snmpd in {@code netns} on 127.0.0.1:{@code port} with {@code conf} (plus {@code extraArgs}, e.g. an
     * {@code -I} list) and waits until it answers sysName.0; fails with its log otherwise.
     */
    public static NamespaceSnmpd start(String netns, int port, String conf, List<String> extraArgs) throws Exception {
        Path dir = Files.createTempDirectory("nlagent-snmpd");
        Files.writeString(dir.resolve("snmpd.conf"), conf);
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns, "snmpd", "-f", "-Lf", dir.resolve("snmpd.log").toString(),
                "-C", "-c", dir.resolve("snmpd.conf").toString(), "-M", dir.toString(), "-m", "", "-p", dir.resolve("snmpd.pid").toString()));
        cmd.addAll(extraArgs);
        cmd.add("udp:127.0.0.1:" + port);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.out").toFile());
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.toString());
        NamespaceSnmpd s = new NamespaceSnmpd(netns, port, dir, pb.start());
        for (int i = 0; i < 100; i++) {
            if (s.client("snmpget", List.of("-v2c", "-c", "public", "-t", "1", "-r", "0"), ".1.3.6.1.2.1.1.5.0").contains("STRING")) {
                return s;
            }
            Thread.sleep(200);
        }
        String log = Files.readString(dir.resolve("snmpd.log"));
        s.close();
        throw new AssertionError("snmpd in " + netns + " did not answer: " + log);
    }

    /** A net-snmp client run inside the namespace against this snmpd ({@code -m "" -On}); its stdout. */
    public String client(String tool, List<String> options, String... oids) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns, tool, "-m", "", "-On"));
        cmd.addAll(options);
        cmd.add("127.0.0.1:" + port);
        cmd.addAll(List.of(oids));
        return Processes.run(300, cmd).stdout();
    }

    /** The directory holding its config, log and persistent files. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve("snmpd.pid")).trim())).ifPresent(ProcessHandle::destroy);
        } catch (IOException | NumberFormatException e) {
            // no pidfile yet: stop what we started
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        Processes.run(30, "rm", "-rf", dir.toString());
    }
}
