package nlagent.event;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listeners of one event source. Adding and removing may race with firing (copy-on-write:
 * listeners change rarely, events are frequent); a listener that throws is logged and does not
 * keep the others from hearing the event, nor the source from going on.
 *
 * @param <L> the listener type
 */
public final class ListenerList<L> {
    private final CopyOnWriteArrayList<L> listeners = new CopyOnWriteArrayList<>();
    private final Logger log;
    private final String what;

    /** {@code what} names the listeners in the warning of a failed call, e.g. "snapshot listener". */
    public ListenerList(Logger log, String what) {
        this.log = Objects.requireNonNull(log);
        this.what = Objects.requireNonNull(what);
    }

    public void add(L listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void remove(L listener) {
        listeners.remove(listener);
    }

    /** Calls {@code event} with each listener, in the order they were added. */
    public void fire(Consumer<? super L> event) {
        for (L l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, what + " failed: " + e, e);
            }
        }
    }
}
