package nlagent.agentx;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import nlagent.mib.MibProvider;
import nlagent.mib.MibView;

/** A MibProvider whose contexts a test adds and removes by hand. */
final class TestMibProvider implements MibProvider {
    private final Map<String, MibView> views = new ConcurrentHashMap<>();
    private final List<ContextListener> listeners = new CopyOnWriteArrayList<>();

    TestMibProvider(MibView defaultView) {
        views.put("", defaultView);
    }

    void put(String context, MibView view) {
        boolean added = views.put(context, view) == null;
        if (added) {
            listeners.forEach(l -> l.contextAdded(context));
        }
    }

    void remove(String context) {
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
