package nlagent.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.agentx.AgentxConfig;
import nlagent.agentx.AgentxSubagent;
import nlagent.config.ConfigException;
import nlagent.health.HealthMonitor;
import nlagent.health.HealthOids;
import nlagent.kernel.KernelDataPlane;
import nlagent.metrics.AgentxStats;
import nlagent.metrics.FrontendStats;
import nlagent.metrics.MetricsEndpoint;
import nlagent.mib.ComposedMibProvider;
import nlagent.mib.ContextChangeSummary;
import nlagent.mib.MibProvider;
import nlagent.mib.MibView;
import nlagent.mib.NotificationSink;
import nlagent.mib.SnapshotMibProvider;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.mib.system.SystemGroupView;
import nlagent.mib.system.SystemInfo;
import nlagent.model.SnapshotSource;
import nlagent.time.ExecutorScheduler;
import nlagent.standalone.ListenAddress;
import nlagent.standalone.StandaloneAgent;
import nlagent.standalone.StandaloneConfig;
import nlagent.standalone.SystemInfoFactory;
import nlagent.standalone.TrapNotificationSink;
import nlagent.standalone.Warmup;
import nlagent.time.Ticker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nlagent run}: the data plane ({@link KernelDataPlane}, a {@link SnapshotSource}) feeds a
 * {@link SnapshotMibProvider} (one view per namespace context, plus DCACHE-HEALTH-MIB in the
 * default context), which both frontends serve. In start order:
 * <ol>
 * <li>config (file or the built-in copy of config/nlagent.conf), then {@code --listen}/{@code --agentx};</li>
 * <li>the data plane, then the health monitor;</li>
 * <li>the shared MibProvider;</li>
 * <li>the AgentX subagent (if a master is configured) on that provider;</li>
 * <li>the standalone agent (unless {@code listen off}) on that provider plus its own system group,
 *     with its trap/inform sink;</li>
 * <li>the health monitor's notifications go to every frontend's sink.</li>
 * </ol>
 * SIGTERM/SIGINT close everything in reverse order.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Serve the interface MIBs (IF-MIB, IP-MIB, IPV6-MIB) of this host's "
        + "network namespaces, one SNMP context per namespace, as a standalone SNMP agent and/or an AgentX subagent.")
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

    @Option(names = "--no-standalone", description = "Do not listen for SNMP requests (AgentX-only subagent mode); "
            + "same as 'listen off' in the config.")
    boolean noStandalone;

    @Option(names = "--metrics", paramLabel = "ADDR",
            description = "Serve Prometheus/OpenMetrics metrics at http:HOST:PORT/metrics (or 'off'); replaces the config's metrics line.")
    String metrics;

    /** How often the log says again what is served where (namespaces come and go all day). */
    private static final long SUMMARY_INTERVAL_MINUTES = 60;
    /** How often namespaces that came or went are summed up in the log (at most one line per period). */
    private static final long CONTEXT_SUMMARY_SECONDS = 5;
    /** A context's view unread this long is dropped (an NMS polling it every minute keeps it). */
    private static final long VIEW_IDLE_RELEASE_SECONDS = 150;
    /** The warm-up waits at most this long for the namespaces found at start to open (2,000 take ~30 s on 2 vCPUs). */
    private static final long WARMUP_AFTER_OPENING_MAX_SECONDS = 300;

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
            if (metrics != null) {
                cfg.metrics.set(metrics);
            }
        } catch (ConfigException e) {
            System.err.println("nlagent: " + e.getMessage());
            return 2;
        }
        if (noStandalone) {
            listenAddresses.clear();
        } else if (listenAddresses.isEmpty()) {
            listenAddresses.addAll(cfg.standalone.listen());
        }
        if (agentx != null) {
            try {
                cfg.agentx.setMaster(agentx);
            } catch (IllegalArgumentException e) {
                System.err.println("nlagent: --agentx: " + e.getMessage());
                return 2;
            }
        }
        if (listenAddresses.isEmpty() && cfg.agentx.master() == null) {
            System.err.println("nlagent: nothing to serve: no listen address and no AgentX master (see --listen, --agentx)");
            return 2;
        }
        if (!listenAddresses.isEmpty() && !cfg.standalone.hasReaders()) {
            System.err.println("nlagent: " + cfg.source() + ": no rocommunity and no rouser: the standalone agent would answer "
                    + "nobody (add one, or 'listen off' / --no-standalone with 'agentx' / --agentx)");
            return 2;
        }
        cfg.permissionWarning().ifPresent(LOG::warning);
        Ticker ticker = Ticker.system();
        Uptime uptime = Uptime.startingNow(ticker);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // plain stderr: java.util.logging resets its handlers in its own shutdown hook, concurrently
            System.err.println("nlagent: stopping");
            closeAll();
            System.err.println("nlagent: stopped");
            stopped.countDown();
        }, "nlagent-shutdown"));
        installJitDirectives();
        try {
            // two threads: one namespace whose refresh is slow never holds up the others' (see KernelDataPlane.requestRefresh)
            ExecutorScheduler scheduler = new ExecutorScheduler("nlagent-kernel", 2);
            started.add(scheduler);
            // an AgentX subagent without namespace contexts and without the standalone agent serves the own
            // namespace alone: opening the others would cost sockets, fds and memory per namespace for nothing
            KernelDataPlane.Scope scope = listenAddresses.isEmpty() && !cfg.agentx.contexts()
                    ? KernelDataPlane.Scope.OWN : KernelDataPlane.Scope.ALL;
            if (scope == KernelDataPlane.Scope.OWN) {
                LOG.info("namespaces: serving only nlagent's own (no listen address and agentxContexts no); "
                        + "the namespaces in " + cfg.kernel.netnsDirs() + " are not opened");
            }
            KernelDataPlane dataPlane = KernelDataPlane.start(cfg.kernel, scope, ticker, scheduler);
            started.add(dataPlane);

            // DCACHE-HEALTH-MIB: host-wide, served in the default context only; notifications once a sink exists
            HealthMonitor health = HealthMonitor.startOnOwnThread(cfg.health, dataPlane::stats, null, uptime.originNanos());
            started.add(health);

            // shared by both frontends: namespace views (+ health in the default context), built once per snapshot
            SnapshotMibProvider provider = new SnapshotMibProvider(dataPlane, new NetnsMibBuilder(uptime), List.of(),
                    List.of(health)).start();
            started.add(provider);
            // namespaces come and go in hundreds: one INFO line per period, per-namespace lines at FINE
            ContextChangeSummary contextLog = new ContextChangeSummary(() -> provider.contexts().size());
            provider.addContextListener(contextLog);
            scheduler.scheduleWithFixedDelay(() -> contextLog.flush().ifPresent(LOG::info),
                    CONTEXT_SUMMARY_SECONDS, CONTEXT_SUMMARY_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            // views of contexts nobody polls any more: dropped, rebuilt on the next request (README, Memory)
            scheduler.scheduleWithFixedDelay(() -> provider.releaseViewsUnreadSince(
                    System.nanoTime() - java.util.concurrent.TimeUnit.SECONDS.toNanos(VIEW_IDLE_RELEASE_SECONDS)),
                    VIEW_IDLE_RELEASE_SECONDS, VIEW_IDLE_RELEASE_SECONDS / 2, java.util.concurrent.TimeUnit.SECONDS);

            // sysORTable rows: served by the standalone agent's system group, added to the master's over AgentX
            SystemInfo sys = SystemInfoFactory.create(cfg.standalone,
                    List.of(new SystemInfo.Module(HealthOids.ROOT, HealthOids.SYS_OR_DESCR)));
            List<NotificationSink> sinks = new ArrayList<>();
            List<FrontendStats> frontends = new ArrayList<>();
            AgentxStats agentxStats = null;
            if (cfg.agentx.master() != null) {
                ExecutorScheduler agentxThread = new ExecutorScheduler("nlagent-agentx-timer", 1);
                started.add(agentxThread);
                // the shared provider: no system group in it, the master serves that one
                AgentxSubagent subagent = AgentxSubagent.start(cfg.agentx, provider, ticker, agentxThread, sys.modules());
                started.add(subagent);
                sinks.add(subagent);
                frontends.add(new FrontendStats("agentx", subagent::requests, subagent::dropped));
                agentxStats = new AgentxStats(() -> subagent.state().name().toLowerCase(java.util.Locale.ROOT),
                        subagent::sessionsOpened);
                LOG.info(() -> "agentx: subagent of " + subagent.master() + ", " + provider.contexts().size()
                        + " context(s)");
            }
            if (!listenAddresses.isEmpty()) {
                // the system group is the standalone agent's own (under AgentX the master serves it)
                MibProvider standaloneView = new ComposedMibProvider(provider, List.of(new SystemGroupView(sys, uptime)));
                TrapNotificationSink trapSink = new TrapNotificationSink(cfg.standalone.notificationTargets(), uptime,
                        StandaloneAgent.engineId(cfg.standalone));
                started.add(trapSink);
                sinks.add(trapSink);
                StandaloneAgent agent = StandaloneAgent.start(cfg.standalone, listenAddresses, standaloneView);
                started.add(agent);
                frontends.add(new FrontendStats("standalone", agent::requests, agent::dropped));
                if (cfg.standalone.warmupRequests() > 0) {
                    // the first NMS poll then costs what a warm one does (bench/README.md, "First poll"); before each
                    // pass but the first the default context's reading expires, so the pass's first request waits for
                    // an on-demand refresh and builds the new view, as a poll after a quiet interval does
                    agent.warmup(cfg.standalone.warmupRequests(), StandaloneConfig.WARMUP_CPU_BUDGET_MS,
                            () -> dataPlane.expire(KernelDataPlane.OWN_CONTEXT), Warmup.jitCompileMillis())
                            .startInBackground(() -> awaitAllOpened(dataPlane),
                                    r -> freezeJitAfter(r, cfg.agentx.master() != null, !cfg.standalone.users().isEmpty())
                                            && freezeJit());
                }
                scheduler.scheduleWithFixedDelay(() -> LOG.info(() -> "standalone on " + agent.boundAddresses() + ": "
                        + agent.requests() + " requests, " + agent.dropped() + " dropped since start; " + describe(provider)),
                        SUMMARY_INTERVAL_MINUTES, SUMMARY_INTERVAL_MINUTES, java.util.concurrent.TimeUnit.MINUTES);
            }
            health.setNotificationSink(NotificationSink.fanOut(sinks));
            if (cfg.metrics.address() != null) {
                MetricsEndpoint endpoint;
                try {
                    endpoint = MetricsEndpoint.start(cfg.metrics.address(), health::status, frontends, agentxStats);
                } catch (java.io.IOException e) {
                    // a busy or foreign address is a configuration error like a busy listen address: one line, exit 2
                    System.err.println("nlagent: " + cfg.metrics.origin() + ": cannot listen on " + e.getMessage());
                    closeAll();
                    return 2;
                }
                started.add(endpoint);
                LOG.info(() -> "metrics on " + endpoint.url());
            }
            LOG.info(() -> "serving " + provider.contexts().size() + " context(s): " + describe(provider));
        } catch (StandaloneAgent.ListenException e) {
            // a configuration error like any other: one line naming where the address came from, exit 2
            String origin = listen.isEmpty() ? cfg.standalone.listenOrigin(e.address()) : "--listen " + e.address();
            System.err.println("nlagent: " + (origin == null ? "(default listen address)" : origin) + ": " + e.getMessage());
            closeAll();
            return 2;
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "cannot start: " + e.getMessage(), e);
            System.err.println("nlagent: cannot start: " + e.getMessage());
            closeAll();
            return 1;
        }
        stopped.await();
        return 0;
    }

    /** Before the warm-up: the namespaces found at start open, bounded (a warm-up later than that helps less). */
    private static void awaitAllOpened(KernelDataPlane dataPlane) {
        try {
            if (!dataPlane.awaitAllOpened(WARMUP_AFTER_OPENING_MAX_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.info("warm-up: namespaces still opening after " + WARMUP_AFTER_OPENING_MAX_SECONDS + " s; warming up now");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "'' 12 interfaces, 'ns1' 2 interfaces, ..." (first 10 contexts) for the start-up log. */
    private static String describe(SnapshotMibProvider provider) {
        List<String> ctx = new ArrayList<>(provider.contexts());
        Collections.sort(ctx);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ctx.size() && i < 10; i++) {
            var s = provider.snapshot(ctx.get(i));
            sb.append(i > 0 ? ", " : "").append('\'').append(ctx.get(i)).append("' ")
                    .append(s == null ? 0 : s.interfaces().size()).append(" interfaces");
        }
        if (ctx.size() > 10) {
            sb.append(", ... (").append(ctx.size() - 10).append(" more)");
        }
        return sb.toString();
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

    /**
     * Whether to freeze C2 after warm-up passes that ended with {@code r} ({@link JitDirectives#freezeC2()}): only after
     * one that ran its passes to their end (a cut-short warm-up leaves the poll's path short of C2, which must then
     * still compile it), and only when every request the agent serves
     * takes the path the warm-up ran: not with an AgentX master (the subagent's path) nor with SNMPv3 users (USM's
     * digests and ciphers, which C2's intrinsics make fast).
     */
    static boolean freezeJitAfter(Warmup.Result r, boolean agentx, boolean snmpV3Users) {
        return r.complete() && !agentx && !snmpV3Users;
    }

    /** After the warm-up's passes, C2 compiles nothing more ({@link JitDirectives#freezeC2()}); never fatal. Whether it froze. */
    private static boolean freezeJit() {
        try {
            String answer = JitDirectives.freezeC2().orElse("no answer");
            if (JitDirectives.accepted(answer)) {
                LOG.info("JIT: after the warm-up's passes C2 compiles nothing more (what it compiled stays; C1 compiles the rest)");
                return true;
            }
            LOG.info("JIT: C2 not frozen after the warm-up (later polls may pay its compilations): " + answer.replace('\n', ' '));
        } catch (java.io.IOException | javax.management.JMException | RuntimeException e) {
            LOG.info("JIT: C2 not frozen after the warm-up (later polls may pay its compilations): " + e);
        }
        return false;
    }

    /** C2 kept off the methods whose compilation was the memory peak ({@link JitDirectives}); never fatal. */
    private static void installJitDirectives() {
        String notInstalled = "JIT directives not installed (the agent runs as before, with a higher memory peak): ";
        try {
            String answer = JitDirectives.install().orElse("no answer");
            if (JitDirectives.accepted(answer)) {
                LOG.fine(() -> "JIT directives: " + answer);
            } else {
                LOG.info(notInstalled + answer.replace('\n', ' '));
            }
        } catch (java.io.IOException | javax.management.JMException | RuntimeException e) {
            LOG.info(notInstalled + e + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
        }
    }
}
