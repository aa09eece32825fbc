package nlagent.mib;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import nlagent.model.NetnsSnapshot;
import nlagent.model.SnapshotSource;

/** TEST-ONLY {@link SnapshotSource}: snapshots put by the test, listeners told synchronously. */
public final class MapSnapshotSource implements SnapshotSource {
    private final Map<String, NetnsSnapshot> snapshots = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void put(NetnsSnapshot s) {
        snapshots.put(s.context(), s);
        for (Listener l : listeners) {
            l.snapshotChanged(s.context(), s);
        }
    }

    public void remove(String context) {
        if (snapshots.remove(context) != null) {
            for (Listener l : listeners) {
                l.contextRemoved(context);
            }
        }
    }

    @Override
    public NetnsSnapshot snapshot(String context) {
        return snapshots.get(context);
    }

    @Override
    public Set<String> contexts() {
        return Set.copyOf(snapshots.keySet());
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }
}
