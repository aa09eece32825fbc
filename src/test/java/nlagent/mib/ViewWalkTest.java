package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * {@link MibView#walk} (a run of bindings at once) answers exactly as {@code next} called once per
 * binding, each after the previous answer, for the views that override it (a sorted view, a
 * composite of parts, a view of lazily built parts, the two nested as the default context is) and
 * for random starting points, bounds and run lengths; and a single-repeater GETBULK built on it
 * answers as the loop over repetitions (RFC 3416 4.2.3) did.
 */
class ViewWalkTest {
    private static final Random RANDOM = new Random(23);

    private static SortedMibView part(int... firsts) {
        SortedMibView.Builder b = SortedMibView.builder();
        for (int f : firsts) {
            Oid root = Oid.of(1, 3, 6, 1, f);
            b.subtree(root);
            for (int c = 1; c <= 3; c++) {
                b.object(root.append(c));
                for (int r = 1; r <= RANDOM.nextInt(5); r++) {
                    b.add(root.append(c, r * 3), MibValue.integer(f * 100 + c * 10 + r));
                }
            }
        }
        return b.build();
    }

    /** The reference: {@code next} per binding (the interface's default walk). */
    private static List<VarBind> stepwise(MibView v, Oid from, boolean include, Oid end, int max) {
        List<VarBind> out = new ArrayList<>();
        Oid at = from;
        boolean inc = include;
        while (out.size() < max) {
            VarBind vb = v.next(at, inc, end);
            if (vb == null) {
                break;
            }
            out.add(vb);
            at = vb.oid();
            inc = false;
        }
        return out;
    }

    private static Oid randomOid() {
        int n = 1 + RANDOM.nextInt(8);
        int[] a = new int[n];
        int[] start = {1, 3, 6, 1};
        for (int i = 0; i < n; i++) {
            a[i] = i < 4 && RANDOM.nextInt(6) > 0 ? start[i] : RANDOM.nextInt(12);
        }
        return Oid.of(a);
    }

    private static List<MibView> views() {
        SortedMibView whole = part(2, 4, 5, 7, 9);
        CompositeView composite = new CompositeView(List.of(part(2, 7), part(4), part(5, 9, 10), part(11)));
        LazyPartsView lazy = new LazyPartsView("", List.of(
                new LazyPartsView.Part("a", List.of(Oid.of(1, 3, 6, 1, 2), Oid.of(1, 3, 6, 1, 8)), prev -> part(2, 8)),
                new LazyPartsView.Part("b", List.of(Oid.of(1, 3, 6, 1, 5)), prev -> part(5)),
                new LazyPartsView.Part("empty", List.of(Oid.of(1, 3, 6, 1, 6)), prev -> SortedMibView.builder()
                        .subtree(Oid.of(1, 3, 6, 1, 6)).build())));
        // the default context: the namespace's lazily built parts plus the agent's own views
        CompositeView nested = new CompositeView(List.of(lazy, part(3), part(10)));
        return List.of(whole, composite, lazy, nested);
    }

    @Test
    void aRunIsWhatNextPerBindingGives() {
        for (MibView v : views()) {
            List<Oid> names = new ArrayList<>();
            for (VarBind vb = v.next(Oid.of(0), false, null); vb != null; vb = v.next(vb.oid(), false, null)) {
                names.add(vb.oid());
            }
            for (int i = 0; i < 10_000; i++) {
                Oid from = RANDOM.nextBoolean() && !names.isEmpty() ? names.get(RANDOM.nextInt(names.size())) : randomOid();
                boolean include = RANDOM.nextBoolean();
                Oid end = RANDOM.nextInt(3) == 0 ? null
                        : RANDOM.nextBoolean() && !names.isEmpty() ? names.get(RANDOM.nextInt(names.size())) : randomOid();
                int max = RANDOM.nextInt(4) == 0 ? Integer.MAX_VALUE : RANDOM.nextInt(30);
                List<VarBind> run = new ArrayList<>();
                int n = v.walk(from, include, end, max, run::add);
                String what = v.getClass().getSimpleName() + ".walk(" + from + ", " + include + ", " + end + ", " + max + ")";
                assertEquals(stepwise(v, from, include, end, max), run, what);
                assertEquals(run.size(), n, what);
            }
        }
    }

    /** GETBULK with one repeater as the loop over repetitions answered it: next per repetition, endOfMibView once. */
    private static List<VarBind> bulkOracle(MibView v, GetBulk.Start s, int m, int budget, int size) {
        List<VarBind> out = new ArrayList<>();
        Oid cursor = s.from();
        for (int rep = 0; rep < m; rep++) {
            VarBind vb = v.next(cursor, rep == 0 && s.include(), s.end());
            boolean ended = vb == null;
            if (ended) {
                vb = new VarBind(cursor, MibValue.END_OF_MIB_VIEW);
            }
            budget -= size;
            if (budget < 0) {
                break;
            }
            out.add(vb);
            if (ended) {
                break;
            }
            cursor = vb.oid();
        }
        return out;
    }

    @Test
    void aSingleRepeaterGetBulkIsTheLoopOverRepetitions() {
        GetBulk.Limits limits = new GetBulk.Limits(40, 100);
        for (MibView v : views()) {
            for (int i = 0; i < 5_000; i++) {
                Oid from = randomOid();
                GetBulk.Start s = RANDOM.nextBoolean() ? GetBulk.Start.after(from)
                        : new GetBulk.Start(from, RANDOM.nextBoolean(), RANDOM.nextBoolean() ? null : randomOid());
                int m = RANDOM.nextInt(45);
                int budget = RANDOM.nextInt(4) == 0 ? RANDOM.nextInt(200) : 100_000;
                GetBulk.Result<VarBind> r = GetBulk.walk(v, List.of(s), 0, m, limits, budget, Function.identity(), vb -> 10);
                assertEquals(bulkOracle(v, s, limits.repetitions(m, 1), budget, 10), r.varBinds(),
                        v.getClass().getSimpleName() + " " + s + " m=" + m + " budget=" + budget);
            }
        }
    }
}
