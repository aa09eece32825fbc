package nlagent.agentx;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import nlagent.testing.Processes;

/**
 * A private net-snmp snmpd acting as AgentX master: own config, persistent dir, Unix socket in a
 * temp dir (and optionally TCP), UDP on a free loopback port. Stopped by its own PID only.
 */
final class SnmpdMaster implements AutoCloseable {
    /** The documented -I list (config/snmpd-agentx.conf): no interface-container modules. */
    static final String DISABLED_MODULES = "-smux,mteTrigger,mteTriggerConf,ifTable,ifXTable,interface,ip,ip_scalars,ipv6,ipAddressTable,"
            + "ipAddressPrefixTable,inetNetToMediaTable,ipv6ScopeZoneIndexTable,ipDefaultRouterTable,ipCidrRouteTable,"
            + "inetCidrRouteTable,ipSystemStatsTable,ipIfStatsTable";

    final Path dir;
    final Path socket;
    final int udpPort;
    final Integer tcpPort;
    private final Path conf;
    private final List<String> extraArgs;
    private List<String> wrapper = List.of();
    private Process process;

    SnmpdMaster(Path dir, boolean tcp, String extraConf, List<String> extraArgs) throws IOException {
        this.dir = dir;
        this.socket = dir.resolve("master");
        this.udpPort = freeUdpPort();
        this.tcpPort = tcp ? freeTcpPort() : null;
        this.conf = dir.resolve("snmpd.conf");
        this.extraArgs = extraArgs;
        Files.createDirectories(dir.resolve("persist"));
        String text = "master agentx\n"
                + "agentXSocket " + socket + (tcp ? ",tcp:127.0.0.1:" + tcpPort : "") + "\n"
                + "rocommunity public 127.0.0.1\n"
                + "rwcommunity private 127.0.0.1\n"
                // v2c community bound to context nsA (agentx-notes 3.6)
                + "com2sec -Cn nsA nsAsec 127.0.0.1 nsacomm\n"
                + "group nsAgroup v2c nsAsec\n"
                + "view all included .1\n"
                + "access nsAgroup nsA any noauth exact all none none\n"
                + "createUser u1 SHA u1password AES u1password\n"
                + "rouser u1 priv\n"
                + "sysName nlagent-test\n"
                + extraConf;
        Files.writeString(conf, text);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs snmpd under {@code wrapper} (e.g. strace); stop() then signals snmpd itself, by its pidfile. */
    SnmpdMaster wrapper(List<String> wrapper) {
        this.wrapper = List.copyOf(wrapper);
        return this;
    }

    /** Starts snmpd and waits until it answers on UDP. */
    SnmpdMaster start() throws Exception {
        Files.deleteIfExists(dir.resolve("snmpd.pid"));
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(List.of("snmpd", "-f", "-Lo", "-C", "-c", conf.toString(),
                "-p", dir.resolve("snmpd.pid").toString()));
        cmd.addAll(extraArgs);
        cmd.add("udp:127.0.0.1:" + udpPort);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("snmpd.log").toFile()));
        pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        pb.environment().put("MIBS", "");
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("snmpd exited: " + Files.readString(dir.resolve("snmpd.log")));
            }
            if (Files.exists(socket) && Processes.run(5, "snmpget", "-v2c", "-c", "public", "-t", "0.3", "-r", "0",
                    "127.0.0.1:" + udpPort, "1.3.6.1.2.1.1.5.0").exitCode() == 0) {
                return this;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("snmpd did not come up: " + Files.readString(dir.resolve("snmpd.log")));
    }

    /** snmpd's own PID (from its pidfile when it runs under a wrapper). */
    long pid() throws IOException {
        if (wrapper.isEmpty()) {
            return process.pid();
        }
        return Long.parseLong(Files.readString(dir.resolve("snmpd.pid")).trim());
    }

    /** SIGTERM to our snmpd's PID, then wait for it. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            if (!wrapper.isEmpty()) {
                try {
                    ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroy);
                } catch (IOException | NumberFormatException e) {
                    // no pidfile: fall through to the wrapper
                }
                if (process.waitFor(5, TimeUnit.SECONDS)) {
                    return;
                }
            }
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    String agent() {
        return "127.0.0.1:" + udpPort;
    }

    /** Runs a net-snmp client against this agent; {@code args} go before the agent address' OIDs. */
    Processes.Result client(String tool, List<String> options, String... oids) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(List.of("-On", "-t", "3", "-r", "1"));
        cmd.addAll(options);
        cmd.add(agent());
        cmd.addAll(List.of(oids));
        return Processes.run(120, cmd);
    }

    Processes.Result v2c(String tool, String... oids) {
        return client(tool, List.of("-v2c", "-c", "public"), oids);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
