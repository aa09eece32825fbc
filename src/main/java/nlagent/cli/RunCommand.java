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

import nlagent.agentx.AgentxConfig;
import nlagent.agentx.AgentxSubagent;
import nlagent.config.ConfigException;
import nlagent.health.HealthMonitor;
import nlagent.health.HealthOids;
import nlagent.kernel.KernelDataPlane;
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
import nlagent.time.ExecutorScheduler;
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

    @Option(names = "--agentx", arity = "0..1", paramLabel = "ADDR", fallbackValue = AgentxConfig.DEFAULT_MASTER,
            description = "Also serve as AgentX subagent of this master: unix:/path or tcp:HOST:PORT "
                    + "(alone: ${FALLBACK-VALUE}). Overrides the config's agentx line.")
    String agentx;

    @Option(names = "--no-standalone", description = "Do not listen for SNMP requests (AgentX-only subagent mode).")
    boolean noStandalone;

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
        if (listenAddresses.isEmpty() && !noStandalone) {
            listenAddresses.addAll(cfg.standalone.listen());
        }
        if (agentx != null) {
            cfg.agentx.setMaster(agentx);
        }
        if (listenAddresses.isEmpty() && cfg.agentx.master() == null) {
            System.err.println("nlagent: nothing to serve: no listen address and no AgentX master (see --listen, --agentx)");
            return 2;
        }
        Ticker ticker = Ticker.system();
        long startNanos = ticker.nanos();
        Uptime uptime = new Uptime(ticker, startNanos);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll();
            stopped.countDown();
        }, "nlagent-shutdown"));
        try {
            ExecutorScheduler refreshThread = new ExecutorScheduler("nlagent-refresh", 1);
            started.add(refreshThread);
            KernelDataPlane plane = KernelDataPlane.start(cfg.kernel, ticker, refreshThread);
            started.add(plane);
            SnapshotSource source = plane;

            // host-wide views, served in the default context only
            List<Supplier<? extends MibView>> extras = new ArrayList<>();
            List<SystemInfo.Module> extraModules = new ArrayList<>();
            HealthMonitor health = HealthMonitor.startOnOwnThread(cfg.health, plane::stats, null, startNanos);
            started.add(health);
            extras.add(health::view);
            extraModules.add(new SystemInfo.Module(HealthOids.ROOT, HealthOids.SYS_OR_DESCR));

            SystemInfo sys = SystemInfoFactory.create(cfg.standalone, extraModules);
            SnapshotMibProvider provider = new SnapshotMibProvider(source, new NetnsMibBuilder(uptime),
                    List.of(new SystemGroupView(sys, uptime)), extras).start();
            started.add(provider);

            List<NotificationSink> sinks = new ArrayList<>();
            if (!listenAddresses.isEmpty()) {
                TrapNotificationSink trapSink = new TrapNotificationSink(cfg.standalone.notificationTargets(), uptime);
                started.add(trapSink);
                sinks.add(trapSink);
                StandaloneAgent agent = StandaloneAgent.start(cfg.standalone, listenAddresses, provider);
                started.add(agent);
                LOG.info(() -> "standalone: serving " + provider.contexts().size() + " context(s) on "
                        + agent.boundAddresses() + "; sysName " + sys.name());
            }
            if (cfg.agentx.master() != null) {
                ExecutorScheduler agentxThread = new ExecutorScheduler("nlagent-agentx-timer", 1);
                started.add(agentxThread);
                AgentxSubagent subagent = AgentxSubagent.start(cfg.agentx, provider, ticker, agentxThread);
                started.add(subagent);
                sinks.add(subagent);
                LOG.info(() -> "agentx: subagent of " + subagent.master() + ", " + provider.contexts().size()
                        + " context(s)");
            }
            health.setNotificationSink(NotificationSink.fanOut(sinks));
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "nlagent: cannot start: " + e.getMessage(), e);
            System.err.println("nlagent: cannot start: " + e.getMessage());
            closeAll();
            return 1;
        }
        stopped.await();
        return 0;
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
