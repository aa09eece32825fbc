package nlagent.kernel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nlagent.model.Reuse;
import nlagent.model.NeighbourEntry;
import nlagent.netlink.NeighbourMessage;
import nlagent.netlink.Rtnl;

/**
 * The neighbour entries of one namespace, kept current between dumps by applying RTM_NEWNEIGH /
 * RTM_DELNEIGH notifications one by one (a hash update each, no kernel I/O). The sorted,
 * immutable list the snapshot carries is rebuilt at most once per change batch, when asked for.
 *
 * <p>A dump replaces the whole table. Notifications that arrive while a dump runs are kept and
 * re-applied after it, so a change the dump just missed is not lost until the next dump.
 * Thread-safe: the poller thread applies, refresh and publish threads read.
 */
final class NeighbourTable {
    private record Key(int family, int ifIndex, ByteBuffer address) {
    }

    private Map<Key, NeighbourEntry> entries = new HashMap<>();
    private List<NeighbourEntry> sorted = List.of();
    private boolean dirty;
    private List<Applied> duringDump;

    private record Applied(NeighbourMessage message, long nowNanos) {
    }

    /** Starts recording notifications: the dump about to run may or may not contain them. */
    synchronized void dumpStarting() {
        duringDump = new ArrayList<>();
    }

    /**
     * Replaces everything with a dump taken at {@code readNanos}, then re-applies what came in
     * meanwhile. Returns true when changes came in during the dump: a dump that overlaps changes can
     * miss entries that existed all along (the kernel's neighbour hash table grows under a burst and
     * the dump's position in it is lost), so the caller dumps again once things are quiet.
     */
    synchronized boolean replaceAll(List<NeighbourMessage> dump, long readNanos) {
        Map<Key, NeighbourEntry> before = entries;
        entries = new HashMap<>();
        for (NeighbourMessage m : dump) {
            if (!m.deleted() && m.state() != Rtnl.NUD_FAILED) {
                Key k = key(m);
                entries.put(k, Reuse.previousIfEqual(before.get(k), entry(m, readNanos)));
            }
        }
        List<Applied> replay = duringDump == null ? List.of() : duringDump;
        duringDump = null;
        for (Applied a : replay) {
            applyLocked(a.message, a.nowNanos);
        }
        dirty = true;
        return !replay.isEmpty();
    }

    /** Applies one notification; true when the table changed (a republish is due). */
    synchronized boolean apply(NeighbourMessage m, long nowNanos) {
        if (duringDump != null) {
            duringDump.add(new Applied(m, nowNanos));
        }
        boolean changed = applyLocked(m, nowNanos);
        dirty |= changed;
        return changed;
    }

    private boolean applyLocked(NeighbourMessage m, long nowNanos) {
        // net-snmp drops an entry that went FAILED as if it had been deleted
        if (m.deleted() || m.state() == Rtnl.NUD_FAILED) {
            return entries.remove(key(m)) != null;
        }
        Key k = key(m);
        NeighbourEntry old = entries.get(k);
        long at = old != null && m.updatedCentis() < 0 && old.state() == m.state()
                && java.util.Arrays.equals(old.linkAddress(), m.linkAddress()) ? old.updatedAtNanos() : nowNanos;
        NeighbourEntry e = entry(m, at);
        return !e.equals(entries.put(k, e));
    }

    private static Key key(NeighbourMessage m) {
        return new Key(m.family(), m.ifIndex(), ByteBuffer.wrap(m.address()));
    }

    /** The entry; without the kernel's age (no NDA_CACHEINFO) it counts as updated at {@code nowNanos}. */
    private static NeighbourEntry entry(NeighbourMessage m, long nowNanos) {
        long updatedAt = m.updatedCentis() >= 0 ? nowNanos - m.updatedCentis() * 10_000_000L : nowNanos;
        return new NeighbourEntry(m.family(), m.ifIndex(), m.address(), m.linkAddress(), m.state(), updatedAt);
    }

    /** The entries in index order; sorted once per change, O(n log n). */
    synchronized List<NeighbourEntry> entries() {
        if (dirty) {
            List<NeighbourEntry> l = new ArrayList<>(entries.values());
            l.sort(NeighbourEntry.INDEX_ORDER);
            if (!Reuse.sameElements(sorted, l)) { // a re-dump of unchanged entries keeps the list (Reuse)
                sorted = List.copyOf(l);
            }
            dirty = false;
        }
        return sorted;
    }

    synchronized int size() {
        return entries.size();
    }
}
