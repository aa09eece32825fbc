package nlagent.agentx;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.mib.MibProvider;
import nlagent.mib.MibValue;
import nlagent.mib.MibView;
import nlagent.mib.Notification;
import nlagent.mib.NotificationSink;
import nlagent.mib.Oid;
import nlagent.mib.VarBind;
import nlagent.time.Scheduler;
import nlagent.time.Ticker;

/**
 * The AgentX subagent: keeps one session with the master alive and serves the provider's views
 * through it. A supervisor thread runs connect → Open → Register every subtree (default context,
 * then every namespace context with flag 0x08) → AddAgentCaps → serve, and on EOF, I/O error,
 * missed Ping or protocol trouble closes the connection, fails what is pending and starts over
 * after a back-off of 1 s doubling to 30 s. Contexts that appear or disappear while the session is
 * up are registered or unregistered as they come. Also the {@link NotificationSink} of subagent
 * mode: notifications go out as Notify PDUs on the current session.
 *
 * <p>Usage: {@code AgentxSubagent.start(config.agentx, provider, Ticker.system(), scheduler)}, and
 * {@code close()} on shutdown (sends Close, reason shutdown).
 */
public final class AgentxSubagent implements NotificationSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentxSubagent.class.getName());

    /** SNMPv2-MIB sysUpTime.0 and snmpTrapOID.0: the first two varbinds of every Notify. */
    public static final Oid SYS_UPTIME_0 = Oid.parse("1.3.6.1.2.1.1.3.0");
    public static final Oid SNMP_TRAP_OID_0 = Oid.parse("1.3.6.1.6.3.1.1.4.1.0");
    /** sysORID we add: IF-MIB's MODULE-IDENTITY ifMIB, the module nlagent implements instead of snmpd. */
    public static final Oid AGENT_CAPS_ID = Oid.parse("1.3.6.1.2.1.31");
    public static final String AGENT_CAPS_DESCR = "IF-MIB, IP-MIB and IPV6-MIB interface objects served by nlagent from rtnetlink";
    /** Registrations kept in flight at once: pipelined, so thousands of contexts register in seconds. */
    private static final int REGISTER_WINDOW = 64;

    /** Where the session stands; for logs, tests and the health view. */
    public enum State { CONNECTING, ACTIVE, CLOSED }

    private sealed interface Event {
    }

    private record ContextAdded(String context) implements Event {
    }

    private record ContextRemoved(String context) implements Event {
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
    private final Thread supervisor;
    private final AtomicLong sessionsOpened = new AtomicLong();
    private final Object stateLock = new Object();

    private volatile State state = State.CONNECTING;
    private volatile AgentxConnection active;
    private volatile boolean stopping;
    private volatile CountDownLatch backoffWait;
    private volatile long masterUptimeCs;
    private volatile long masterUptimeAtNanos;
    private String lastProblemKind; // supervisor thread only
    /** context -> subtrees registered in it, for Unregister; supervisor thread only. */
    private final Map<String, List<Oid>> registered = new LinkedHashMap<>();

    private AgentxSubagent(AgentxConfig config, MibProvider provider, Ticker ticker, Scheduler scheduler) {
        this.config = config;
        this.master = MasterAddress.parse(config.master() != null ? config.master() : AgentxConfig.DEFAULT_MASTER);
        this.provider = provider;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.handler = new RequestHandler(provider);
        this.backoff = new Backoff(config.retryMinMs(), config.retryMaxMs());
        this.contextListener = new MibProvider.ContextListener() {
            @Override
            public void contextAdded(String context) {
                events.add(new ContextAdded(context));
            }

            @Override
            public void contextRemoved(String context) {
                events.add(new ContextRemoved(context));
            }
        };
        this.supervisor = new Thread(this::supervise, "agentx-session");
        this.supervisor.setDaemon(true);
    }

    /** Starts the subagent; returns at once (the master may be absent: it keeps trying). */
    public static AgentxSubagent start(AgentxConfig config, MibProvider provider, Ticker ticker, Scheduler scheduler) {
        AgentxSubagent s = new AgentxSubagent(config, provider, ticker, scheduler);
        if (config.contexts()) {
            provider.addContextListener(s.contextListener);
        }
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
                registered.clear();
                registerContext(c, "");
                if (config.contexts()) {
                    for (String ctx : new TreeSet<>(provider.contexts())) {
                        if (!ctx.isEmpty()) {
                            registerContext(c, ctx);
                        }
                    }
                }
                addAgentCaps(c);
                if (config.pingIntervalMs() > 0) {
                    AgentxConnection pc = c;
                    pinger = scheduler.scheduleWithFixedDelay(() -> ping(pc), config.pingIntervalMs(), config.pingIntervalMs(),
                            TimeUnit.MILLISECONDS);
                }
                active = c;
                backoff.reset();
                sessionsOpened.incrementAndGet();
                setState(State.ACTIVE);
                int subtrees = registered.values().stream().mapToInt(List::size).sum();
                LOG.info("AgentX session " + Integer.toUnsignedString(c.sessionId()) + " with " + master + " open: "
                        + subtrees + " subtree(s) registered in " + registered.size() + " context(s) at priority " + config.priority());
                lastProblemKind = null;
                serve(c);
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                if (!stopping) {
                    problem(e);
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

    /** Logs a failure once per change of kind (not once per attempt), at FINE otherwise. */
    private void problem(Throwable e) {
        ConnectErrors.Problem p = ConnectErrors.describe(e, master, (int) config.timeoutMs());
        if (!p.kind().equals(lastProblemKind)) {
            LOG.warning(p.message());
            lastProblemKind = p.kind();
        } else {
            LOG.fine(p.message());
        }
    }

    private AgentxConnection connect() throws IOException {
        SocketChannel ch = master.connect((int) config.timeoutMs());
        AgentxConnection[] self = new AgentxConnection[1];
        AgentxConnection c = new AgentxConnection(ch, handler, scheduler, config.timeoutMs(),
                cause -> events.add(new Closed(self[0], cause)), this::masterUptime);
        self[0] = c;
        c.start();
        return c;
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

    /** Registers every subtree of {@code context}'s view, pipelined; failures other than I/O are logged, not fatal. */
    private void registerContext(AgentxConnection c, String context) throws Exception {
        MibView view = provider.view(context);
        if (view == null) {
            return;
        }
        List<Oid> subtrees = RegistrationPlan.registrations(context, view.subtrees());
        List<Oid> ok = new ArrayList<>();
        List<CompletableFuture<Payload.Response>> window = new ArrayList<>();
        List<Oid> windowOids = new ArrayList<>();
        for (int i = 0; i <= subtrees.size(); i++) {
            if (i == subtrees.size() || window.size() == REGISTER_WINDOW) {
                for (int j = 0; j < window.size(); j++) {
                    Payload.Response r = await(window.get(j));
                    Oid oid = windowOids.get(j);
                    if (r.error() == 0) {
                        ok.add(oid);
                    } else {
                        logRegistrationError(context, oid, r.error());
                    }
                }
                window.clear();
                windowOids.clear();
                if (i == subtrees.size()) {
                    break;
                }
            }
            Oid oid = subtrees.get(i);
            window.add(c.request(new Pdu(PduType.REGISTER, 0, 0, 0, 0, context,
                    new Payload.Registration((int) Math.min(255, config.timeoutMs() / 1000), config.priority(), 0, oid, 0))));
            windowOids.add(oid);
        }
        registered.put(context, ok);
    }

    private void logRegistrationError(String context, Oid oid, int error) {
        String where = context.isEmpty() ? "" : " in context \"" + context + "\"";
        if (error == Payload.Response.DUPLICATE_REGISTRATION) {
            LOG.warning("the AgentX master refused to register " + oid + " at priority " + config.priority() + where
                    + ": duplicateRegistration (263): something (an snmpd module or another subagent) already serves it "
                    + "at that priority. Disable the snmpd module (snmpd -I -ifTable,ip,...; see config/snmpd-agentx.conf) "
                    + "or set agentxPriority below " + config.priority() + " to override it.");
        } else {
            LOG.warning("the AgentX master refused to register " + oid + " at priority " + config.priority() + where + ": "
                    + Payload.Response.errorName(error) + " (" + error + ")");
        }
    }

    private void unregisterContext(AgentxConnection c, String context) throws Exception {
        List<Oid> oids = registered.remove(context);
        if (oids == null) {
            return;
        }
        List<CompletableFuture<Payload.Response>> fs = new ArrayList<>();
        for (Oid oid : oids) {
            fs.add(c.request(new Pdu(PduType.UNREGISTER, 0, 0, 0, 0, context,
                    new Payload.Registration(0, config.priority(), 0, oid, 0))));
        }
        for (int i = 0; i < fs.size(); i++) {
            Payload.Response r = await(fs.get(i));
            if (r.error() != 0) {
                LOG.fine("Unregister of " + oids.get(i) + " in \"" + context + "\": " + Payload.Response.errorName(r.error()));
            }
        }
    }

    private void addAgentCaps(AgentxConnection c) throws Exception {
        Payload.Response r = await(c.request(new Pdu(PduType.ADD_AGENT_CAPS, 0, 0, 0, 0, null,
                new Payload.AgentCaps(AGENT_CAPS_ID, AGENT_CAPS_DESCR))));
        if (r.error() != 0) {
            LOG.fine("AddAgentCaps: " + Payload.Response.errorName(r.error()));
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
                        problem(closed.cause());
                    }
                    return;
                }
            } else if (e instanceof ContextAdded added) {
                if (!added.context().isEmpty() && !registered.containsKey(added.context())) {
                    registerContext(c, added.context());
                }
            } else if (e instanceof ContextRemoved removed) {
                if (!removed.context().isEmpty()) {
                    unregisterContext(c, removed.context());
                }
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

    private static Payload.Response await(CompletableFuture<Payload.Response> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
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
        long at = masterUptimeAtNanos;
        return masterUptimeCs + Math.max(0, (ticker.nanos() - at) / 10_000_000L);
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
        vbs.add(AxVarBind.of(SYS_UPTIME_0, MibValue.timeTicks(masterUptimeNowCs())));
        vbs.add(AxVarBind.of(SNMP_TRAP_OID_0, MibValue.oid(n.trapOid())));
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
