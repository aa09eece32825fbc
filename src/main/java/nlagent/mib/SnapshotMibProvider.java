package nlagent.mib;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.event.ListenerList;
import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.model.NetnsSnapshot;
import nlagent.model.SnapshotSource;

/**
 * {@link MibProvider} over a {@link SnapshotSource}: one view per context, built at most once per
 * snapshot (never per request), and lazily: the first request after a snapshot change builds it,
 * so the many namespaces an NMS polls once a minute cost nothing at every 5 s refresh. Every context also serves the
 * {@code everyContext} views (the system group); the default context additionally serves the
 * host-wide {@code defaultContextExtras} (e.g. DCACHE-HEALTH-MIB), which their owners replace at any
 * time and say so ({@link ReplacedView}).
 */
public final class SnapshotMibProvider implements MibProvider, SnapshotSource.Listener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SnapshotMibProvider.class.getName());

    /**
     * What one context serves now: its snapshot and, once built, the views of it. The built views
     * are softly held: with thousands of namespaces an NMS sweep would otherwise pin a view per
     * namespace; under heap pressure the collector drops views and the next request rebuilds one.
     */
    private final class Entry {
        final NetnsSnapshot snapshot;
        private volatile SoftReference<Built> built = new SoftReference<>(null);
        /** System.nanoTime() of the last request for this view: see {@link #releaseViewsUnreadSince}. */
        private volatile long lastReadNanos;
        /**
         * The namespace view of the newest earlier snapshot whose view was built, until this entry's is
         * built from it (then dropped: views never chain). Softly held, like the views themselves. Volatile:
         * the next entry reads it on the publishing thread without the lock a view build holds.
         */
        private volatile SoftReference<LazyPartsView> previous;

        Entry(NetnsSnapshot snapshot, Entry old) {
            this.snapshot = snapshot;
            LazyPartsView previous = old == null ? null : old.reusableNetnsView();
            this.previous = previous == null ? null : new SoftReference<>(previous);
            // a re-dump is not a read: the context stays as (un)read as it was
            this.lastReadNanos = old == null ? 0 : old.lastReadNanos;
        }

        /**
         * What the next entry's view may reuse: the view built from this entry's snapshot, else the
         * earlier one this entry holds for reuse (a context refreshed several times between two polls
         * builds no view in between; see {@code LazyPartsView#reusableVersion}); null: none.
         */
        LazyPartsView reusableNetnsView() {
            // not synchronized: a publish must not wait for a request's view build. previous first: built()
            // sets built before it clears previous, so a race at worst loses the reuse, never serves wrong data
            SoftReference<LazyPartsView> p = previous;
            Built b = built.get();
            if (b != null) {
                return b.netnsView() instanceof LazyPartsView v ? v : null;
            }
            return p == null ? null : p.get();
        }

        synchronized boolean releaseIfUnreadSince(long nanos) {
            if (lastReadNanos - nanos >= 0) {
                return false;
            }
            previous = null; // a namespace nobody reads keeps no older view for reuse either
            if (built.get() == null) {
                return false;
            }
            built = new SoftReference<>(null);
            return true;
        }

        /** The previous view, if still held (tests). */
        LazyPartsView previousView() {
            return previous == null ? null : previous.get();
        }

        Built built() {
            lastReadNanos = System.nanoTime();
            Built b = built.get();
            if (b == null) {
                synchronized (this) {
                    b = built.get();
                    if (b == null) {
                        b = build(snapshot, previous == null ? null : previous.get());
                        built = new SoftReference<>(b);
                        previous = null;
                    }
                }
            }
            return b;
        }
    }

    /** The namespace part and the composite with the shared parts. */
    private record Built(MibView netnsView, MibView served) {
    }

    /**
     * The default context's composite of {@code base} and the extras; a marker with a null base when
     * none is built or the extras changed since ({@link #extrasChanged()}).
     */
    private record DefaultComposite(Built base, MibView view) {
        static DefaultComposite stale() {
            return new DefaultComposite(null, null); // a new object each time: a build racing a change does not install it
        }
    }

    private final SnapshotSource source;
    private final NetnsMibBuilder builder;
    private final List<MibView> everyContext;
    private final List<ReplacedView> defaultContextExtras;
    /** What every namespace context's view answers for: fixed by the builder and the shared parts. */
    private final List<Oid> namespaceSubtrees;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ListenerList<ContextListener> listeners = new ListenerList<>(LOG, "context listener");
    private final AtomicReference<DefaultComposite> defaultComposite = new AtomicReference<>(DefaultComposite.stale());

    public SnapshotMibProvider(SnapshotSource source, NetnsMibBuilder builder, List<? extends MibView> everyContext,
                               List<? extends ReplacedView> defaultContextExtras) {
        this.source = source;
        this.builder = builder;
        this.everyContext = List.copyOf(everyContext);
        this.defaultContextExtras = List.copyOf(defaultContextExtras);
        for (ReplacedView extra : this.defaultContextExtras) {
            extra.onReplaced(this::extrasChanged);
        }
        List<Oid> subtrees = new ArrayList<>(NetnsMibBuilder.subtrees());
        for (MibView v : this.everyContext) {
            subtrees.addAll(v.subtrees());
        }
        subtrees.sort(null);
        this.namespaceSubtrees = List.copyOf(subtrees);
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
        LOG.info(() -> "serving " + entries.size() + " context(s), " + entries.values().stream()
                .mapToInt(e -> e.snapshot.interfaces().size()).sum() + " interfaces in all");
        return this;
    }

    @Override
    public void close() {
        source.removeListener(this);
    }

    @Override
    public void snapshotChanged(String context, NetnsSnapshot snapshot) {
        Entry old = entries.get(context);
        if (old != null && old.snapshot == snapshot) {
            return;
        }
        // the new view reuses what the previous one built: a re-dump of an unchanged host allocates few new arrays
        Entry prev = entries.put(context, new Entry(snapshot, old));
        if (prev == null) {
            // one line per namespace only at FINE: ContextChangeSummary says it at INFO, once per period
            LOG.fine(() -> "context '" + context + "' (" + snapshot.id() + "): serving "
                    + snapshot.interfaces().size() + " interfaces");
            listeners.fire(l -> l.contextAdded(context));
        }
    }

    private Built build(NetnsSnapshot snapshot, LazyPartsView previous) {
        MibView v;
        try {
            // parts built when first read: a poll of some tables builds only those
            v = builder.buildLazily(snapshot, previous);
        } catch (RuntimeException ex) {
            // serve the shared parts only rather than failing every request; logged once per snapshot
            LOG.log(Level.WARNING, "cannot build the MIB view of context '" + snapshot.context() + "': " + ex, ex);
            v = SortedMibView.builder().build();
        }
        List<MibView> parts = new ArrayList<>(everyContext.size() + 1);
        parts.add(v);
        parts.addAll(everyContext);
        return new Built(v, new CompositeView(parts));
    }

    @Override
    public void contextRemoved(String context) {
        if (entries.remove(context) != null) {
            LOG.fine(() -> "context '" + context + "' removed");
            listeners.fire(l -> l.contextRemoved(context));
        }
    }

    /**
     * Namespace contexts: the builder's fixed subtrees plus those of the parts every context shares,
     * with no view built and no read recorded; the default context (one, always fresh) through its view.
     */
    @Override
    public List<Oid> subtrees(String context) {
        if (!entries.containsKey(context)) {
            return null;
        }
        if (context.isEmpty()) {
            MibView v = view(context, false); // not a read: registrations must not refresh the namespace
            return v == null ? null : v.subtrees();
        }
        return namespaceSubtrees;
    }

    /**
     * A request's view: the source first refreshes a namespace whose snapshot is a refresh interval
     * old and waits a bounded time for it ({@link SnapshotSource#awaitFresh}); its listener call
     * has replaced the entry by then.
     */
    @Override
    public MibView view(String context) {
        return view(context, true);
    }

    private MibView view(String context, boolean read) {
        if (read) {
            source.awaitFresh(context);
        }
        Entry e = entries.get(context);
        if (e == null) {
            return null;
        }
        Built b = e.built();
        if (!context.isEmpty() || defaultContextExtras.isEmpty()) {
            return b.served();
        }
        // one test, whose miss a new snapshot and changed extras share: warm-up passes (a new snapshot each) take it,
        // so an extra changing only later (the health view, every sample) meets no branch C2 left out. With a test of
        // the extras here, that first change trapped and C2 recompiled this method in a poll (bench/README.md,
        // "Encoding from the view's arrays").
        DefaultComposite dc = defaultComposite.get();
        if (dc.base() == b) {
            return dc.view();
        }
        return composeDefault(b, dc);
    }

    /** Builds the default context's composite of {@code b} and the extras as they are now, cached unless they changed meanwhile. */
    private MibView composeDefault(Built b, DefaultComposite seen) {
        List<MibView> parts = new ArrayList<>(1 + defaultContextExtras.size());
        parts.add(b.served());
        for (ReplacedView extra : defaultContextExtras) {
            MibView v = extra.current();
            if (v != null) {
                parts.add(v);
            }
        }
        MibView composite = new CompositeView(parts);
        defaultComposite.compareAndSet(seen, new DefaultComposite(b, composite));
        return composite;
    }

    /** An extra was replaced: the next request of the default context composes anew. */
    private void extrasChanged() {
        defaultComposite.set(DefaultComposite.stale());
    }

    /**
     * Drops the built views of namespace contexts not read since {@code nanos} ({@link System#nanoTime()}
     * scale); the next request rebuilds one from the same snapshot. Soft references alone keep every
     * view an NMS ever swept until the heap is nearly full, so the heap (and RSS) would grow to the
     * views of all namespaces; views of polled contexts are rebuilt at each snapshot change anyway.
     *
     * <p>Not the default context's: it is one, as large as the host's interfaces (which the memory figures
     * already hold, since every poll less than the release interval apart keeps it), and it is what NMSes poll, most
     * every 5 minutes (LibreNMS's default), longer apart than the release interval: dropped in between, each of those
     * polls built every part it read and encoded every varbind again, instead of taking the previous view's unchanged
     * values and encoded chunks as polls closer together do (bench/README.md, "Interface tables walked at the end of the
     * warm-up"). It stays softly held: a full collection can still drop it (HotSpot clears a soft reference unused for
     * about a second per free MB of heap), and the heap running out does.
     *
     * @return how many views were dropped
     */
    public int releaseViewsUnreadSince(long nanos) {
        int n = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!e.getKey().isEmpty() && e.getValue().releaseIfUnreadSince(nanos)) {
                n++;
            }
        }
        return n;
    }

    /** The namespace part of a context's view (IF-MIB, IP-MIB, IPV6-MIB), e.g. for counts in logs. */
    public MibView netnsView(String context) {
        Entry e = entries.get(context);
        return e == null ? null : e.built().netnsView();
    }

    /** Whether the context still holds its previous snapshot's view for reuse (tests). */
    boolean holdsPreviousView(String context) {
        Entry e = entries.get(context);
        return e != null && e.previousView() != null;
    }

    /** The snapshot a context's view was built from. */
    public NetnsSnapshot snapshot(String context) {
        Entry e = entries.get(context);
        return e == null ? null : e.snapshot;
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
