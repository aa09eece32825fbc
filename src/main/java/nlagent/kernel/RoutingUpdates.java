package nlagent.kernel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import nlagent.model.NetnsSnapshot;
import nlagent.netlink.NeighbourMessage;
import nlagent.netlink.NlMessage;
import nlagent.netlink.RouteMessage;
import nlagent.netlink.Rtnl;
import nlagent.time.Scheduler;
import nlagent.time.Ticker;

/**
 * Neighbour and route notifications of one namespace: each is applied to the namespace's
 * {@link NeighbourTable} / {@link RouteTable} on the poller thread (a hash update), and the
 * snapshot is republished at most once per {@link #PUBLISH_DELAY_NANOS}. A burst of thousands of
 * neighbour changes per second thus costs one sort and one snapshot per batch, never a re-dump,
 * and the poller moves on to the other namespaces after each socket's bounded drain.
 */
final class RoutingUpdates {
    /** Gathers a burst into one republish; well inside the 1 s freshness the agent promises. */
    static final long PUBLISH_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final NeighbourTable neighbours;
    private final RouteTable routes;
    private final Scheduler scheduler;
    private final Ticker ticker;
    private final Runnable republish;
    private final Runnable resync;
    private final AtomicBoolean pending = new AtomicBoolean();

    /**
     * @param republish publishes a snapshot with the tables as they are now (no kernel I/O)
     * @param resync    schedules a full re-dump of the namespace (coalesced by the caller)
     */
    RoutingUpdates(NeighbourTable neighbours, RouteTable routes, Scheduler scheduler, Ticker ticker, Runnable republish,
                   Runnable resync) {
        this.neighbours = neighbours;
        this.routes = routes;
        this.scheduler = scheduler;
        this.ticker = ticker;
        this.republish = republish;
        this.resync = resync;
    }

    /** For one namespace's handle: republishes through {@code publish}. */
    static RoutingUpdates of(NetnsHandle handle, Scheduler scheduler, Ticker ticker, Consumer<NetnsSnapshot> publish, Runnable resync) {
        return new RoutingUpdates(handle.neighbours, handle.routes, scheduler, ticker, () -> handle.republishRouting(publish), resync);
    }

    /** Handles a neighbour or route notification; other message types are ignored. */
    void message(NlMessage m) {
        switch (m.type()) {
            case Rtnl.RTM_NEWNEIGH:
            case Rtnl.RTM_DELNEIGH:
                NeighbourMessage n = NeighbourMessage.decode(m);
                if (n != null && neighbours.apply(n, ticker.nanos())) {
                    schedulePublish();
                }
                break;
            case Rtnl.RTM_NEWROUTE:
            case Rtnl.RTM_DELROUTE:
                RouteMessage r = RouteMessage.decode(m);
                if (r != null) {
                    switch (routes.apply(r)) {
                        case CHANGED: schedulePublish(); break;
                        case RESYNC: resync.run(); break;
                        default:
                    }
                }
                break;
            default:
        }
    }

    private void schedulePublish() {
        if (pending.compareAndSet(false, true)) {
            scheduler.schedule(() -> {
                pending.set(false);
                republish.run();
            }, PUBLISH_DELAY_NANOS, TimeUnit.NANOSECONDS);
        }
    }
}
