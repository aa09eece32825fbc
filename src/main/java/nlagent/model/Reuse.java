package nlagent.model;

import java.util.List;

/**
 * Keeps the previous refresh's object where the new one is equal. A refresh re-reads everything,
 * and what it builds lives until the next refresh, so the young collector promotes it: with fresh
 * copies of every unchanged row, each refresh of a namespace with 1,000 interfaces left ~3 MB of
 * garbage in the old generation, a full collection (~50 ms) every second poll (bench/README.md,
 * "Reusing what did not change"). Handing back the old object lets the fresh copy die young and
 * fills the old generation only with what changed. Only for immutable values whose equals compares
 * content.
 */
public final class Reuse {
    private Reuse() {
    }

    /** {@code previous} when it equals {@code fresh}, else {@code fresh}. */
    public static <T> T previousIfEqual(T previous, T fresh) {
        return previous == fresh || previous != null && previous.equals(fresh) ? previous : fresh;
    }

    /** Whether both lists hold the very same objects in the same order. */
    public static boolean sameElements(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
