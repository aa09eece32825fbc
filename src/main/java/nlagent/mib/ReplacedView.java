package nlagent.mib;

/**
 * A view its owner replaces now and then (the DCACHE-HEALTH-MIB view, at each sample), and says so:
 * the default context's composite with it is then composed anew once, instead of every request
 * checking whether it changed ({@link SnapshotMibProvider}).
 */
public interface ReplacedView {
    /** The view now (null: none yet). */
    MibView current();

    /** Calls {@code listener} after each replacement, on the owner's thread; keep it short. */
    void onReplaced(Runnable listener);
}
