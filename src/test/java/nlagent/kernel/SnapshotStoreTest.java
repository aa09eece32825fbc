package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.mib.TestSnapshots;
import nlagent.model.NetnsSnapshot;
import nlagent.model.SnapshotSource;

/** The snapshot store without a kernel: latest snapshot per context, listeners, waiting for a first one. */
class SnapshotStoreTest {
    private final SnapshotStore store = new SnapshotStore(10);
    private final List<String> heard = new ArrayList<>();

    private static NetnsSnapshot snap(String context, long generation) {
        return TestSnapshots.snapshot(context, generation, List.of());
    }

    private void listen() {
        store.addListener(new SnapshotSource.Listener() {
            @Override
            public void snapshotChanged(String context, NetnsSnapshot snapshot) {
                heard.add("changed " + context + " " + snapshot.generation());
            }

            @Override
            public void contextRemoved(String context) {
                heard.add("removed " + context);
            }
        });
    }

    @Test
    void keepsTheLatestSnapshotPerContextAndTellsTheListeners() {
        listen();
        NetnsSnapshot a2 = snap("a", 2);
        store.publish("a", snap("a", 1));
        store.publish("a", a2);
        store.publish("", snap("", 1));
        assertSame(a2, store.get("a"));
        assertEquals(Set.of("", "a"), store.contexts());
        store.remove("a");
        assertNull(store.get("a"));
        assertEquals(Set.of(""), store.contexts());
        assertEquals(List.of("changed a 1", "changed a 2", "changed  1", "removed a"), heard);
    }

    @Test
    void awaitReturnsOnceTheFirstSnapshotIsPublishedAndFalseAtTheTimeout() throws Exception {
        assertFalse(store.await("a", 20, TimeUnit.MILLISECONDS));
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return store.await("a", 10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        });
        store.publish("a", snap("a", 1));
        assertTrue(waiting.get(10, TimeUnit.SECONDS));
        assertTrue(store.await("a", 0, TimeUnit.MILLISECONDS), "already there: no wait");
    }
}
