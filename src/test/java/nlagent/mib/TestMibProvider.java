package nlagent.mib;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A MibProvider whose contexts a test adds and removes by hand (listeners are told, as the real provider tells them). */
public final class TestMibProvider implements MibProvider {
    private final Map<String, MibView> views = new ConcurrentHashMap<>();
    private final List<ContextListener> listeners = new CopyOnWriteArrayList<>();

    public TestMibProvider(MibView defaultView) {
        views.put("", defaultView);
    }

    /** Adds or replaces a context's view. */
    public TestMibProvider put(String context, MibView view) {
        boolean added = views.put(context, view) == null;
        if (added) {
            listeners.forEach(l -> l.contextAdded(context));
        }
        return this;
    }

    public void remove(String context) {
        if (views.remove(context) != null) {
            listeners.forEach(l -> l.contextRemoved(context));
        }
    }

    @Override
    public MibView view(String context) {
        return views.get(context);
    }

    @Override
    public Set<String> contexts() {
        return Set.copyOf(views.keySet());
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
