package nlagent.sys;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Small int arrays that are shared when equal: every interface of every namespace carries its IPv4 and IPv6
 * devconf arrays (~30 and ~60 values, nearly always the kernel's defaults), in the decoded link messages a
 * namespace keeps for its next refresh and in its snapshot, and every netconf entry its values; so one copy per
 * distinct content instead of one per interface, entry and snapshot (measured: 0.4 KB less live heap per pod
 * namespace with its host-side veth, 22.9 -> 22.5 KB, bench/README.md, "Memory, second part"; the decoded
 * links' and the netconf entries' arrays, 3.6 MB of int[] at K = 2,000, in "Memory at K = 2,000 again").
 * A direct-mapped cache of {@link #SLOTS} entries, shared by the refresh and notification threads: a collision or a
 * race only costs a private copy, never a wrong one (a slot is published with release and read with acquire, so a
 * reader sees the whole content it compares before sharing; what a slot holds is never modified).
 * Nobody may modify an array this class returned or took.
 */
public final class SharedIntArrays {
    static final int SLOTS = 256;
    private static final AtomicReferenceArray<int[]> CACHE = new AtomicReferenceArray<>(SLOTS);

    private SharedIntArrays() {
    }

    /** A copy of {@code a} with the same content, possibly one already handed out; {@code a} stays the caller's. */
    public static int[] copyOf(int[] a) {
        int slot = slot(a);
        int[] cached = CACHE.getAcquire(slot);
        return cached != null && Arrays.equals(cached, a) ? cached : store(slot, a.clone());
    }

    /**
     * {@code a}, or an array already handed out with the same content. The caller gives {@code a} up: it must
     * not modify it afterwards (a freshly decoded array nobody else holds).
     */
    public static int[] intern(int[] a) {
        int slot = slot(a);
        int[] cached = CACHE.getAcquire(slot);
        return cached != null && Arrays.equals(cached, a) ? cached : store(slot, a);
    }

    private static int slot(int[] a) {
        return Arrays.hashCode(a) & (SLOTS - 1);
    }

    private static int[] store(int slot, int[] owned) {
        CACHE.setRelease(slot, owned);
        return owned;
    }
}
