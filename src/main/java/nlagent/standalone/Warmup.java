package nlagent.standalone;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

import nlagent.mib.MibProvider;
import nlagent.mib.MibView;

/**
 * Runs the standalone agent's request path in-process before the first NMS poll, so that the poll
 * does not pay class loading, interpretation and JIT compilation (measured in bench/README.md: the
 * first poll after start cost 10–30× a warm one without this, about half that with it).
 *
 * <p>What runs is the path an NMS poll takes, socket included: v2c GETBULK/GETNEXT messages are
 * BER encoded and sent over loopback to a private {@link UdpChannelTransport} (the
 * served agent's transport class, on an ephemeral 127.0.0.1 port, with a random community accepted
 * from loopback only), whose listen thread hands them to a private {@link LeanV2cPath} (decode,
 * access check, view lookup, walk, encode) over the served {@link MibProvider}; the answers are
 * decoded to continue the walk. Each served subtree is walked on its own, as {@code snmpbulkwalk}
 * walks a table, so every part of the view and every value type is read even when a walk of all
 * mib-2 would not get past the first tables of a large host. That pass is repeated, each time on
 * a default context whose reading was made to look stale ({@code expire}), so that the pass's first
 * request waits for an on-demand refresh (a kernel re-dump and a new snapshot, whose view is then
 * built part by part as the walk reads it), as the first request of every poll after a quiet
 * interval does, until a pass leaves the JIT compilers (nearly) nothing to do: without that, the first
 * polls paid most of their CPU to the C2 compiler (bench/README.md, "First poll"). When the caller then freezes
 * C2 ({@link #run(Predicate)}) one more pass and refresh passes run; at the end ifTable and ifXTable of the default
 * context are walked in full ({@link #EVERY_POLL_SUBTREES}), on a view that holds only their part ({@link
 * #dropUnreadParts}), so that the first poll finds them built and encoded. Both
 * sockets are closed at the end, and nothing of the served agent is touched: its sockets, dispatcher, responder,
 * counters and access control stay as they are; the views read are the provider's own (a view not
 * yet built is built, as the first request for it would).
 *
 * <p>Bounded: it stops after {@code maxRequests} requests, {@code cpuBudgetMs} of its own thread's
 * CPU (the private listen thread spends about as much again) or {@link #MAX_PASSES} passes (one more after a
 * freeze), whichever comes first; the interface tables are walked only after passes that ran to their end, and it reads at most {@link #MAX_CONTEXTS} contexts (the default one
 * first), so that it does not mark every namespace as polled.
 */
public final class Warmup {
    private static final Logger LOG = Logger.getLogger(Warmup.class.getName());
    /** The default context and one namespace: enough for the JIT, and it keeps others unread. */
    static final int MAX_CONTEXTS = 2;
    /** As an NMS walks (snmpbulkwalk -Cr25, the bench's poll). */
    private static final int MAX_REPETITIONS = 25;
    /** Exists only inside this process: the private responder's only community. */
    private static final String COMMUNITY = "nlagent-warmup";
    /** Appended to the community of the any-context entry (community@CONTEXT reads a namespace). */
    private static final String ANY_CONTEXT_SUFFIX = "-ns";

    /**
     * What a warm-up did: {@code passes} walks of every served subtree ({@code walks} context walks made of
     * {@code subtreeWalks} subtree walks), then {@code refreshPasses} ({@link #refreshPasses}); {@code complete}: the
     * passes ran to their end (not cut by the bounds, every context answered), {@code compileMs}
     * JIT time meanwhile; {@code frozen}: the caller froze the JIT after them ({@link #startInBackground(Runnable,
     * java.util.function.Predicate)}), then one more pass and {@code afterFreezeRefreshPasses} refresh passes
     * ({@link #MIN_REFRESH_PASSES_AFTER_FREEZE}) ran, during which the JIT compiled {@code afterFreezeCompileMs};
     * {@code tableVarbinds}: read by the last walks, of {@link #EVERY_POLL_SUBTREES} (after complete passes only), and
     * {@code tablesComplete}: whether they reached the end of both within the bounds; {@code walks} and
     * {@code subtreeWalks} count the pass after the freeze, {@code passes} does not;
     * whether its private listen
     * thread ended between two datagrams ({@link #stopBetweenDatagrams}) rather than in a receive its
     * socket's close broke.
     */
    public record Result(int requests, long varbinds, int walks, int subtreeWalks, long cpuNanos, List<String> contexts,
                         int passes, int refreshPasses, boolean complete, long compileMs, boolean frozen,
                         int afterFreezeRefreshPasses, long afterFreezeCompileMs, long tableVarbinds,
                         boolean tablesComplete, boolean stoppedBetweenDatagrams) {
        Result withTables(int requests, long varbinds, long cpuNanos, long tableVarbinds, boolean tablesComplete) {
            return new Result(requests, varbinds, walks, subtreeWalks, cpuNanos, contexts, passes, refreshPasses, complete,
                    compileMs, frozen, afterFreezeRefreshPasses, afterFreezeCompileMs, tableVarbinds, tablesComplete,
                    stoppedBetweenDatagrams);
        }

        Result withStop(boolean betweenDatagrams) {
            return new Result(requests, varbinds, walks, subtreeWalks, cpuNanos, contexts, passes, refreshPasses, complete,
                    compileMs, frozen, afterFreezeRefreshPasses, afterFreezeCompileMs, tableVarbinds, tablesComplete,
                    betweenDatagrams);
        }
    }

    /** A reply on loopback takes microseconds; none within this means the request was dropped (context gone). */
    private static final int REPLY_TIMEOUT_MS = 2000;
    /**
     * Requests per subtree and pass at most: on a host with thousands of interfaces one table alone
     * would take the whole budget, and the later subtrees (their parts and value types) stay cold.
     */
    static final int REQUESTS_PER_SUBTREE = 200;
    /**
     * Walked in full in the default context at the end: ifTable and ifXTable (interfaces, ifMIB), which every NMS
     * reads in every poll (../shared/docs/nms-clients.md). The passes read at most {@link #REQUESTS_PER_SUBTREE} of
     * each, so the first poll built, encoded ({@link PreEncodedView}) and C1-compiled the rest of them; walked here,
     * the first poll finds them as every later poll does, built for an older reading whose unchanged values it keeps.
     * Only these: a whole walk of the default context built every part at once and raised the memory peak at
     * K = 2,000 above the goal (bench/README.md, "Pre-encoded varbinds, and C2 frozen after the warm-up").
     */
    static final List<nlagent.mib.Oid> EVERY_POLL_SUBTREES = List.of(nlagent.mib.Oid.of(1, 3, 6, 1, 2, 1, 2),
            nlagent.mib.Oid.of(1, 3, 6, 1, 2, 1, 31));
    /** Passes at least: the second runs on a refreshed snapshot's new view, as every poll after a refresh does. */
    static final int MIN_PASSES = 2;
    /** Passes at most, whatever the JIT does. */
    static final int MAX_PASSES = 12;
    /** Refresh passes ({@link #refreshPasses}) at most after the full ones, whatever the JIT does. */
    static final int MAX_REFRESH_PASSES = 16;
    /**
     * Refresh passes at least after a freeze (cli.JitDirectives#freezeC2), then until one leaves the compilers at most
     * {@link #SETTLED_AFTER_FREEZE_MS}: the methods a refresh runs once per interface, address or row that the
     * passes left at C1's profiling tier reach C2's thresholds one refresh at a time; frozen, C2 declines them and C1
     * compiles them again without profiling. At K = 1,000 that went on for a dozen refresh passes after the freeze
     * (1-5 ms of C1 each); without them it fell into the first NMS polls a minute apart (22 such compilations in one of
     * them; bench/README.md, "C1 after the freeze, and the survivor space"). The first ones compile little: the
     * invocation counts are still climbing to the thresholds, which is why a quiet pass ends them only after these.
     */
    static final int MIN_REFRESH_PASSES_AFTER_FREEZE = 6;
    /**
     * After a freeze only C1 compiles, a fraction of a ms a method: a refresh pass that compiled this much or less
     * settled.
     */
    static final long SETTLED_AFTER_FREEZE_MS = 1;
    /**
     * ... and none started after this long (wall ms) of them, counted per series (before and after a freeze): each may
     * wait for the compilers.
     */
    static final long REFRESH_PASSES_MAX_MS = 10_000;
    /**
     * A pass during which the JIT compiled at most this long (ms of both compilers' CPU) ends the
     * warm-up: what is left to compile is about as much as one NMS poll would trigger anyway.
     */
    static final long SETTLED_COMPILE_MS = 15;
    /** The compilers are idle once their CPU time ({@link JitActivity}) has grown by at most 1 ms in this long. */
    static final long COMPILER_QUIET_MS = 100;
    /** ... but nobody waits longer than this for them after one pass. */
    static final long COMPILER_WAIT_MAX_MS = 3000;

    private final MibProvider provider;
    private final int maxRequests;
    private final long cpuBudgetNanos;
    private final Runnable expire;
    private final LongSupplier compileMillis;
    private final ProtocolFamily socketFamily;
    /** Set once the caller froze the JIT (for the failure line: a warm-up that failed after it leaves C2 frozen). */
    private volatile boolean frozen;

    public Warmup(MibProvider provider, int maxRequests, long cpuBudgetMs) {
        this(provider, maxRequests, cpuBudgetMs, null, jitCompileMillis());
    }

    /**
     * @param expire        makes the default context's reading look stale, so that the pass's first request waits
     *                      for an on-demand refresh (the kernel parse, the new snapshot, the new view's build:
     *                      what a poll after a quiet interval runs); run before every pass but the first; null: none
     * @param compileMillis the JIT's work so far, ms ({@link #jitCompileMillis()}; settles the number of passes)
     */
    public Warmup(MibProvider provider, int maxRequests, long cpuBudgetMs, Runnable expire, LongSupplier compileMillis) {
        this(provider, maxRequests, cpuBudgetMs, expire, compileMillis, StandardProtocolFamily.INET);
    }

    /**
     * @param socketFamily the family of the served agent's (first) socket ({@link UdpChannelTransport#family}), which
     *                     the warm-up's loopback socket takes too: the JDK decodes a sender's address by its
     *                     family, and a family the warm-up never received from would be a branch the compiled
     *                     receive path has not seen, its first datagram a trap and a recompilation in a poll
     */
    public Warmup(MibProvider provider, int maxRequests, long cpuBudgetMs, Runnable expire, LongSupplier compileMillis,
                  ProtocolFamily socketFamily) {
        this.socketFamily = socketFamily;
        this.provider = provider;
        this.maxRequests = maxRequests;
        this.cpuBudgetNanos = cpuBudgetMs * 1_000_000L;
        this.expire = expire;
        this.compileMillis = compileMillis;
    }

    /** The JIT compilers' work so far, ms ({@link JitActivity}: their threads' CPU time where Linux tells). */
    public static LongSupplier jitCompileMillis() {
        return JitActivity.millis();
    }

    /**
     * Runs it on a daemon thread named {@code nlagent-warmup}, the result to the log, after
     * {@code before} returns on that thread (the agent waits there for the namespaces found at start to be open: their opening is a burst of JIT
     * compilations of its own, which the passes would otherwise race and leave to the first polls).
     */
    public Thread startInBackground(Runnable before) {
        return startInBackground(before, r -> false);
    }

    /**
     * {@link #startInBackground(Runnable)}, and {@code freeze} gets the result on that thread once the passes are over
     * and the compilers have settled, while the private socket is still open (the agent may freeze C2 there:
     * cli.JitDirectives#freezeC2); when it says it froze the JIT, one more pass and refresh passes run
     * ({@link #run(Predicate)}).
     */
    public Thread startInBackground(Runnable before, Predicate<Result> freeze) {
        Thread t = new Thread(() -> {
            try {
                before.run();
                Result r = run(freeze);
                String line = "warm-up: " + r.requests() + " requests, " + r.varbinds() + " varbinds, " + r.walks()
                        + " walks of " + r.contexts() + " in " + r.passes() + " passes and " + r.refreshPasses()
                        + " refresh passes" + (r.complete() ? "" : " (cut short)") + ", " + r.cpuNanos() / 1_000_000
                        + " ms CPU, JIT compiling " + r.compileMs() + " ms meanwhile"
                        + (r.frozen() ? "; after the freeze one more pass and " + r.afterFreezeRefreshPasses()
                                + " refresh passes, JIT compiling " + r.afterFreezeCompileMs() + " ms" : "")
                        + (r.tableVarbinds() > 0 ? "; ifTable and ifXTable walked" + (r.tablesComplete() ? " in full" : " (cut short)")
                                + " (" + r.tableVarbinds() + " varbinds)" : "")
                        + (r.stoppedBetweenDatagrams() ? "" : "; its listen thread was stopped inside a receive");
                // the line's first build links its string concatenation (generated classes, compiled by C2, or by C1
                // after a freeze, in the first poll otherwise): the compilers settle again before the line is logged
                awaitCompilerQuiet();
                // the passes' views, readings and refreshes filled the old generation with what they dropped: collected
                // now, at start, rather than by a full collection in one of the first NMS polls (bench/README.md, tenth round)
                System.gc();
                LOG.info(line);
            } catch (RuntimeException | IOException e) {
                // only the first poll gets slower; never a reason to stop serving
                LOG.log(Level.WARNING, "warm-up failed" + (frozen ? " after C2 was frozen" : "") + ": " + e, e);
            }
        }, "nlagent-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Runs it on the calling thread, without a freeze. */
    public Result run() throws IOException {
        return run(r -> false);
    }

    /**
     * Runs it on the calling thread. Once the passes are over and the compilers settled, {@code freeze} is asked (with
     * the result so far) whether it froze the JIT; if it did, one more pass (a refresh, then every subtree of every
     * context) and refresh passes ({@link #MIN_REFRESH_PASSES_AFTER_FREEZE}; within the bounds) run before the private
     * socket closes. Why: after a freeze (cli.JitDirectives#freezeC2) a method the passes left at C1's profiling tier
     * is compiled again by C1 (without profiling) when it reaches C2's thresholds. For the request path that is within
     * about one more pass (bench/README.md, "Interface tables walked at the end of the warm-up"); for what a refresh runs
     * once per interface it took up to a dozen refreshes at K = 1,000, which without the refresh passes after the
     * freeze were the first NMS polls a minute apart (bench/README.md, "C1 after the freeze, and the survivor space").
     */
    public Result run(Predicate<Result> freeze) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        List<String> contexts = contexts();
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        // a fresh random community, accepted from loopback only: nobody else can read through the private socket
        String secret = COMMUNITY + "-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        // two entries, as a served configuration has: one community for the default context, read through the
        // access check's exact-name branch, and one for community@CONTEXT; with the second only, the first poll
        // took an uncommon trap in the check and C2 recompiled the request path's entry (bench/README.md, "JIT after start")
        AccessControl access = new AccessControl(List.of(new StandaloneConfig.Community(secret, loopbackSource(), ""),
                new StandaloneConfig.Community(secret + ANY_CONTEXT_SUFFIX, loopbackSource(), "*")), List.of());
        // its own counters: the warm-up must not show in the served snmp group (snmpInPkts, ...)
        SnmpCounters counters = new SnmpCounters();
        nlagent.mib.GetBulk.Limits limits = new nlagent.mib.GetBulk.Limits(StandaloneConfig.DEFAULT_MAX_GETBULK,
                StandaloneConfig.DEFAULT_MAX_GETBULK);
        LeanResponder responder = new LeanResponder(provider, access, StandaloneConfig.MAX_UDP_PAYLOAD, limits, counters);
        dispatcher.addCommandResponder(responder);
        LeanV2cPath lean = new LeanV2cPath(dispatcher, provider, access, StandaloneConfig.MAX_UDP_PAYLOAD, limits, counters,
                responder);
        // the served agent's transport class on a private loopback port: the socket path and the call sites compiled
        // here are those of the real listen thread (with an in-memory transport the first poll recompiled them)
        InetAddress loopback = InetAddress.getLoopbackAddress();
        UdpChannelTransport transport = new UdpChannelTransport(new InetSocketAddress(loopback, 0), socketFamily, lean,
                "nlagent-warmup-listen");
        transport.addTransportListener(dispatcher);
        try {
            transport.listen();
            InetSocketAddress agent = new InetSocketAddress(loopback, transport.getListenAddress().getPort());
            Walker walker = new Walker(agent, secret, mx, cpu0);
            Result r = passes(walker, contexts, freeze);
            boolean tables = false;
            long tableVarbinds = 0;
            if (r.complete()) {
                dropUnreadParts(walker, contexts);
                long before = walker.varbinds;
                tables = walkEveryPollSubtrees(walker, contexts);
                tableVarbinds = walker.varbinds - before;
            }
            r = r.withTables(walker.requests, walker.varbinds, walker.cpu(), tableVarbinds, tables);
            return r.withStop(stopBetweenDatagrams(transport, walker, contexts));
        } finally {
            transport.close(); // after a failure too (then under the listen thread: a warm-up that failed costs the first poll)
        }
    }

    /**
     * Ends the private listen thread between two datagrams instead of inside a receive. Closing the
     * socket under a blocked receive makes the receive fail, and that failure deoptimised the JDK's
     * compiled receive path, which the served listen thread runs too: the first polls after every
     * start recompiled it, ~60 ms of C2 (bench/README.md, "Encoding from the view's arrays"). So the
     * thread is asked to stop after its next datagram, is sent one more ordinary request, and has
     * answered and ended before the socket is closed. Where that cannot be done (no context to ask,
     * no answer), the socket is closed under it.
     */
    private boolean stopBetweenDatagrams(UdpChannelTransport transport, Walker walker, List<String> contexts) {
        if (contexts.isEmpty()) {
            return false;
        }
        transport.stopAfterNextDatagram(); // the listen loop checks this after each datagram; it does not touch the socket
        try {
            MibView view = provider.view(contexts.get(0));
            if (view == null || view.subtrees().isEmpty() || !walker.lastRequest(contexts.get(0), view.subtrees().get(0))) {
                return false;
            }
            return transport.awaitListenEnd(REPLY_TIMEOUT_MS);
        } catch (IOException e) {
            LOG.log(Level.FINE, "warm-up: the last request failed; closing the private socket under its listen thread", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Pass after pass (a refresh, then every subtree of every context) until a pass leaves the JIT
     * (nearly) nothing to compile: an NMS poll after a refresh runs the refresh's parse, the new
     * view's build and the walk, and each of these keeps producing compilations (and
     * deoptimisations: a profile taken on one snapshot's view is wrong for the next one's) for a few
     * rounds; measured in bench/README.md ("First poll").
     */
    private Result passes(Walker w, List<String> contexts, Predicate<Result> freeze) throws IOException {
        long compile0 = compileMillis.getAsLong();
        int passes = 0;
        boolean complete = true;
        while (!contexts.isEmpty() && passes < MAX_PASSES && w.withinBudget()) {
            long before = compileMillis.getAsLong();
            if (passes > 0 && expire != null) {
                expire.run();
            }
            complete = w.pass(contexts);
            passes++;
            long compiled = awaitCompilerQuiet() - before;
            if (!complete || (passes >= MIN_PASSES && compiled <= SETTLED_COMPILE_MS)) {
                break;
            }
        }
        int refreshPasses = complete && !contexts.isEmpty() ? refreshPasses(w, contexts.get(0)) : 0;
        long beforeFreeze = awaitCompilerQuiet();
        Result r = new Result(w.requests, w.varbinds, w.walks, w.subtreeWalks, w.cpu(), contexts, passes, refreshPasses,
                complete && passes > 0, beforeFreeze - compile0, false, 0, 0, 0, false, false);
        if (!freeze.test(r)) {
            return r;
        }
        frozen = true;
        int afterFreezeRefreshPasses = 0;
        if (w.withinBudget()) { // no expiry without a pass to read the refresh: that refresh would fall into a poll
            if (expire != null) {
                expire.run();
            }
            // bounded like the others; cut short, it still did what it could (and no refresh pass follows)
            if (w.pass(contexts) && !contexts.isEmpty()) {
                afterFreezeRefreshPasses = refreshPasses(w, contexts.get(0), MIN_REFRESH_PASSES_AFTER_FREEZE,
                        SETTLED_AFTER_FREEZE_MS);
            }
        }
        long afterFreeze = awaitCompilerQuiet() - beforeFreeze;
        return new Result(w.requests, w.varbinds, w.walks, w.subtreeWalks, w.cpu(), contexts, passes, refreshPasses,
                r.complete(), r.compileMs(), true, afterFreezeRefreshPasses, afterFreeze, 0, false, false);
    }

    /** The end: {@link #EVERY_POLL_SUBTREES} of the default context walked in full, within the bounds; whether they were. */
    private boolean walkEveryPollSubtrees(Walker w, List<String> contexts) throws IOException {
        if (contexts.isEmpty() || !contexts.get(0).isEmpty()) {
            return false;
        }
        for (nlagent.mib.Oid root : EVERY_POLL_SUBTREES) {
            if (!w.walkInFull("", root)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Before the tables' walk: after the passes the default context's view holds every part they built, and the
     * warm-up's {@code System.gc()} would leave them all in the old generation. An NMS poll reads a few subtrees, and
     * the view after a read one keeps only the parts that were read (LazyPartsView#reusableVersion): the others (route,
     * address, neighbour and statistics tables: ~4.4 MB at K = 1,000) died there at the second poll and brought the
     * first full collection into the third to fifth poll a minute apart (bench/README.md, "C1 after the freeze, and the
     * survivor space"). So a refresh read by one request per {@link #EVERY_POLL_SUBTREES} subtree (its view still holds
     * the passes' parts for reuse), then an expiry that the tables' walk reads: that view is made from a read one and
     * holds the interface tables' part only (and what the walk's last requests run into), built and encoded by the
     * walk. Best effort: a refresh slower than the request's wait for it, or one that failed, leaves the passes' parts
     * held until the first polls drop them.
     */
    private void dropUnreadParts(Walker w, List<String> contexts) throws IOException {
        if (expire == null || contexts.isEmpty() || !contexts.get(0).isEmpty() || !w.withinBudget()) {
            return;
        }
        expire.run();
        for (nlagent.mib.Oid root : EVERY_POLL_SUBTREES) {
            if (!w.touch("", root)) {
                return;
            }
        }
        if (w.withinBudget()) { // no expiry without the walk to read it: its refresh would fall into a poll
            expire.run();
        }
    }

    /**
     * Refresh passes: a refresh of the default context and one request per subtree, which builds
     * every part of the new view and walks nothing. The table builders and the snapshot assembly
     * run once per refresh, so the full passes leave them short of C2's thresholds, and C2 compiled
     * them (50–185 ms each, once) in the first polls that came after a refresh; a refresh pass costs
     * a refresh and a build, not a walk (bench/README.md, "Encoding from the view's arrays").
     */
    private int refreshPasses(Walker w, String context) throws IOException {
        return refreshPasses(w, context, 1, SETTLED_COMPILE_MS);
    }

    /**
     * Refresh passes until one that is not among the first {@code minPasses} leaves the compilers at most
     * {@code settledMs} of work, within the bounds; how many ran.
     */
    private int refreshPasses(Walker w, String context, int minPasses, long settledMs) throws IOException {
        int n = 0;
        long start = System.nanoTime();
        while (expire != null && n < MAX_REFRESH_PASSES && w.withinBudget()
                && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(REFRESH_PASSES_MAX_MS)) {
            long before = compileMillis.getAsLong();
            expire.run();
            boolean complete = w.touchEveryPart(context);
            n++;
            if (!complete || (awaitCompilerQuiet() - before <= settledMs && n >= minPasses)) {
                break;
            }
        }
        return n;
    }

    /** Waits until the compilers' total time stops moving (bounded); returns that total. */
    private long awaitCompilerQuiet() {
        long last = compileMillis.getAsLong();
        long waitedMs = 0;
        try {
            while (waitedMs < COMPILER_WAIT_MAX_MS) {
                Thread.sleep(COMPILER_QUIET_MS);
                waitedMs += COMPILER_QUIET_MS;
                long now = compileMillis.getAsLong();
                if (now - last <= 1) { // an idle compiler thread uses no CPU; 1 ms allows for its wake-ups
                    break;
                }
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last;
    }

    /** The client side: walks subtrees over the private socket, counting, within the warm-up's bounds. */
    private final class Walker {
        private final InetSocketAddress agent;
        private final String secret;
        private final ThreadMXBean mx;
        private final long cpu0;
        private final byte[] reply = new byte[StandaloneConfig.MAX_UDP_PAYLOAD];
        int requests;
        int answered;
        long varbinds;
        int walks;
        int subtreeWalks;

        Walker(InetSocketAddress agent, String secret, ThreadMXBean mx, long cpu0) {
            this.agent = agent;
            this.secret = secret;
            this.mx = mx;
            this.cpu0 = cpu0;
        }

        long cpu() {
            return mx.getCurrentThreadCpuTime() - cpu0;
        }

        boolean withinBudget() {
            return requests < maxRequests && cpu() < cpuBudgetNanos;
        }

        /** One walk (every subtree) of every context; false if a bound was hit or a context went away. */
        boolean pass(List<String> contexts) throws IOException {
            for (String ctx : contexts) {
                OctetString community = community(ctx);
                MibView view = provider.view(ctx);
                if (view == null) {
                    return false; // context gone meanwhile
                }
                for (nlagent.mib.Oid root : view.subtrees()) {
                    if (!walk(community, new OID(root.toArray()))) {
                        return false;
                    }
                }
                walks++;
            }
            return true;
        }

        /**
         * One subtree, from a socket of its own: snmpbulkwalk is a new process with a new source port per walk,
         * and with one client socket for the whole warm-up the served socket's first poll took an uncommon trap
         * where the JDK compares a datagram's source with the previous one's, and recompiled the receive path.
         */
        private boolean walk(OctetString community, OID rootOid) throws IOException {
            subtreeWalks++;
            return walk(community, rootOid, REQUESTS_PER_SUBTREE, true);
        }

        /** {@code root} of {@code ctx} to its end, within the bounds; false if cut short or the context went away. */
        boolean walkInFull(String ctx, nlagent.mib.Oid root) throws IOException {
            return walk(community(ctx), new OID(root.toArray()), Integer.MAX_VALUE, true);
        }

        /** One request at {@code root} (builds the part that holds it), within the bounds: whether it was answered. */
        boolean touch(String ctx, nlagent.mib.Oid root) throws IOException {
            return withinBudget() && walk(community(ctx), new OID(root.toArray()), 1, true);
        }

        /** One request per subtree of {@code ctx} (each part of its view built, nothing walked); false if it went away. */
        boolean touchEveryPart(String ctx) throws IOException {
            MibView view = provider.view(ctx);
            if (view == null) {
                return false;
            }
            for (nlagent.mib.Oid root : view.subtrees()) {
                if (!withinBudget() || !walk(community(ctx), new OID(root.toArray()), 1, true)) {
                    return false;
                }
            }
            return true;
        }

        /** One more request, as the walks sent them, whatever the budget: whether it was answered. */
        boolean lastRequest(String ctx, nlagent.mib.Oid root) throws IOException {
            int before = answered;
            walk(community(ctx), new OID(root.toArray()), 1, false);
            return answered > before;
        }

        private OctetString community(String ctx) {
            return new OctetString(ctx.isEmpty() ? secret : secret + ANY_CONTEXT_SUFFIX + "@" + ctx);
        }

        /** @param budgeted whether the warm-up's bounds apply (not to the last request, which stops the listen thread) */
        private boolean walk(OctetString community, OID rootOid, int maxRequests, boolean budgeted) throws IOException {
            try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(agent.getAddress(), 0))) {
                client.setSoTimeout(REPLY_TIMEOUT_MS);
                return walk(client, community, rootOid, maxRequests, budgeted);
            }
        }

        private boolean walk(DatagramSocket client, OctetString community, OID rootOid, int maxRequests, boolean budgeted)
                throws IOException {
            OID from = rootOid;
            for (int inSubtree = 0; from != null && inSubtree < maxRequests; inSubtree++) {
                if (budgeted && !withinBudget()) {
                    return false;
                }
                // every 4th step a GETNEXT, the rest GETBULK: both request paths get compiled, and the per-request
                // code (message decode and encode) reaches C2 compilation, which needs ~10,000 calls
                PDU req = request(requests % 4 == 3 ? PDU.GETNEXT : PDU.GETBULK, requests, from);
                byte[] msg = encode(community, req);
                client.send(new DatagramPacket(msg, msg.length, agent));
                requests++;
                DatagramPacket in = new DatagramPacket(reply, reply.length);
                try {
                    client.receive(in);
                } catch (java.net.SocketTimeoutException e) {
                    return false; // context gone meanwhile (dropped): nothing more to learn
                }
                answered++;
                PDU resp = decode(java.util.Arrays.copyOf(reply, in.getLength()));
                from = null;
                for (VariableBinding vb : resp.getVariableBindings()) {
                    varbinds++;
                    if (vb.getVariable().isException() || !vb.getOid().startsWith(rootOid)) {
                        from = null; // end of this subtree, as snmpbulkwalk stops
                        break;
                    }
                    from = vb.getOid();
                }
            }
            return true;
        }
    }

    private static SourceFilter loopbackSource() {
        try {
            return SourceFilter.parse(InetAddress.getLoopbackAddress().getHostAddress(), null);
        } catch (nlagent.config.ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> contexts() {
        List<String> out = new ArrayList<>();
        if (provider.contexts().contains("")) {
            out.add("");
        }
        provider.contexts().stream().filter(c -> !c.isEmpty()).sorted().limit(MAX_CONTEXTS - out.size()).forEach(out::add);
        return out;
    }

    private static PDU request(int type, int id, OID from) {
        PDU p = new PDU();
        p.setType(type);
        p.setRequestID(new Integer32(id + 1));
        if (type == PDU.GETBULK) {
            p.setNonRepeaters(0);
            p.setMaxRepetitions(MAX_REPETITIONS);
        }
        p.add(new VariableBinding(from));
        return p;
    }

    /** A v2c message: SEQUENCE { version 1, community, PDU }. */
    static byte[] encode(OctetString community, PDU pdu) throws IOException {
        Integer32 version = new Integer32(1);
        int len = version.getBERLength() + community.getBERLength() + pdu.getBERLength();
        ByteBuffer buf = ByteBuffer.allocate(1 + BER.getBERLengthOfLength(len) + len);
        BEROutputStream out = new BEROutputStream(buf);
        BER.encodeHeader(out, BER.SEQUENCE, len);
        version.encodeBER(out);
        community.encodeBER(out);
        pdu.encodeBER(out);
        return buf.array();
    }

    static PDU decode(byte[] message) throws IOException {
        BERInputStream in = new BERInputStream(ByteBuffer.wrap(message));
        BER.decodeHeader(in, new BER.MutableByte());
        new Integer32().decodeBER(in);
        new OctetString().decodeBER(in);
        PDU p = new PDU();
        p.decodeBER(in);
        return p;
    }
}
