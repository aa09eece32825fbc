package nlagent.mib;

/**
 * Takes the bindings of a walk ({@link MibView#walk}) one by one, without a {@link VarBind} or a
 * whole name per binding: a name is handed over as {@code prefix ++ suffix}, the arrays the view
 * stores it in ({@link SortedMibView}: the column, shared by its rows, and the instance index). A
 * GETBULK answer of 25 bindings then costs no name copy and no binding object: the frontend
 * encodes straight from the view's arrays. A {@link SortedMibView} hands a run over at once
 * ({@link #acceptRun}), so that a sink holding a form derived from the whole view can copy it.
 *
 * <p>Both arrays belong to the view and are never modified by anyone: a sink may keep them (e.g.
 * the last name, to continue a walk from) but must not write to them.
 */
@FunctionalInterface
public interface BindingSink {
    /**
     * @param prefix the name's leading sub-identifiers (may be empty)
     * @param suffix the rest of the name
     * @return whether the binding was taken; false: the sink is full (an answer at its size budget),
     *         it takes nothing more from this walk or any later one, and the view stops handing out
     */
    boolean accept(int[] prefix, int[] suffix, MibValue value);

    /**
     * Bindings {@code first} to {@code stop - 1} of {@code view}, in order, taken as {@link #accept}
     * takes them one by one (which is what this default does): a sink holding a form derived from the
     * whole view (the standalone agent's pre-encoded varbinds) takes the run at once instead.
     *
     * @return how many were taken, from {@code first} on; fewer than offered: the sink refused the next
     *         one, and (as with {@link #accept}) takes nothing more
     */
    default int acceptRun(SortedMibView view, int first, int stop) {
        int i = first;
        while (i < stop && accept(view.prefixAt(i), view.suffixAt(i), view.valueAt(i))) {
            i++;
        }
        return i - first;
    }
}
