package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * What a directory listing changes, without root: fake namespaces whose "inode" the test moves.
 * Gone or re-pointed handle files close their namespace, new ones open a batch at a time up to the
 * maximum, unreadable ones are retried without holding up the others.
 */
class NamespaceRegistryTest {
    private static final int MAX = 5;
    private static final int BATCH = 3;

    /** A namespace opened from a handle file; {@link #renamed} stands for the file now naming another namespace. */
    private static final class Fake implements NamespaceRegistry.Namespace {
        final String context;
        final Path nsPath;
        boolean renamed;

        Fake(String context, Path nsPath) {
            this.context = context;
            this.nsPath = nsPath;
        }

        @Override
        public String context() {
            return context;
        }

        @Override
        public Path nsPath() {
            return nsPath;
        }

        @Override
        public boolean stillNamedBy(Path handleFile) {
            return handleFile.equals(nsPath) && !renamed;
        }
    }

    private final List<String> events = new ArrayList<>();
    private final Set<String> unreadable = new HashSet<>();
    private int rescanSoon;
    private int rescanRetry;
    private boolean closing;

    private final NamespaceRegistry<Fake> registry = new NamespaceRegistry<>(MAX, BATCH, new NamespaceRegistry.Lifecycle<>() {
        @Override
        public Fake open(String context, Path nsPath) throws IOException {
            if (unreadable.contains(context)) {
                throw new IOException(context + " not bind-mounted yet");
            }
            events.add("open " + context);
            return new Fake(context, nsPath);
        }

        @Override
        public void opened(Fake h) {
            events.add("read " + h.context());
        }

        @Override
        public void closed(Fake h) {
            events.add("close " + h.context());
        }
    }, () -> rescanSoon++, () -> rescanRetry++);

    private static Map<String, Path> listing(String... names) {
        Map<String, Path> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, Path.of("/run/netns", n));
        }
        return m;
    }

    /** @return what the registry says: every namespace of the listing opened or tried */
    private boolean rescan(String... names) {
        return registry.rescan(listing(names), () -> closing);
    }

    @Test
    void opensNewNamespacesAndClosesGoneOrRepointedOnes() throws Exception {
        registry.add(KernelDataPlane.OWN_CONTEXT, null);
        rescan("a", "b");
        assertEquals(Set.of("", "a", "b"), registry.contexts());
        assertEquals(List.of("open ", "read ", "open a", "read a", "open b", "read b"), events);

        events.clear();
        registry.get("b").renamed = true; // ip netns del b; ip netns add b: same name, another namespace
        rescan("b", "c");
        assertEquals(List.of("close a", "close b", "open b", "read b", "open c", "read c"), events);
        assertEquals(Set.of("", "b", "c"), registry.contexts(), "the own namespace is never rescanned away");
    }

    @Test
    void opensOneBatchPerRescanAndAsksForAnother() {
        assertFalse(rescan("a", "b", "c", "d"), "a batch left namespaces unopened");
        assertEquals(BATCH, registry.size());
        assertEquals(1, rescanSoon, "the rest in a follow-up rescan");
        assertTrue(rescan("a", "b", "c", "d"), "every namespace of the listing open");
        assertEquals(4, registry.size());
        assertEquals(1, rescanSoon, "nothing left");
    }

    @Test
    void stopsAtTheMaximum() {
        rescan("a", "b", "c");
        rescan("a", "b", "c", "d", "e", "f", "g");
        assertEquals(MAX, registry.size());
        rescan("a", "b", "c", "d", "e", "f", "g");
        assertEquals(MAX, registry.size(), "the rest stay ignored");
    }

    @Test
    void anUnreadableNamespaceIsRetriedWithoutHoldingUpTheOthers() {
        unreadable.add("a");
        assertTrue(rescan("a", "b"), "tried: an unreadable one does not hold up the start-up's end");
        assertEquals(Set.of("b"), registry.contexts());
        assertEquals(1, rescanRetry);
        unreadable.clear();
        rescan("a", "b");
        assertEquals(Set.of("a", "b"), registry.contexts());
    }

    @Test
    void closingStopsBeforeTheNextOpen() {
        closing = true;
        rescan("a");
        assertEquals(0, registry.size());
    }

    @Test
    void aFailedOpenRegistersNothing() {
        unreadable.add("x");
        assertThrows(IOException.class, () -> registry.add("x", Path.of("/run/netns/x")));
        assertEquals(0, registry.size());
        registry.remove("x");
        assertEquals(List.of(), events, "nothing to close");
    }
}
