package nlagent.mib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.model.NetnsSnapshot;
import nlagent.model.SnapshotSource;

/**
 * {@link MibProvider} over a {@link SnapshotSource}: one view per context, rebuilt when that
 * context's snapshot is replaced (never per request). Every context also serves the
 * {@code everyContext} views (the system group); the default context additionally serves the
 * host-wide {@code defaultContextExtras} (e.g. DCACHE-HEALTH-MIB), read through suppliers so their
 * owners can replace them at any time.
 */
public final class SnapshotMibProvider implements MibProvider, SnapshotSource.Listener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SnapshotMibProvider.class.getName());

    /** What one context serves now: the namespace part and the composite with the shared parts. */
    private record Entry(NetnsSnapshot snapshot, SortedMibView netnsView, MibView served) {
    }

    /** The default context's composite, cached for as long as the extras' suppliers return the same views. */
    private record DefaultComposite(Entry base, List<MibView> extras, MibView view) {
    }

    private final SnapshotSource source;
    private final NetnsMibBuilder builder;
    private final List<MibView> everyContext;
    private final List<Supplier<? extends MibView>> defaultContextExtras;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final List<ContextListener> listeners = new CopyOnWriteArrayList<>();
    private volatile DefaultComposite defaultComposite;

    public SnapshotMibProvider(SnapshotSource source, NetnsMibBuilder builder, List<? extends MibView> everyContext,
                               List<? extends Supplier<? extends MibView>> defaultContextExtras) {
        this.source = source;
        this.builder = builder;
        this.everyContext = List.copyOf(everyContext);
        this.defaultContextExtras = List.copyOf(defaultContextExtras);
    }

    /** Builds the views of every context known now and follows the source from then on. */
    public SnapshotMibProvider start() {
        source.addListener(this);
        for (String ctx : source.contexts()) {
            NetnsSnapshot s = source.snapshot(ctx);
            if (s != null) {
                snapshotChanged(ctx, s);
            }
        }
        return this;
    }

    @Override
    public void close() {
        source.removeListener(this);
    }

    @Override
    public void snapshotChanged(String context, NetnsSnapshot snapshot) {
        Entry old = entries.get(context);
        if (old != null && old.snapshot() == snapshot) {
            return;
        }
        Entry e;
        try {
            SortedMibView v = builder.build(snapshot);
            List<MibView> parts = new ArrayList<>(everyContext.size() + 1);
            parts.add(v);
            parts.addAll(everyContext);
            e = new Entry(snapshot, v, new CompositeView(parts));
        } catch (RuntimeException ex) {
            // keep serving the previous view rather than none; the next snapshot gets another chance
            LOG.log(Level.WARNING, "cannot build the MIB view of context '" + context + "': " + ex, ex);
            return;
        }
        Entry prev = entries.put(context, e);
        if (prev == null) {
            LOG.info(() -> "context '" + context + "' (" + snapshot.id() + "): serving " + snapshot.interfaces().size()
                    + " interfaces, " + e.netnsView().size() + " objects");
            for (ContextListener l : listeners) {
                l.contextAdded(context);
            }
        }
    }

    @Override
    public void contextRemoved(String context) {
        if (entries.remove(context) != null) {
            LOG.info(() -> "context '" + context + "' removed");
            for (ContextListener l : listeners) {
                l.contextRemoved(context);
            }
        }
    }

    @Override
    public MibView view(String context) {
        Entry e = entries.get(context);
        if (e == null) {
            return null;
        }
        if (!context.isEmpty() || defaultContextExtras.isEmpty()) {
            return e.served();
        }
        List<MibView> extras = new ArrayList<>(defaultContextExtras.size());
        for (Supplier<? extends MibView> s : defaultContextExtras) {
            MibView v = s.get();
            if (v != null) {
                extras.add(v);
            }
        }
        DefaultComposite dc = defaultComposite;
        if (dc != null && dc.base() == e && sameViews(dc.extras(), extras)) {
            return dc.view();
        }
        List<MibView> parts = new ArrayList<>(1 + extras.size());
        parts.add(e.served());
        parts.addAll(extras);
        MibView composite = new CompositeView(parts);
        defaultComposite = new DefaultComposite(e, extras, composite);
        return composite;
    }

    private static boolean sameViews(List<MibView> a, List<MibView> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The namespace part of a context's view (IF-MIB, IP-MIB, IPV6-MIB), e.g. for counts in logs. */
    public SortedMibView netnsView(String context) {
        Entry e = entries.get(context);
        return e == null ? null : e.netnsView();
    }

    /** The snapshot a context's view was built from. */
    public NetnsSnapshot snapshot(String context) {
        Entry e = entries.get(context);
        return e == null ? null : e.snapshot();
    }

    @Override
    public Set<String> contexts() {
        return Set.copyOf(entries.keySet());
    }

    @Override
    public void addContextListener(ContextListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeContextListener(ContextListener listener) {
        listeners.remove(listener);
    }
}
