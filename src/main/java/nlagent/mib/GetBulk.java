package nlagent.mib;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The one GetBulk walk of both frontends (SNMP GETBULK, RFC 3416 4.2.3; AgentX GetBulk, RFC 2741
 * 7.2.3.3) over one immutable {@link MibView}. The work and the answer are bounded the way
 * net-snmp's snmpd bounds them ({@code maxGetbulkRepeats}, {@code maxGetbulkResponses} in
 * snmp_agent.c): repetitions = min(max-repetitions, repeat cap, response cap / repeaters), so a
 * 36-byte request can never ask for more than {@link Limits#maxResponses()} repeated varbinds, and
 * the answer is cut to the frontend's byte budget (RFC 3416: "some of the variable bindings at the
 * end of the set removed"), always as a prefix of the full answer.
 */
public final class GetBulk {
    private GetBulk() {
    }

    /**
     * One request varbind: the walk continues after {@code from} (at {@code from} when
     * {@code include}, the AgentX search-range flag), below {@code end} (exclusive; null: no bound).
     */
    public record Start(Oid from, boolean include, Oid end) {
        public static Start after(Oid from) {
            return new Start(from, false, null);
        }
    }

    /**
     * @param maxRepetitions  repetitions served at most, whatever the request asks (snmpd: maxGetbulkRepeats)
     * @param maxResponses    repeated varbinds per answer at most, non-repeaters not counted (snmpd: maxGetbulkResponses)
     */
    public record Limits(int maxRepetitions, int maxResponses) {
        public Limits {
            if (maxRepetitions < 1 || maxResponses < 1) {
                throw new IllegalArgumentException("GetBulk limits must be positive: " + maxRepetitions + ", " + maxResponses);
            }
        }

        /** The repetitions served for {@code asked} repetitions of {@code repeaters} varbinds. */
        public int repetitions(int asked, int repeaters) {
            if (repeaters <= 0 || asked <= 0) {
                return 0;
            }
            return Math.min(Math.min(asked, maxRepetitions), maxResponses / repeaters);
        }
    }

    /**
     * The answer in the frontend's own varbind form, or {@code tooBig} when not even the
     * non-repeaters fit the budget (RFC 3416 4.2.3: then the answer is tooBig).
     */
    public record Result<T>(List<T> varBinds, boolean tooBig) {
    }

    /**
     * @param view            the context's view (null: an empty view, every varbind ends at once)
     * @param starts          the request varbinds, non-repeaters first
     * @param nonRepeaters    as received (clamped to 0..starts.size())
     * @param maxRepetitions  as received (negative counts as 0)
     * @param limits          the operator's caps
     * @param budgetBytes     room for varbinds in the response, in the frontend's encoding
     * @param encode          converts a binding to the frontend's form (called once per binding)
     * @param size            encoded size of one varbind in bytes
     */
    public static <T> Result<T> walk(MibView view, List<Start> starts, int nonRepeaters, int maxRepetitions, Limits limits,
                                     int budgetBytes, Function<VarBind, T> encode, ToIntFunction<T> size) {
        int n = Math.max(0, Math.min(nonRepeaters, starts.size()));
        int r = starts.size() - n;
        int m = limits.repetitions(maxRepetitions, r);
        List<T> out = new ArrayList<>(Math.min(n + m * r, 1024));
        int budget = budgetBytes;
        for (int i = 0; i < n; i++) {
            Start s = starts.get(i);
            T vb = encode.apply(next(view, s.from(), s.include(), s.end()));
            budget -= size.applyAsInt(vb);
            if (budget < 0) {
                return new Result<>(List.of(), true);
            }
            out.add(vb);
        }
        if (m == 0) {
            return new Result<>(out, false);
        }
        if (r == 1) {
            return singleRepeater(view, starts.get(n), m, out, budget, encode, size);
        }
        Oid[] cursor = new Oid[r];
        boolean[] ended = new boolean[r];
        for (int j = 0; j < r; j++) {
            cursor[j] = starts.get(n + j).from();
        }
        for (int rep = 0; rep < m; rep++) {
            boolean allEnded = true;
            for (int j = 0; j < r; j++) {
                Start s = starts.get(n + j);
                VarBind vb;
                if (ended[j]) {
                    vb = new VarBind(cursor[j], MibValue.END_OF_MIB_VIEW);
                } else {
                    // the include flag applies to the first step only: later steps continue after what was returned
                    vb = next(view, cursor[j], rep == 0 && s.include(), s.end());
                    if (vb.value().type() == MibValue.Type.END_OF_MIB_VIEW) {
                        ended[j] = true;
                    } else {
                        cursor[j] = vb.oid();
                        allEnded = false;
                    }
                }
                T encoded = encode.apply(vb);
                budget -= size.applyAsInt(encoded);
                if (budget < 0) {
                    return new Result<>(out, false); // a shorter answer is legal: the manager asks again from the last one
                }
                out.add(encoded);
            }
            if (allEnded) {
                break; // every repeater is at endOfMibView: more repetitions would only repeat that
            }
        }
        return new Result<>(out, false);
    }

    /**
     * Bindings asked of the view per {@link MibView#walk} call of a single-repeater GETBULK: one call
     * for the usual -Cr10..-Cr25 walk, and a small answer budget (a tiny maxMessageSize with huge
     * repetition caps) never makes the view build (or a lazily built part be built for) thousands of
     * bindings only to drop them.
     */
    static final int RUN_CHUNK = 32;

    /**
     * The repetitions of one repeater, what a walk (snmpbulkwalk, every NMS's table walk) asks: the
     * view hands out the run in chunks ({@link MibView#walk}); the answer is the one the loop over
     * repetitions gives, the run's bindings and, when it ended early, one endOfMibView named with
     * the last name, cut at the budget ({@code ViewWalkTest} compares the two).
     */
    private static <T> Result<T> singleRepeater(MibView view, Start s, int repetitions, List<T> out, int budgetBytes,
                                                Function<VarBind, T> encode, ToIntFunction<T> size) {
        List<VarBind> run = new ArrayList<>(Math.min(repetitions, RUN_CHUNK));
        int budget = budgetBytes;
        Oid from = s.from();
        boolean include = s.include();
        int left = repetitions;
        while (left > 0) {
            int chunk = Math.min(left, RUN_CHUNK);
            run.clear();
            if (view != null) {
                view.walk(from, include, s.end(), chunk, run::add);
            }
            for (VarBind vb : run) {
                T encoded = encode.apply(vb);
                budget -= size.applyAsInt(encoded);
                if (budget < 0) {
                    return new Result<>(out, false); // a shorter answer is legal: the manager asks again from the last one
                }
                out.add(encoded);
            }
            left -= run.size();
            if (run.size() < chunk) {
                // the view ran out: endOfMibView named with the last name (or the request's), once
                Oid last = run.isEmpty() ? from : run.get(run.size() - 1).oid();
                T encoded = encode.apply(new VarBind(last, MibValue.END_OF_MIB_VIEW));
                if (budget - size.applyAsInt(encoded) >= 0) {
                    out.add(encoded);
                }
                break;
            }
            from = run.get(run.size() - 1).oid();
            include = false; // the search-range flag applies to the first step only
        }
        return new Result<>(out, false);
    }

    /** The next binding, or endOfMibView named with {@code from} (RFC 3416 4.2.2, RFC 2741 7.2.3.2). */
    private static VarBind next(MibView view, Oid from, boolean include, Oid end) {
        VarBind vb = view == null ? null : view.next(from, include, end);
        if (vb == null || (end != null && vb.oid().compareTo(end) >= 0)) {
            return new VarBind(from, MibValue.END_OF_MIB_VIEW);
        }
        return vb;
    }
}
