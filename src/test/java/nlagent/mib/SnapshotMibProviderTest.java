package nlagent.mib;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.time.ManualScheduler;

class SnapshotMibProviderTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final MapSnapshotSource source = new MapSnapshotSource();
    private final Replaced health = new Replaced(healthView(7));

    /** A replaced view as HealthMonitor is one: replace, then tell. */
    private static final class Replaced implements ReplacedView {
        private final AtomicReference<MibView> view;
        private final List<Runnable> listeners = new ArrayList<>();
        /** Run inside the next {@link #current()} (once): a replacement racing a composition. */
        Runnable duringNextRead;

        Replaced(MibView initial) {
            view = new AtomicReference<>(initial);
        }

        void set(MibView v) {
            view.set(v);
            listeners.forEach(Runnable::run);
        }

        @Override
        public MibView current() {
            MibView v = view.get();
            Runnable r = duringNextRead;
            duringNextRead = null;
            if (r != null) {
                r.run();
            }
            return v;
        }

        @Override
        public void onReplaced(Runnable listener) {
            listeners.add(listener);
        }
    }

    private static MibView healthView(int value) {
        return SortedMibView.builder().subtree(Oid.parse("1.3.6.1.4.1.99999"))
                .add(Oid.parse("1.3.6.1.4.1.99999.1.0"), MibValue.integer(value)).build();
    }

    private SnapshotMibProvider provider() {
        return new SnapshotMibProvider(source, new NetnsMibBuilder(new Uptime(clock, 0)), List.of(), List.of(health));
    }

    @Test
    void servingAViewTellsTheSourceTheContextWasRead() {
        source.put(TestSnapshots.snapshot("ns1", 1, List.of(TestSnapshots.loopback())));
        SnapshotMibProvider p = provider().start();
        assertTrue(source.accessedContexts().isEmpty(), "building views is not a read");
        p.view("ns1");
        p.view("ns1");
        p.view("nope");
        assertEquals(List.of("ns1", "ns1", "nope"), source.accessedContexts());
    }

    @Test
    void subtreesForRegistrationAreNotARead() {
        source.put(TestSnapshots.snapshot("ns1", 1, List.of(TestSnapshots.loopback())));
        SnapshotMibProvider p = provider().start();
        List<Oid> subtrees = p.subtrees("ns1");
        assertNull(p.subtrees("nope"));
        assertTrue(source.accessedContexts().isEmpty(),
                "AgentX asks every context's subtrees at every resync: a read would keep every namespace at the polled rate");
        assertEquals(p.view("ns1").subtrees(), subtrees, "the same subtrees the view answers for");
    }

    @Test
    void contextsFollowTheSourceAndListenersHearOfThem() {
        source.put(TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback())));
        SnapshotMibProvider p = provider().start();
        List<String> events = new ArrayList<>();
        p.addContextListener(new MibProvider.ContextListener() {
            @Override
            public void contextAdded(String context) {
                events.add("+" + context);
            }

            @Override
            public void contextRemoved(String context) {
                events.add("-" + context);
            }
        });
        source.put(TestSnapshots.snapshot("ns1", 1, List.of(TestSnapshots.loopback())));
        source.put(TestSnapshots.snapshot("ns1", 2, List.of(TestSnapshots.loopback())));
        source.remove("ns1");
        assertEquals(List.of("+ns1", "-ns1"), events);
        assertNull(p.view("ns1"));
        assertEquals(java.util.Set.of(""), p.contexts());
    }

    @Test
    void viewIsBuiltOncePerSnapshotAndReplacedWithIt() {
        source.put(TestSnapshots.snapshot("ns1", 1, List.of(TestSnapshots.loopback())));
        SnapshotMibProvider p = provider().start();
        MibView v1 = p.view("ns1");
        assertSame(v1, p.view("ns1"), "no rebuild per request");
        assertEquals(MibValue.integer(1), v1.get(Oid.parse("1.3.6.1.2.1.2.1.0")));
        source.put(TestSnapshots.snapshot("ns1", 2, List.of(TestSnapshots.loopback(), TestSnapshots.veth(4, "v", 1000, true))));
        MibView v2 = p.view("ns1");
        assertNotSame(v1, v2);
        assertEquals(MibValue.integer(2), v2.get(Oid.parse("1.3.6.1.2.1.2.1.0")));
        assertEquals(MibValue.integer(1), v1.get(Oid.parse("1.3.6.1.2.1.2.1.0")), "an old view stays intact for requests in flight");
    }

    @Test
    void defaultContextAlsoServesTheHostWideExtras() {
        source.put(TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback())));
        source.put(TestSnapshots.snapshot("ns1", 1, List.of(TestSnapshots.loopback())));
        SnapshotMibProvider p = provider().start();
        assertEquals(MibValue.integer(7), p.view("").get(Oid.parse("1.3.6.1.4.1.99999.1.0")));
        assertEquals(MibValue.NO_SUCH_OBJECT, p.view("ns1").get(Oid.parse("1.3.6.1.4.1.99999.1.0")));
        MibView d1 = p.view("");
        assertSame(d1, p.view(""), "composite reused while the extras do not change");
        health.set(healthView(8));
        assertEquals(MibValue.integer(8), p.view("").get(Oid.parse("1.3.6.1.4.1.99999.1.0")), "a replaced extra is served");
        MibView d2 = p.view("");
        assertSame(d2, p.view(""), "composed once per change");
        source.put(TestSnapshots.snapshot("", 2, List.of(TestSnapshots.loopback())));
        assertNotSame(d2, p.view(""), "a new snapshot composes anew");
        assertEquals(MibValue.integer(8), p.view("").get(Oid.parse("1.3.6.1.4.1.99999.1.0")));
        VarBind last = p.view("").next(Oid.parse("1.3.6.1.2.1.55"), false, null);
        assertNotNull(last);
    }

    /** A replacement while a request composes with the old view: that composite serves the request, the next one composes again. */
    @Test
    void aReplacementDuringACompositionIsNotLost() {
        source.put(TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback())));
        SnapshotMibProvider p = provider().start();
        health.duringNextRead = () -> health.set(healthView(9));
        assertEquals(MibValue.integer(7), p.view("").get(Oid.parse("1.3.6.1.4.1.99999.1.0")), "composed with what it read");
        MibView next = p.view("");
        assertEquals(MibValue.integer(9), next.get(Oid.parse("1.3.6.1.4.1.99999.1.0")), "the replacement is not lost");
        assertSame(next, p.view(""));
    }
}
