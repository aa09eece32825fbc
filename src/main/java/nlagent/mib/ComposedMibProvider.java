package nlagent.mib;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Another {@link MibProvider}'s contexts with more views added to every one of them, e.g. the
 * standalone agent's system group on top of the views the AgentX subagent also serves (under an
 * AgentX master the master owns the system group, so it must not be in the shared provider). The
 * composite of a context is cached for as long as the underlying view stays the same object.
 */
public final class ComposedMibProvider implements MibProvider {
    private record Cached(MibView base, MibView composite) {
    }

    private final MibProvider base;
    private final List<MibView> added;
    /** Softly held, like the provider's own views, so that a sweep over thousands of contexts does not pin them all. */
    private final Map<String, SoftReference<Cached>> cache = new ConcurrentHashMap<>();

    public ComposedMibProvider(MibProvider base, List<? extends MibView> added) {
        this.base = base;
        this.added = List.copyOf(added);
        base.addContextListener(new ContextListener() {
            @Override
            public void contextAdded(String context) {
            }

            @Override
            public void contextRemoved(String context) {
                cache.remove(context); // drop the composite with the namespace
            }
        });
    }

    @Override
    public List<Oid> subtrees(String context) {
        List<Oid> b = base.subtrees(context);
        if (b == null) {
            return null;
        }
        List<Oid> all = new ArrayList<>(b);
        for (MibView v : added) {
            all.addAll(v.subtrees());
        }
        all.sort(null);
        return List.copyOf(all);
    }

    @Override
    public MibView view(String context) {
        MibView v = base.view(context);
        if (v == null) {
            cache.remove(context);
            return null;
        }
        SoftReference<Cached> ref = cache.get(context);
        Cached c = ref == null ? null : ref.get();
        if (c != null && c.base() == v) {
            return c.composite();
        }
        List<MibView> parts = new ArrayList<>(1 + added.size());
        parts.add(v);
        parts.addAll(added);
        MibView composite = new CompositeView(parts);
        cache.put(context, new SoftReference<>(new Cached(v, composite)));
        return composite;
    }

    @Override
    public Set<String> contexts() {
        return base.contexts();
    }

    @Override
    public void addContextListener(ContextListener listener) {
        base.addContextListener(listener);
    }

    @Override
    public void removeContextListener(ContextListener listener) {
        base.removeContextListener(listener);
    }
}
