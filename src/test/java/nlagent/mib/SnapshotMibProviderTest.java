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
    private final AtomicReference<MibView> health = new AtomicReference<>(
            SortedMibView.builder().subtree(Oid.parse("1.3.6.1.4.1.99999")).add(Oid.parse("1.3.6.1.4.1.99999.1.0"), MibValue.integer(7)).build());

    private SnapshotMibProvider provider() {
        return new SnapshotMibProvider(source, new NetnsMibBuilder(new Uptime(clock, 0)), List.of(), List.of(health::get));
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
        health.set(SortedMibView.builder().subtree(Oid.parse("1.3.6.1.4.1.99999")).add(Oid.parse("1.3.6.1.4.1.99999.1.0"), MibValue.integer(8)).build());
        assertEquals(MibValue.integer(8), p.view("").get(Oid.parse("1.3.6.1.4.1.99999.1.0")));
        VarBind last = p.view("").next(Oid.parse("1.3.6.1.2.1.55"), false, null);
        assertNotNull(last);
    }
}
