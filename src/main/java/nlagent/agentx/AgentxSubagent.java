package nlagent.agentx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.log.RateLimitedLog;
import nlagent.mib.MibProvider;
import nlagent.mib.MibValue;
import nlagent.mib.Notification;
import nlagent.mib.NotificationSink;
import nlagent.mib.VarBind;
import nlagent.mib.netns.Uptime;
import nlagent.mib.oid.IfMib;
import nlagent.mib.oid.IpMib;
import nlagent.mib.oid.Ipv6Mib;
import nlagent.mib.oid.SnmpV2Mib;
import nlagent.mib.system.SystemInfo;
import nlagent.sys.CpuAffinity;
import nlagent.sys.CpuSet;
import nlagent.sys.ErrnoException;
import nlagent.time.Scheduler;
import nlagent.time.Ticker;

/**
 * The AgentX subagent: keeps one session with the master alive and serves the provider's views
 * through it. A supervisor thread runs connect → Open → Register every subtree (default context,
 * then every namespace context with flag 0x08) → AddAgentCaps → serve, and on EOF, I/O error,
 * missed Ping or protocol trouble closes the connection, fails what is pending and starts over
 * after a back-off of 1 s doubling to 30 s. Contexts that appear or disappear while the session is
 * up are registered or unregistered as they come, and every ping tick re-checks the views'
 * subtrees ({@link Registrations}). Also the {@link NotificationSink} of subagent
 * mode: notifications go out as Notify PDUs on the current session.
 *
 * <p>Usage: {@code AgentxSubagent.start(config.agentx, provider, Ticker.system(), scheduler)}, and
 * {@code close()} on shutdown (sends Close, reason shutdown).
 */
public final class AgentxSubagent implements NotificationSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentxSubagent.class.getName());

    /** sysORTable rows added when the caller names none: the interface MIBs nlagent serves. */
    private static final List<SystemInfo.Module> DEFAULT_AGENT_CAPS = List.of(
            new SystemInfo.Module(IfMib.MODULE, "IF-MIB interface tables, served by nlagent"),
            new SystemInfo.Module(IpMib.MODULE, "IP-MIB interface parts, served by nlagent"),
            new SystemInfo.Module(Ipv6Mib.MODULE, "IPV6-MIB interface parts, served by nlagent"));

    /** Where the session stands; for logs, tests and the health view. */
    public enum State { CONNECTING, ACTIVE, CLOSED }

    private sealed interface Event {
    }

    /** Contexts or their subtrees may have changed: compare with what is registered. */
    private record Resync() implements Event {
    }

    private record Closed(AgentxConnection connection, Throwable cause) implements Event {
    }

    private record Stop() implements Event {
    }

    private final AgentxConfig config;
    private final MasterAddress master;
    private final MibProvider provider;
    private final Ticker ticker;
    private final Scheduler scheduler;
    private final RequestHandler handler;
    private final Backoff backoff;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final MibProvider.ContextListener contextListener;
    private final List<SystemInfo.Module> agentCaps;
    private final Thread supervisor;
    private final AtomicLong sessionsOpened = new AtomicLong();
    private final AtomicLong connectAttempts = new AtomicLong();
    private final Object stateLock = new Object();
    /** Per-PDU problems (malformed PDUs, failing handlers): one line per kind per minute, across reconnects. */
    private final RateLimitedLog connectionProblems;

    private volatile State state = State.CONNECTING;
    private volatile AgentxConnection active;
    private volatile boolean stopping;
    private volatile CountDownLatch backoffWait;
    private volatile long masterUptimeCs;
    private volatile long masterUptimeAtNanos;
    private String lastProblemKind; // supervisor thread only
    private String lastPlacement; // supervisor thread only: logged once per change, not per reconnect
    private boolean lastPlacementBound; // supervisor thread only
    private final Registrations registrations; // supervisor thread only

    private AgentxSubagent(AgentxConfig config, MibProvider provider, Ticker ticker, Scheduler scheduler,
                           List<SystemInfo.Module> agentCaps) {
        this.config = config;
        // the master has its own SNMPv2-MIB row; a second one would only confuse sysORTable readers
        this.agentCaps = agentCaps.stream().filter(m -> !m.id().equals(SnmpV2Mib.MODULE)).toList();
        this.master = MasterAddress.parse(config.master() != null ? config.master() : AgentxConfig.DEFAULT_MASTER);
        this.provider = provider;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.handler = new RequestHandler(provider);
        this.registrations = new Registrations(config, provider);
        this.backoff = new Backoff(config.retryMinMs(), config.retryMaxMs());
        this.connectionProblems = new RateLimitedLog(LOG, ticker, scheduler);
        this.contextListener = new MibProvider.ContextListener() {
            @Override
            public void contextAdded(String context) {
                events.add(new Resync());
            }

            @Override
            public void contextRemoved(String context) {
                events.add(new Resync());
            }
        };
        this.supervisor = new Thread(this::supervise, "agentx-session");
        this.supervisor.setDaemon(true);
    }

    /** Starts the subagent with sysORTable rows for IF-MIB, IP-MIB and IPV6-MIB. */
    public static AgentxSubagent start(AgentxConfig config, MibProvider provider, Ticker ticker, Scheduler scheduler) {
        return start(config, provider, ticker, scheduler, DEFAULT_AGENT_CAPS);
    }

    /**
     * Starts the subagent; returns at once (the master may be absent: it keeps trying).
     * {@code agentCaps} become the master's sysORTable rows (AddAgentCaps) for as long as the
     * session lives, e.g. {@code SystemInfo.modules()}; an SNMPv2-MIB row is left out.
     */
    public static AgentxSubagent start(AgentxConfig config, MibProvider provider, Ticker ticker, Scheduler scheduler,
                                       List<SystemInfo.Module> agentCaps) {
        AgentxSubagent s = new AgentxSubagent(config, provider, ticker, scheduler, agentCaps);
        provider.addContextListener(s.contextListener);
        s.supervisor.start();
        return s;
    }

    public State state() {
        return state;
    }

    public MasterAddress master() {
        return master;
    }

    /** Sessions opened and fully registered so far (grows by one per reconnect). */
    public long sessionsOpened() {
        return sessionsOpened.get();
    }

    /** Requests from the master answered or refused since start (every session). */
    public long requests() {
        return handler.requests();
    }

    /** PDUs from the master dropped without an answer since start (every session). */
    public long dropped() {
        return handler.dropped();
    }

    /** Connection attempts so far, failed ones included (tests assert that retries happen). */
    long connectAttempts() {
        return connectAttempts.get();
    }

    /** Waits until a session is active; true if it is. */
    public boolean awaitActive(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (stateLock) {
            while (state != State.ACTIVE) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(stateLock, left);
            }
            return true;
        }
    }

    private void setState(State s) {
        synchronized (stateLock) {
            state = s;
            stateLock.notifyAll();
        }
    }

    // ------------------------------------------------------------------ supervisor

    private void supervise() {
        while (!stopping) {
            AgentxConnection c = null;
            Scheduler.Cancellable pinger = null;
            try {
                setState(State.CONNECTING);
                c = connect();
                openSession(c);
                registrations.reset();
                events.removeIf(e -> e instanceof Resync); // the full sync below covers them
                registrations.sync(c);
                addAgentCaps(c);
                if (config.pingIntervalMs() > 0) {
                    AgentxConnection pc = c;
                    pinger = scheduler.scheduleWithFixedDelay(() -> {
                        ping(pc);
                        events.add(new Resync()); // catches views whose subtrees changed without a context event
                    }, config.pingIntervalMs(), config.pingIntervalMs(),
                            TimeUnit.MILLISECONDS);
                }
                active = c;
                backoff.reset();
                sessionsOpened.incrementAndGet();
                setState(State.ACTIVE);
                LOG.info("AgentX session " + Integer.toUnsignedString(c.sessionId()) + " with " + master + " open: "
                        + registrations.accepted() + " subtree(s) registered in " + registrations.contexts()
                        + " context(s) at priority " + config.priority());
                lastProblemKind = null;
                serve(c);
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                if (!stopping) {
                    problem(e, false);
                }
            } finally {
                active = null;
                if (pinger != null) {
                    pinger.cancel();
                }
                if (c != null) {
                    c.close();
                }
            }
            if (stopping) {
                break;
            }
            setState(State.CONNECTING);
            if (!sleepBackoff()) {
                break;
            }
        }
        setState(State.CLOSED);
    }

    /**
     * Logs a failure once per change of kind (not once per attempt), at FINE otherwise, with what
     * happens next: "...; reconnecting in 1 s" after a session was up, "retrying in 4 s" otherwise.
     */
    private void problem(Throwable e, boolean wasActive) {
        ConnectErrors.Problem p = ConnectErrors.describe(e, master, (int) config.timeoutMs());
        String next = (wasActive ? "; reconnecting in " : "; retrying in ") + duration(backoff.peek());
        if (!p.kind().equals(lastProblemKind)) {
            LOG.warning(p.message() + next);
            lastProblemKind = p.kind();
        } else {
            LOG.fine(p.message() + next);
        }
    }

    private static String duration(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private AgentxConnection connect() throws IOException {
        connectAttempts.incrementAndGet();
        AgentxSocket socket = AgentxSocket.connect(master, (int) config.timeoutMs());
        AgentxConnection[] self = new AgentxConnection[1];
        AgentxConnection c = new AgentxConnection(socket, handler, scheduler, config.timeoutMs(), connectionProblems,
                cause -> events.add(new Closed(self[0], cause)), this::masterUptime);
        self[0] = c;
        if (config.followMasterCpu()) {
            place(c, socket.peerPid());
        }
        c.start();
        return c;
    }

    /** Binds the connection's I/O thread to the master's CPUs where that helps ({@link IoThreadPlacement}). */
    private void place(AgentxConnection c, int masterPid) {
        IoThreadPlacement p;
        CpuSet masterCpus = null;
        try {
            CpuSet ours = CpuAffinity.of(0); // this thread's: the process's, as nothing binds the supervisor
            if (masterPid > 0) {
                try {
                    masterCpus = CpuAffinity.of(masterPid);
                } catch (ErrnoException e) {
                    // gone already (ESRCH): decide() says so, and the reconnect decides again
                }
            }
            p = IoThreadPlacement.decide(masterPid, masterCpus, ours);
        } catch (ErrnoException e) {
            p = new IoThreadPlacement(null, Level.FINE, "the AgentX I/O thread is not bound: " + e.getMessage());
        }
        if (p.pinTo() != null) {
            c.bindIoThread(p.pinTo());
        }
        // the PID changes with every restart of the master; the decision is what an operator wants to see once,
        // and that the thread is no longer bound when it was
        String key = p.pinTo() + "|" + p.level() + "|" + masterCpus;
        boolean changed = !key.equals(lastPlacement);
        boolean unbound = lastPlacementBound && p.pinTo() == null;
        LOG.log(!changed ? Level.FINE : unbound ? Level.INFO : p.level(), p.reason());
        lastPlacement = key;
        lastPlacementBound = p.pinTo() != null;
    }

    private void masterUptime(Payload.Response r) {
        masterUptimeCs = r.sysUpTime();
        masterUptimeAtNanos = ticker.nanos();
    }

    private void openSession(AgentxConnection c) throws Exception {
        Pdu open = new Pdu(PduType.OPEN, 0, 0, 0, 0, null,
                new Payload.Open((int) Math.min(255, config.timeoutMs() / 1000), config.id(), config.descr()));
        Pdu resp;
        try {
            resp = c.exchange(open).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        Payload.Response r = (Payload.Response) resp.payload();
        if (r.error() != 0) {
            throw new IOException("the master refused Open: " + Payload.Response.errorName(r.error()));
        }
        c.sessionId(resp.sessionId()); // the Response header carries our new session's ID
    }

    private void addAgentCaps(AgentxConnection c) throws Exception {
        List<CompletableFuture<Payload.Response>> fs = new ArrayList<>();
        for (SystemInfo.Module m : agentCaps) {
            fs.add(c.request(new Pdu(PduType.ADD_AGENT_CAPS, 0, 0, 0, 0, null, new Payload.AgentCaps(m.id(), m.descr()))));
        }
        for (int i = 0; i < fs.size(); i++) {
            Payload.Response r = AgentxConnection.await(fs.get(i));
            if (r.error() != 0) {
                LOG.warning("the AgentX master refused sysORTable row " + agentCaps.get(i).id() + ": " + Payload.Response.errorName(r.error()));
            }
        }
    }

    /** Handles context changes until the connection closes or we stop. */
    private void serve(AgentxConnection c) throws Exception {
        while (true) {
            Event e = events.take();
            if (e instanceof Stop) {
                return;
            } else if (e instanceof Closed closed) {
                if (closed.connection() == c) {
                    if (!stopping) {
                        problem(closed.cause(), true);
                    }
                    return;
                }
            } else if (e instanceof Resync) {
                events.removeIf(x -> x instanceof Resync); // one sync covers a burst of context events
                registrations.sync(c);
            }
        }
    }

    private void ping(AgentxConnection c) {
        if (!c.isOpen()) {
            return;
        }
        c.request(new Pdu(PduType.PING, 0, 0, 0, 0, null, Payload.Empty.INSTANCE)).whenComplete((r, e) -> {
            if (e != null) {
                c.close(e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e);
            } else if (r.error() != 0) {
                c.close(new IOException("the master answered Ping with " + Payload.Response.errorName(r.error())
                        + ": it no longer knows our session"));
            }
        });
    }

    private boolean sleepBackoff() {
        long ms = backoff.next();
        CountDownLatch l = new CountDownLatch(1);
        backoffWait = l;
        Scheduler.Cancellable t = scheduler.schedule(l::countDown, ms, TimeUnit.MILLISECONDS);
        try {
            if (stopping) {
                return false;
            }
            l.await();
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        } finally {
            t.cancel();
        }
    }

    // ------------------------------------------------------------------ notifications

    /** The master's sysUpTime now, in centiseconds, extrapolated from its last Response. */
    long masterUptimeNowCs() {
        return masterUptimeCs + Uptime.centisBetween(masterUptimeAtNanos, ticker.nanos());
    }

    /** Sends {@code n} as a Notify on the current session; dropped (and logged) while there is none. Never blocks. */
    @Override
    public void send(Notification n) {
        notify(n).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warning("AgentX notification " + n.trapOid() + " not delivered to the master: " + e.getMessage());
            } else if (r.error() != 0) {
                LOG.warning("the AgentX master refused notification " + n.trapOid() + ": " + Payload.Response.errorName(r.error()));
            }
        });
    }

    /**
     * The Notify for {@code n}: sysUpTime.0 (the master's uptime, as net-snmp's own subagents
     * report it), snmpTrapOID.0, then the payload; completes with the master's Response.
     */
    CompletableFuture<Payload.Response> notify(Notification n) {
        AgentxConnection c = active;
        if (c == null) {
            return CompletableFuture.failedFuture(new IOException("no session with " + master + " now"));
        }
        List<AxVarBind> vbs = new ArrayList<>(n.payload().size() + 2);
        vbs.add(AxVarBind.of(SnmpV2Mib.SYS_UP_TIME_0, MibValue.timeTicks(masterUptimeNowCs())));
        vbs.add(AxVarBind.of(SnmpV2Mib.SNMP_TRAP_OID_0, MibValue.oid(n.trapOid())));
        for (VarBind vb : n.payload()) {
            vbs.add(AxVarBind.of(vb));
        }
        return c.request(new Pdu(PduType.NOTIFY, 0, 0, 0, 0, null, new Payload.VarBinds(vbs)));
    }

    // ------------------------------------------------------------------ shutdown

    /** Sends Close (shutdown), waits up to a second for its Response, and stops reconnecting. */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        provider.removeContextListener(contextListener);
        AgentxConnection c = active;
        if (c != null) {
            try {
                c.request(new Pdu(PduType.CLOSE, 0, 0, 0, 0, null, new Payload.Close(Payload.Close.SHUTDOWN)))
                        .get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.FINE, "Close not confirmed", e);
            }
            c.close();
        }
        events.add(new Stop());
        CountDownLatch l = backoffWait;
        if (l != null) {
            l.countDown();
        }
        supervisor.interrupt();
        try {
            supervisor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        setState(State.CLOSED);
    }
}
