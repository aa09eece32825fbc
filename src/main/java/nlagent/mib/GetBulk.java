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
     * The walk into the frontend's own varbind form, one {@link VarBind} per binding: what the
     * frontends whose encoders take objects use (AgentX, snmp4j's path).
     *
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
        Collected<T> answer = new Collected<>(budgetBytes, encode, size);
        return walk(view, starts, nonRepeaters, maxRepetitions, limits, answer)
                ? new Result<>(answer.out, false) : new Result<>(List.of(), true);
    }

    /**
     * The walk, each binding handed to {@code answer}, which refuses the first one that does not
     * fit its byte budget (and every one after it): the answer is then the prefix that fitted (RFC
     * 3416: "some of the variable bindings at the end of the set removed"), unless a non-repeater
     * did not fit.
     *
     * @param answer takes the answer's bindings in order, endOfMibView ones included
     * @return false when not even the non-repeaters fit: the answer is tooBig (RFC 3416 4.2.3)
     */
    public static boolean walk(MibView view, List<Start> starts, int nonRepeaters, int maxRepetitions, Limits limits,
                               BindingSink answer) {
        int n = Math.max(0, Math.min(nonRepeaters, starts.size()));
        int r = starts.size() - n;
        int m = limits.repetitions(maxRepetitions, r);
        for (int i = 0; i < n; i++) {
            Start s = starts.get(i);
            VarBind vb = next(view, s.from(), s.include(), s.end());
            if (!answer.accept(Oid.NO_ARCS, vb.oid().arcsUnsafe(), vb.value())) {
                return false;
            }
        }
        if (m == 0) {
            return true;
        }
        if (r == 1) {
            singleRepeater(view, starts.get(n), m, answer);
            return true;
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
                if (!answer.accept(Oid.NO_ARCS, vb.oid().arcsUnsafe(), vb.value())) {
                    return true; // a shorter answer is legal: the manager asks again from the last one
                }
            }
            if (allEnded) {
                break; // every repeater is at endOfMibView: more repetitions would only repeat that
            }
        }
        return true;
    }

    /**
     * The repetitions of one repeater, what a walk (snmpbulkwalk, every NMS's table walk) asks: one
     * {@link MibView#walk} hands out the run, which ends where the answer refuses a binding, so a
     * small answer budget never makes the view find (or a lazily built part be built for) thousands
     * of bindings only to drop them. The answer is the one the loop over repetitions gives: the
     * run's bindings and, when the view ran out early, one endOfMibView named with the last name
     * ({@code ViewWalkTest} compares the two).
     */
    private static void singleRepeater(MibView view, Start s, int repetitions, BindingSink answer) {
        TakenRun run = new TakenRun(answer);
        int got = view == null ? 0 : view.walk(s.from(), s.include(), s.end(), repetitions, run);
        if (got < repetitions && !run.refused) {
            // the view ran out: endOfMibView named with the last name (or the request's), once, if it fits
            if (got == 0) {
                answer.accept(Oid.NO_ARCS, s.from().arcsUnsafe(), MibValue.END_OF_MIB_VIEW);
            } else {
                answer.accept(run.prefix, run.suffix, MibValue.END_OF_MIB_VIEW);
            }
        }
    }

    /** An answer as a list of the frontend's varbinds, cut at the byte budget. */
    private static final class Collected<T> implements BindingSink {
        final List<T> out = new ArrayList<>();
        private final Function<VarBind, T> encode;
        private final ToIntFunction<T> size;
        private int budget;
        private boolean full;

        Collected(int budgetBytes, Function<VarBind, T> encode, ToIntFunction<T> size) {
            this.budget = budgetBytes;
            this.encode = encode;
            this.size = size;
        }

        @Override
        public boolean accept(int[] prefix, int[] suffix, MibValue value) {
            if (full) {
                return false;
            }
            T vb = encode.apply(new VarBind(Oid.join(prefix, suffix), value));
            budget -= size.applyAsInt(vb);
            if (budget < 0) {
                full = true;
                return false;
            }
            out.add(vb);
            return true;
        }
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
