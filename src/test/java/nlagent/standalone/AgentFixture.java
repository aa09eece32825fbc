package nlagent.standalone;

import java.util.ArrayList;
import java.util.List;

import nlagent.config.ConfigFile;
import nlagent.mib.MapSnapshotSource;
import nlagent.mib.SnapshotMibProvider;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.mib.system.SystemGroupView;
import nlagent.testing.Processes;
import nlagent.time.Ticker;

/** An in-process standalone agent on a loopback port, fed from a {@link MapSnapshotSource}, plus net-snmp client helpers. */
final class AgentFixture implements AutoCloseable {
    final MapSnapshotSource source = new MapSnapshotSource();
    final SnapshotMibProvider provider;
    final StandaloneAgent agent;
    final int port;

    AgentFixture(String configText) throws Exception {
        StandaloneConfig config = new StandaloneConfig();
        ConfigFile.apply("test.conf", configText, List.of(config));
        Uptime uptime = Uptime.startingNow(Ticker.system());
        provider = new SnapshotMibProvider(source, new NetnsMibBuilder(uptime),
                List.of(new SystemGroupView(SystemInfoFactory.create(config, List.of()), uptime)), List.of()).start();
        agent = StandaloneAgent.start(config, List.of(ListenAddress.parse("udp:127.0.0.1:0", null)), provider);
        port = agent.boundAddresses().get(0).getPort();
    }

    String target() {
        return "127.0.0.1:" + port;
    }

    /** Runs a net-snmp command with -On -Oe (numeric OIDs and enums), no MIB loading, short timeout. */
    Processes.Result snmp(String tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of(tool, "-m", "", "-On", "-t", "2", "-r", "1"));
        cmd.addAll(List.of(args));
        return Processes.run(120, cmd);
    }

    @Override
    public void close() {
        agent.close();
        provider.close();
    }
}
