package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.time.Ticker;

/** Views of contexts not read for a while are dropped and rebuilt, identical, on the next request. */
class ViewReleaseTest {
    private final MapSnapshotSource source = new MapSnapshotSource();

    private SnapshotMibProvider provider() {
        return new SnapshotMibProvider(source, new NetnsMibBuilder(Uptime.startingNow(Ticker.system())), List.of(), List.of())
                .start();
    }

    @Test
    void unreadViewsAreReleasedAndRebuiltIdentically() throws InterruptedException {
        SnapshotMibProvider provider = provider();
        source.put(TestSnapshots.snapshot("nsA", 1, List.of(TestSnapshots.loopback(), TestSnapshots.veth(5, "eth0", 10_000, true))));
        source.put(TestSnapshots.snapshot("nsB", 1, List.of(TestSnapshots.loopback(), TestSnapshots.veth(7, "eth0", 1_000, false))));
        source.put(TestSnapshots.snapshot("nsC", 1, List.of(TestSnapshots.loopback())));

        MibView a = provider.view("nsA");
        List<VarBind> walkA = walk(a);
        Thread.sleep(2);
        long cutoff = System.nanoTime();
        Thread.sleep(2);
        MibView b = provider.view("nsB"); // read after the cutoff: kept
        // nsC was never read: it has no view to release

        assertEquals(1, provider.releaseViewsUnreadSince(cutoff));
        assertSame(b, provider.view("nsB"));
        MibView a2 = provider.view("nsA");
        assertNotSame(a, a2, "released view was rebuilt");
        assertEquals(walkA, walk(a2), "rebuilt from the same snapshot: the same bindings");
        assertEquals(0, provider.releaseViewsUnreadSince(cutoff), "a view read after the cutoff stays");
        assertSame(a2, provider.view("nsA"));
        provider.close();
    }

    /** The default context's view (what NMSes poll, often further apart than the release interval) is kept. */
    @Test
    void theDefaultContextsViewIsNotReleased() throws InterruptedException {
        SnapshotMibProvider provider = provider();
        source.put(TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback(), TestSnapshots.veth(5, "eth0", 10_000, true))));
        source.put(TestSnapshots.snapshot("nsA", 1, List.of(TestSnapshots.loopback())));
        MibView own = provider.view("");
        provider.view("nsA");
        Thread.sleep(2);
        assertEquals(1, provider.releaseViewsUnreadSince(System.nanoTime()), "only the namespace's");
        assertSame(own, provider.view(""));
        provider.close();
    }

    private static List<VarBind> walk(MibView v) {
        List<VarBind> out = new ArrayList<>();
        VarBind vb = v.next(Oid.of(0), false, null);
        while (vb != null) {
            out.add(vb);
            vb = v.next(vb.oid(), false, null);
        }
        return out;
    }
}
