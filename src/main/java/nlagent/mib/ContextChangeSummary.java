package nlagent.mib;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Collects contexts (namespaces) that came and went and says so in one line per period instead of
 * one line per namespace: a host with 2,000 pods would otherwise log 2,000 lines at start and one
 * per pod churn all day. The names are kept for the line's first few examples only.
 */
public final class ContextChangeSummary implements MibProvider.ContextListener {
    /** Names quoted per direction in one summary line. */
    static final int EXAMPLES = 3;

    private final IntSupplier serving;
    private int added;
    private int removed;
    private final List<String> addedExamples = new ArrayList<>(EXAMPLES);
    private final List<String> removedExamples = new ArrayList<>(EXAMPLES);

    /** @param serving how many contexts are served now, for the line */
    public ContextChangeSummary(IntSupplier serving) {
        this.serving = serving;
    }

    @Override
    public synchronized void contextAdded(String context) {
        added++;
        if (addedExamples.size() < EXAMPLES) {
            addedExamples.add(context);
        }
    }

    @Override
    public synchronized void contextRemoved(String context) {
        removed++;
        if (removedExamples.size() < EXAMPLES) {
            removedExamples.add(context);
        }
    }

    /** The line for the changes since the last call, e.g. "contexts: 2000 added ('a', 'b', 'c', ...), 0 removed; 2001 served"; empty when none. */
    public synchronized Optional<String> flush() {
        if (added == 0 && removed == 0) {
            return Optional.empty();
        }
        String line = "contexts: " + part(added, "added", addedExamples) + ", " + part(removed, "removed", removedExamples)
                + "; " + serving.getAsInt() + " served (per-namespace lines at FINE)";
        added = 0;
        removed = 0;
        addedExamples.clear();
        removedExamples.clear();
        return Optional.of(line);
    }

    private static String part(int n, String what, List<String> examples) {
        if (n == 0) {
            return "0 " + what;
        }
        StringBuilder sb = new StringBuilder().append(n).append(' ').append(what).append(" (");
        for (int i = 0; i < examples.size(); i++) {
            sb.append(i > 0 ? ", " : "").append('\'').append(examples.get(i)).append('\'');
        }
        return sb.append(n > examples.size() ? ", ...)" : ")").toString();
    }
}
