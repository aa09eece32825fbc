package nlagent.mib;

/**
 * Passes a walk's bindings on to a sink and remembers how the run went: whether the sink refused
 * one (a walk that handed out fewer than asked ended there, it did not run out) and the name of
 * the last one taken. Used where a walk must tell the two apart ({@link SubtreeRouter}: no later
 * part is asked; {@link GetBulk}: endOfMibView only when the view ran out, named with the last name).
 */
final class TakenRun implements BindingSink {
    private final BindingSink sink;
    boolean refused;
    /** The last name taken (null: none yet); the view's arrays, never modified. */
    int[] prefix;
    int[] suffix;

    TakenRun(BindingSink sink) {
        this.sink = sink;
    }

    @Override
    public boolean accept(int[] prefix, int[] suffix, MibValue value) {
        if (!sink.accept(prefix, suffix, value)) {
            refused = true;
            return false;
        }
        this.prefix = prefix;
        this.suffix = suffix;
        return true;
    }

    @Override
    public int acceptRun(SortedMibView view, int first, int stop) {
        int taken = sink.acceptRun(view, first, stop);
        if (taken > 0) {
            prefix = view.prefixAt(first + taken - 1);
            suffix = view.suffixAt(first + taken - 1);
        }
        if (taken < stop - first) {
            refused = true;
        }
        return taken;
    }
}
