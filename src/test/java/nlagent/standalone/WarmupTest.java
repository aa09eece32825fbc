package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nlagent.mib.MapSnapshotSource;
import nlagent.mib.MibView;
import nlagent.mib.SnapshotMibProvider;
import nlagent.mib.TestSnapshots;
import nlagent.mib.VarBind;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.model.InterfaceSnapshot;
import nlagent.time.Ticker;

/** The start-up warm-up: runs the request path over the served views through a private loopback socket it closes, changes nothing. */
class WarmupTest {
    private final MapSnapshotSource source = new MapSnapshotSource();
    private SnapshotMibProvider provider;

    @BeforeEach
    void setUp() {
        provider = new SnapshotMibProvider(source, new NetnsMibBuilder(Uptime.startingNow(Ticker.system())), List.of(),
                List.of()).start();
        source.put(TestSnapshots.snapshot("", 1, interfaces(3)));
        source.put(TestSnapshots.snapshot("nsB", 1, interfaces(40)));
        source.put(TestSnapshots.snapshot("nsA", 1, interfaces(20)));
        source.put(TestSnapshots.snapshot("nsC", 1, interfaces(5)));
    }

    private static List<InterfaceSnapshot> interfaces(int n) {
        List<InterfaceSnapshot> out = new ArrayList<>(List.of(TestSnapshots.loopback()));
        for (int i = 0; i < n; i++) {
            out.add(TestSnapshots.veth(10 + i, "veth" + i, 10_000, i % 2 == 0));
        }
        return out;
    }

    @Test
    void walksTheDefaultAndFirstNamespaceContextOnlyWithoutSocketsAndLeavesViewsAsTheyWere() throws IOException {
        MibView beforeDefault = provider.view("");
        MibView beforeA = provider.view("nsA");
        List<VarBind> walkA = walk(beforeA);
        source.accessedContexts().clear();
        java.util.Set<String> sockets = sockets();

        Warmup.Result r = new Warmup(provider, 2_000, 60_000, null, () -> 0L).run(); // a JIT with nothing to do

        // no socket left that the JVM did not have before (other tests' threads in this JVM may close theirs meanwhile)
        java.util.Set<String> opened = new java.util.TreeSet<>(sockets());
        opened.removeAll(sockets);
        assertEquals(java.util.Set.of(), opened, "the warm-up left a socket open");
        assertEquals(List.of("", "nsA"), r.contexts());
        assertTrue(r.stoppedBetweenDatagrams(), "the private listen thread ended after a datagram, before its socket closed");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("nlagent-warmup-listen")),
                "no warm-up listen thread left");
        assertEquals(List.of("", "nsA"), List.copyOf(new LinkedHashSet<>(source.accessedContexts())),
                "only the default context and the first namespace context are read");
        assertEquals(Warmup.MIN_PASSES, r.passes(), "a settled JIT ends it after the least passes: " + r);
        assertTrue(r.requests() > 0 && r.requests() < 2_000, "ended by the JIT, not by the request bound: " + r);
        assertEquals(Warmup.MIN_PASSES * 2, r.walks(), "both contexts walked once per pass: " + r);
        // served views are the same objects with the same bindings (nothing rebuilt, nothing added)
        assertSame(beforeDefault, provider.view(""));
        assertSame(beforeA, provider.view("nsA"));
        assertEquals(walkA, walk(provider.view("nsA")));
    }

    @Test
    void theAgentsWarmUpReadsTheProviderItsRequestPathServesWithTheAgentsOwnObjects() throws Exception {
        source.remove("nsA");
        source.remove("nsB");
        source.remove("nsC");
        StandaloneConfig c = new StandaloneConfig();
        nlagent.config.ConfigFile.apply("t.conf", "rocommunity public 127.0.0.1\n", List.of(c));
        try (StandaloneAgent agent = StandaloneAgent.start(c, List.of(ListenAddress.parse("udp:127.0.0.1:0", null)), provider)) {
            Warmup.Result inner = new Warmup(provider, 2_000, 60_000, null, () -> 0L).run();
            Warmup.Result served = agent.warmup(2_000, 60_000, null, () -> 0L).run();
            int innerSubtrees = provider.view("").subtrees().size();
            assertEquals(inner.passes() * innerSubtrees, inner.subtreeWalks(), "every subtree once per pass: " + inner);
            // the agent's own objects (snmp group, snmpEngine, ...) are subtrees of the served provider only
            assertTrue(served.subtreeWalks() > served.passes() * innerSubtrees,
                    "the agent's warm-up walks the served provider, its own objects included: " + served + " vs " + inner);
        }
    }

    @Test
    void aWalkVisitsEveryBindingOnceThenEndOfView() throws IOException {
        source.remove("nsA");
        source.remove("nsB");
        source.remove("nsC");
        int bindings = walk(provider.view("")).size();
        // one context: the walk restarts from mib-2 after each endOfMibView; GETBULK or GETNEXT, every
        // binding once per walk plus the endOfMibView that ends it
        Warmup.Result r = new Warmup(provider, 100_000, 60_000).run();
        assertTrue(r.walks() >= 1);
        // every subtree walked as snmpbulkwalk walks it: each binding at least once per walk, plus at most one
        // answer's worth (25 repetitions) past the end of each subtree
        int subtrees = provider.view("").subtrees().size();
        assertTrue(r.varbinds() >= (long) bindings * r.walks() && r.varbinds() <= (long) (bindings + 25 * subtrees) * (r.walks() + 1),
                "varbinds " + r.varbinds() + " for " + r.walks() + " walks of " + bindings + " bindings");
    }

    @Test
    void passesGoOnWhileTheJitCompilesAndEachButTheFirstStartsOnAnExpiredReading() throws IOException {
        int[] expired = {0};
        // the JIT compiles 100 ms during each of the first three passes that follow an expiry, then nothing
        Warmup.Result r = new Warmup(provider, 100_000, 60_000, () -> expired[0]++,
                () -> 100L * Math.min(expired[0], 3)).run();
        assertEquals(5, r.passes(), "passes 2-4 compiled, pass 5 did not: " + r);
        assertEquals(1, r.refreshPasses(), "a refresh pass that compiled nothing ends them: " + r);
        assertEquals(5 + 2, expired[0], "every pass but the first starts on an expired reading, and so does each refresh pass"
                + " and the two refreshes around the tables' walk");
        assertEquals(300, r.compileMs());
        assertEquals(5 * 2, r.walks());
    }

    @Test
    void aJitThatNeverSettlesStillEndsIt() throws IOException {
        int[] expired = {0};
        Warmup.Result r = new Warmup(provider, 100_000, 60_000, () -> expired[0]++, () -> 1_000L * expired[0]).run();
        assertEquals(Warmup.MAX_PASSES, r.passes());
        assertEquals(Warmup.MAX_REFRESH_PASSES, r.refreshPasses());
        assertEquals(Warmup.MAX_PASSES - 1 + Warmup.MAX_REFRESH_PASSES + 2, expired[0]);
    }

    @Test
    void refreshPassesAskEachPartOnceUntilTheJitSettles() throws IOException {
        Warmup.Result plain = new Warmup(provider, 100_000, 60_000, null, () -> 0L).run(); // no expiry: no refresh passes
        assertEquals(0, plain.refreshPasses());
        int[] expired = {0};
        // the full passes settle at once; the JIT then compiles during the first three refresh passes
        Warmup.Result r = new Warmup(provider, 100_000, 60_000, () -> expired[0]++,
                () -> 100L * Math.max(0, Math.min(expired[0], 4) - 1)).run();
        assertEquals(Warmup.MIN_PASSES, r.passes(), "" + r);
        assertEquals(4, r.refreshPasses(), "three that compiled and the one that did not: " + r);
        int subtrees = provider.view("").subtrees().size();
        int expected = plain.requests() + 4 * subtrees + Warmup.EVERY_POLL_SUBTREES.size();
        assertTrue(Math.abs(r.requests() - expected) <= 1, r.requests() + " requests, " + expected + " expected: one request"
                + " per subtree of the default context and pass, and per interface table after the refresh before the"
                + " tables' walk (which, on a refreshed view, may take one request more or less than plain's)");
        assertEquals(plain.subtreeWalks(), r.subtreeWalks(), "a refresh pass walks nothing");
    }

    /**
     * The freeze is asked once, after the passes, with their result; when it froze the JIT one more pass (a refresh,
     * then every subtree) and refresh passes run, so that what the freeze turns into C1 recompilations happens here and
     * not in a poll.
     */
    @Test
    void afterAFreezeOneMorePassAndRefreshPassesRun() throws IOException {
        int[] expired = {0};
        Warmup.Result plain = new Warmup(provider, 100_000, 60_000, () -> expired[0]++, () -> 0L).run(r -> false);
        int plainExpiries = expired[0];
        assertFalse(plain.frozen());
        assertEquals(0, plain.afterFreezeCompileMs());

        expired[0] = 0;
        java.util.List<Warmup.Result> asked = new java.util.ArrayList<>();
        long[] jit = {0};
        Warmup.Result r = new Warmup(provider, 100_000, 60_000, () -> expired[0]++, () -> jit[0]).run(seen -> {
            asked.add(seen);
            jit[0] = 40; // what C1 compiles from here on is the extra pass's
            return true;
        });
        assertEquals(1, asked.size(), "asked once");
        assertTrue(asked.get(0).complete() && !asked.get(0).frozen(), "asked with the passes' result: " + asked.get(0));
        assertEquals(plain.walks(), asked.get(0).walks());
        assertEquals(plain.refreshPasses(), asked.get(0).refreshPasses(), "asked after the refresh passes");
        assertEquals(0, asked.get(0).tableVarbinds(), "asked before the interface tables' walk");
        assertTrue(r.tableVarbinds() > 0 && r.tablesComplete(), "the tables walked after the extra pass: " + r);
        assertTrue(r.frozen() && r.complete(), "" + r);
        assertEquals(plain.walks() + plain.contexts().size(), r.walks(), "one more walk of each context");
        assertEquals(0, plain.afterFreezeRefreshPasses());
        assertEquals(Warmup.MIN_REFRESH_PASSES_AFTER_FREEZE, r.afterFreezeRefreshPasses(), "a JIT with nothing more to do: " + r);
        assertEquals(plainExpiries + 1 + Warmup.MIN_REFRESH_PASSES_AFTER_FREEZE, expired[0],
                "the pass and each refresh pass start on an expired reading, as a poll after a quiet interval does");
        assertEquals(40, r.afterFreezeCompileMs());
        assertEquals(0, r.compileMs(), "the passes' JIT time is counted before the freeze");
        assertTrue(r.stoppedBetweenDatagrams());
    }

    /**
     * After a freeze, C1 recompiles what reaches C2's thresholds one refresh at a time: the refresh passes go on past
     * their minimum while a pass compiles more than {@link Warmup#SETTLED_AFTER_FREEZE_MS}, and a quiet pass among the
     * first ones does not end them (the invocation counts are still climbing there).
     */
    @Test
    void afterAFreezeRefreshPassesGoOnUntilC1Settles() throws IOException {
        int[] expired = {0};
        int[] atFreeze = {-1};
        long[] jit = {0};
        // expiry k after the freeze: k = 1 starts the pass after it, k >= 2 starts refresh pass k - 1. C1 is quiet in refresh
        // pass 1 (still among the first ones: that does not end them), compiles 3 ms in each of refresh passes 2 to
        // lastBusyExpiry - 1, past the minimum, and is quiet again in refresh pass lastBusyExpiry, which ends them
        int lastBusyExpiry = Warmup.MIN_REFRESH_PASSES_AFTER_FREEZE + 3;
        Warmup.Result r = new Warmup(provider, 100_000, 60_000, () -> {
            expired[0]++;
            int k = atFreeze[0] < 0 ? 0 : expired[0] - atFreeze[0];
            if (k >= 3 && k <= lastBusyExpiry) {
                jit[0] += 3;
            }
        }, () -> jit[0]).run(seen -> {
            atFreeze[0] = expired[0];
            return true;
        });
        assertEquals(lastBusyExpiry, r.afterFreezeRefreshPasses(), "a quiet one, the ones that compiled, then the quiet one: " + r);
        assertEquals(3L * (lastBusyExpiry - 2), r.afterFreezeCompileMs());

        int[] n = {0};
        Warmup.Result never = new Warmup(provider, 100_000, 60_000, () -> n[0]++, () -> 10L * n[0]).run(seen -> true);
        assertEquals(Warmup.MAX_REFRESH_PASSES, never.afterFreezeRefreshPasses(), "bounded like the others: " + never);
    }

    /**
     * The warm-up ends on a view of the default context that holds the interface tables' parts only: the passes build
     * every part, and what no poll reads would otherwise be left in the old generation by the warm-up's collection,
     * to die there in the first polls (bench/README.md, "C1 after the freeze, and the survivor space").
     */
    @Test
    void itEndsOnAViewThatHoldsOnlyTheInterfaceTablesParts() throws IOException {
        int[] generation = {1};
        Warmup.Result r = new Warmup(provider, 100_000, 60_000,
                () -> source.put(TestSnapshots.snapshot("", ++generation[0], interfaces(3))), () -> 0L).run();
        assertTrue(r.tablesComplete(), "" + r);
        nlagent.mib.MibView served = provider.view("");
        nlagent.mib.LazyPartsView view = served instanceof nlagent.mib.LazyPartsView l ? l
                : ((nlagent.mib.CompositeView) served).parts().stream().filter(nlagent.mib.LazyPartsView.class::isInstance)
                        .map(nlagent.mib.LazyPartsView.class::cast).findFirst().orElseThrow();
        int subtrees = view.subtrees().size();
        assertTrue(subtrees > Warmup.EVERY_POLL_SUBTREES.size() + 2, "a view of more parts than those: " + view.subtrees());
        assertEquals(0, view.heldPreviousParts(), "no part of an earlier view held for reuse");
        assertTrue(view.isBuilt("IF-MIB"), "the interface tables' part");
        int built = view.builtParts(); // IF-MIB and the parts the tables' walk ran into past their ends
        for (nlagent.mib.Oid root : view.subtrees()) {
            view.get(root); // builds the part that holds it
        }
        assertTrue(built < view.builtParts(), "built: " + built + " of " + view.builtParts() + " parts, not every one the passes built");
    }

    /**
     * ifTable and ifXTable of the default context are walked to their end at the end, however long (the passes stop at
     * {@link Warmup#REQUESTS_PER_SUBTREE} requests per subtree), and nothing else is: the first poll finds them built and
     * encoded as later polls do.
     */
    @Test
    void theEndWalksIfTableAndIfXTableOfTheDefaultContextInFull() throws IOException {
        source.remove("nsA");
        source.remove("nsB");
        source.remove("nsC");
        source.put(TestSnapshots.snapshot("", 2, interfaces(400)));
        List<VarBind> all = walk(provider.view(""));
        long tables = all.stream().filter(vb -> Warmup.EVERY_POLL_SUBTREES.stream().anyMatch(vb.oid()::startsWith)).count();
        long ifTable = all.stream().filter(vb -> vb.oid().startsWith(nlagent.mib.Oid.of(1, 3, 6, 1, 2, 1, 2))).count();
        assertTrue(ifTable > 25L * Warmup.REQUESTS_PER_SUBTREE, "ifTable longer than a pass reads: " + ifTable);

        Warmup.Result r = new Warmup(provider, 100_000, 60_000, null, () -> 0L).run();
        // every binding of both, plus the answer's repetitions past the end of each (at most 25 each)
        assertTrue(r.tableVarbinds() >= tables && r.tableVarbinds() <= tables + 2 * 25, r.tableVarbinds() + " for " + tables);

        assertTrue(r.tablesComplete(), "" + r);

        Warmup.Result cut = new Warmup(provider, 7, 60_000).run();
        assertEquals(0, cut.tableVarbinds(), "not after passes cut short");
        assertFalse(cut.tablesComplete());

        // passes that end by the JIT, then the request bound inside the tables' walk: said so
        Warmup.Result shortOfTables = new Warmup(provider, r.requests() - 10, 60_000, null, () -> 0L).run();
        assertTrue(shortOfTables.complete(), "the passes ran to their end: " + shortOfTables);
        assertTrue(shortOfTables.tableVarbinds() > 0 && !shortOfTables.tablesComplete(), "cut short in the tables: " + shortOfTables);
    }

    /** Whether the passes ran to their end (the agent freezes C2 only then: cli.RunCommand#freezeJitAfter). */
    @Test
    void theResultSaysWhetherThePassesRanToTheirEnd() throws IOException {
        assertTrue(new Warmup(provider, 100_000, 60_000, null, () -> 0L).run().complete());
        assertFalse(new Warmup(provider, 7, 60_000).run().complete(), "cut short by the request bound");
        assertFalse(new Warmup(provider, 1_000, 0).run().complete(), "no pass at all");
    }

    @Test
    void stopsAtItsBounds() throws IOException {
        Warmup.Result seven = new Warmup(provider, 7, 60_000).run();
        assertEquals(7, seven.requests());
        assertTrue(seven.stoppedBetweenDatagrams(), "the last request that stops the listen thread is sent beyond the bounds");
        assertEquals(0, new Warmup(provider, 1_000, 0).run().requests());
    }

    /** An agent listening on an IPv6 socket (udp6:, or the IPv4 wildcard) is warmed up over an IPv6 socket too. */
    @Test
    void theWarmupSocketCanBeOfTheServedSocketsFamily() throws IOException {
        Warmup.Result v4 = new Warmup(provider, 2_000, 60_000, null, () -> 0L).run();
        Warmup.Result v6 = new Warmup(provider, 2_000, 60_000, null, () -> 0L, java.net.StandardProtocolFamily.INET6).run();
        assertTrue(v6.requests() > 0);
        assertEquals(v4.requests(), v6.requests(), "the same walks, every request answered");
        assertEquals(v4.varbinds(), v6.varbinds());
        assertTrue(v6.stoppedBetweenDatagrams());
    }

    @Test
    void withNoContextsItDoesNothing() throws IOException {
        for (String c : List.of("", "nsA", "nsB", "nsC")) {
            source.remove(c);
        }
        Warmup.Result r = new Warmup(provider, 1_000, 60_000).run();
        assertEquals(0, r.requests());
        assertEquals(List.of(), r.contexts());
        assertFalse(r.stoppedBetweenDatagrams(), "nothing to ask: the socket is closed under the listen thread");
    }

    @Test
    void warmupRequestsIsConfigurableAndZeroTurnsItOff() throws Exception {
        StandaloneConfig dflt = new StandaloneConfig();
        nlagent.config.ConfigFile.apply("x.conf", "", List.of(dflt));
        assertEquals(StandaloneConfig.DEFAULT_WARMUP_REQUESTS, dflt.warmupRequests());
        StandaloneConfig off = new StandaloneConfig();
        nlagent.config.ConfigFile.apply("x.conf", "warmupRequests 0\n", List.of(off));
        assertEquals(0, off.warmupRequests());
        nlagent.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(nlagent.config.ConfigException.class,
                () -> nlagent.config.ConfigFile.apply("x.conf", "warmupRequests -5\n", List.of(new StandaloneConfig())));
        assertTrue(e.getMessage().contains("x.conf:1") && e.getMessage().contains("warmupRequests"), e.getMessage());
    }

    /** Every binding of a view in order, through the view's own GETNEXT. */
    private static List<VarBind> walk(MibView v) {
        List<VarBind> out = new ArrayList<>();
        VarBind vb = v.next(nlagent.mib.Oid.of(0), false, null);
        while (vb != null) {
            out.add(vb);
            vb = v.next(vb.oid(), false, null);
        }
        return out;
    }

    /** Sockets this process holds (entries of /proc/self/fd that link to socket:[...]). */
    /** The process's open sockets, as "socket:[INODE]". */
    private static java.util.Set<String> sockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(p -> {
                try {
                    return Files.readSymbolicLink(p).toString();
                } catch (IOException gone) {
                    return "";
                }
            }).filter(l -> l.startsWith("socket:")).collect(java.util.stream.Collectors.toSet());
        }
    }
}
