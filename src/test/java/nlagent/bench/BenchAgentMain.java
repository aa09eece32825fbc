package nlagent.bench;

import java.util.ArrayList;
import java.util.List;

import nlagent.config.ConfigFile;
import nlagent.mib.MapSnapshotSource;
import nlagent.mib.SnapshotMibProvider;
import nlagent.mib.TestSnapshots;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.mib.system.SystemGroupView;
import nlagent.model.InterfaceSnapshot;
import nlagent.standalone.ListenAddress;
import nlagent.standalone.StandaloneAgent;
import nlagent.standalone.StandaloneConfig;
import nlagent.standalone.SystemInfoFactory;
import nlagent.time.Ticker;

/**
 * Child process of {@link StandaloneBench} in synthetic mode: the standalone agent serving one
 * namespace of N veth-like interfaces (lo + N), so that the serving cost alone is measured in its
 * own JVM. Prints "PORT n" and runs until stdin closes.
 */
public final class BenchAgentMain {
    private BenchAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        StandaloneConfig config = new StandaloneConfig();
        ConfigFile.apply("bench.conf", "rocommunity public 127.0.0.1\n", List.of(config));
        MapSnapshotSource source = new MapSnapshotSource();
        List<InterfaceSnapshot> ifs = new ArrayList<>();
        ifs.add(TestSnapshots.loopback());
        for (int i = 0; i < n; i++) {
            ifs.add(TestSnapshots.veth(i + 2, "veth" + i, 10_000, true));
        }
        source.put(TestSnapshots.snapshot("", 1, ifs));
        Uptime uptime = Uptime.startingNow(Ticker.system());
        SnapshotMibProvider provider = new SnapshotMibProvider(source, new NetnsMibBuilder(uptime),
                List.of(new SystemGroupView(SystemInfoFactory.create(config, List.of()), uptime)), List.of()).start();
        try (StandaloneAgent agent = StandaloneAgent.start(config, List.of(ListenAddress.parse("udp:127.0.0.1:0", null)), provider)) {
            System.out.println("PORT " + agent.boundAddresses().get(0).getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close stdin
            }
        }
    }
}
