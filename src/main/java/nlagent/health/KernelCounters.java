package nlagent.health;

import java.util.OptionalLong;

/**
 * One reading of the cheap kernel sources: /proc/sys/fs/dentry-state fields and slab object counts.
 * Each value is empty when its source could not be read (or, for nr_negative, when the kernel does
 * not report it): absent, never a made-up zero.
 */
public record KernelCounters(OptionalLong dentries, OptionalLong dentriesUnused, OptionalLong ageLimitSeconds,
                             OptionalLong wantPages, OptionalLong dentriesNegative,
                             OptionalLong slabDentryObjects, OptionalLong slabProcInodeObjects,
                             OptionalLong slabNetNamespaceObjects) {

    /** Nothing readable. */
    public static KernelCounters absent() {
        OptionalLong e = OptionalLong.empty();
        return new KernelCounters(e, e, e, e, e, e, e, e);
    }
}
