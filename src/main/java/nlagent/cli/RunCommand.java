package nlagent.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.config.ConfigException;
import nlagent.mib.MibView;
import nlagent.mib.NotificationSink;
import nlagent.mib.SnapshotMibProvider;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.mib.system.SystemGroupView;
import nlagent.mib.system.SystemInfo;
import nlagent.model.SnapshotSource;
import nlagent.standalone.ListenAddress;
import nlagent.standalone.StandaloneAgent;
import nlagent.standalone.SystemInfoFactory;
import nlagent.standalone.TrapNotificationSink;
import nlagent.time.Ticker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nlagent run}: the data plane ({@link SnapshotSource}) feeds a {@link SnapshotMibProvider}
 * (one view per namespace context), which the standalone agent serves. Pipeline, in start order:
 * <ol>
 * <li>config (file or the built-in copy of config/nlagent.conf), then {@code --listen} overrides;</li>
 * <li>the data plane's SnapshotSource;</li>
 * <li>host-wide default-context views ({@link #defaultContextViews}) and their sysORTable rows;</li>
 * <li>the MibProvider;</li>
 * <li>the standalone agent and its NotificationSink ({@link TrapNotificationSink}).</li>
 * </ol>
 * SIGTERM/SIGINT close everything in reverse order.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the agent.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(RunCommand.class.getName());

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: built-in copy of config/nlagent.conf).")
    Path config;

    @Option(names = "--listen", paramLabel = "ADDR",
            description = "Listen address, repeatable; replaces the config's listen lines. udp:HOST:PORT or udp6:[ADDR]:PORT, "
                    + "e.g. udp:127.0.0.1:1161.")
    List<String> listen = new ArrayList<>();

    /** Everything started, closed in reverse order at shutdown. */
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Integer call() throws Exception {
        AgentConfig cfg;
        List<ListenAddress> listenAddresses = new ArrayList<>();
        try {
            cfg = AgentConfig.load(config);
            for (String l : listen) {
                listenAddresses.add(ListenAddress.parse(l, null));
            }
        } catch (ConfigException e) {
            System.err.println("nlagent: " + e.getMessage());
            return 2;
        }
        if (listenAddresses.isEmpty()) {
            listenAddresses.addAll(cfg.standalone.listen());
        }
        Ticker ticker = Ticker.system();
        Uptime uptime = Uptime.startingNow(ticker);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll();
            stopped.countDown();
        }, "nlagent-shutdown"));
        try {
            SnapshotSource source = openDataPlane(cfg, ticker);

            List<Supplier<? extends MibView>> extras = new ArrayList<>();
            List<SystemInfo.Module> extraModules = new ArrayList<>();
            defaultContextViews(cfg, extras, extraModules);

            SystemInfo sys = SystemInfoFactory.create(cfg.standalone, extraModules);
            SnapshotMibProvider provider = new SnapshotMibProvider(source, new NetnsMibBuilder(uptime),
                    List.of(new SystemGroupView(sys, uptime)), extras).start();
            started.add(provider);

            TrapNotificationSink sink = new TrapNotificationSink(cfg.standalone.notificationTargets(), uptime);
            started.add(sink);
            notificationSinkReady(sink);

            StandaloneAgent agent = StandaloneAgent.start(cfg.standalone, listenAddresses, provider);
            started.add(agent);
            LOG.info(() -> "serving " + provider.contexts().size() + " context(s) on " + agent.boundAddresses()
                    + "; sysName " + sys.name());
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "nlagent: cannot start: " + e.getMessage(), e);
            System.err.println("nlagent: cannot start: " + e.getMessage());
            closeAll();
            return 1;
        }
        stopped.await();
        return 0;
    }

    /**
     * The data plane: one immutable snapshot per namespace. The kernel engineer's SnapshotSource is
     * created here once it is merged.
     */
    private SnapshotSource openDataPlane(AgentConfig cfg, Ticker ticker) {
        throw new IllegalStateException("the rtnetlink data plane (nlagent.kernel) is not part of this build yet");
    }

    /**
     * Hook for host-wide views served in the default context only (e.g. DCACHE-HEALTH-MIB): add a
     * supplier of the current view (it may return a new immutable view whenever its data changes)
     * and the module's sysORTable row.
     */
    private void defaultContextViews(AgentConfig cfg, List<Supplier<? extends MibView>> extras,
                                     List<SystemInfo.Module> modules) {
        // health engineer: extras.add(healthMonitor::view); modules.add(new SystemInfo.Module(..., "..."));
    }

    /** Hook for components that emit notifications (the health monitor) in standalone mode. */
    private void notificationSinkReady(NotificationSink sink) {
        // health engineer: healthMonitor.setNotificationSink(sink);
    }

    private void closeAll() {
        List<AutoCloseable> copy;
        synchronized (started) {
            copy = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(copy);
        for (AutoCloseable c : copy) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "error while stopping " + c + ": " + e, e);
            }
        }
    }
}
