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
    /** Fixed seed per test (a failure reproduces when the test runs alone). */
    private Random random = new Random(23);

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

    private List<MibView> views() {
        SortedMibView whole = RandomViews.part(random, 2, 4, 5, 7, 9);
        CompositeView composite = new CompositeView(List.of(RandomViews.part(random, 2, 7), RandomViews.part(random, 4),
                RandomViews.part(random, 5, 9, 10), RandomViews.part(random, 11)));
        LazyPartsView lazy = new LazyPartsView("", List.of(
                new LazyPartsView.Part("a", List.of(Oid.of(1, 3, 6, 1, 2), Oid.of(1, 3, 6, 1, 8)), prev -> RandomViews.part(random, 2, 8)),
                new LazyPartsView.Part("b", List.of(Oid.of(1, 3, 6, 1, 5)), prev -> RandomViews.part(random, 5)),
                new LazyPartsView.Part("empty", List.of(Oid.of(1, 3, 6, 1, 6)), prev -> SortedMibView.builder()
                        .subtree(Oid.of(1, 3, 6, 1, 6)).build())));
        // the default context: the namespace's lazily built parts plus the agent's own views
        CompositeView nested = new CompositeView(List.of(lazy, RandomViews.part(random, 3), RandomViews.part(random, 10)));
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
                Oid from = random.nextBoolean() && !names.isEmpty() ? names.get(random.nextInt(names.size())) : RandomViews.oid(random);
                boolean include = random.nextBoolean();
                Oid end = random.nextInt(3) == 0 ? null
                        : random.nextBoolean() && !names.isEmpty() ? names.get(random.nextInt(names.size())) : RandomViews.oid(random);
                int max = random.nextInt(4) == 0 ? Integer.MAX_VALUE : random.nextInt(30);
                List<VarBind> run = new ArrayList<>();
                int n = v.walk(from, include, end, max, run::add);
                String what = v.getClass().getSimpleName() + ".walk(" + from + ", " + include + ", " + end + ", " + max + ")";
                assertEquals(stepwise(v, from, include, end, max), run, what);
                assertEquals(run.size(), n, what);
            }
        }
    }

    /** A small answer budget with a huge repetition count asks the view for one chunk, not for thousands of bindings. */
    @Test
    void theBudgetBoundsWhatTheViewIsAskedFor() {
        SortedMibView.Builder b = SortedMibView.builder().subtree(Oid.of(1, 3, 6, 1, 2)).object(Oid.of(1, 3, 6, 1, 2, 1));
        for (int r = 1; r <= 5_000; r++) {
            b.add(Oid.of(1, 3, 6, 1, 2, 1, r), MibValue.integer(r));
        }
        SortedMibView big = b.build();
        int[] handedOut = {0};
        MibView counting = new MibView() {
            @Override
            public MibValue get(Oid oid) {
                return big.get(oid);
            }

            @Override
            public VarBind next(Oid from, boolean include, Oid end) {
                return big.next(from, include, end);
            }

            @Override
            public int walk(Oid from, boolean include, Oid end, int max, java.util.function.Consumer<VarBind> sink) {
                return big.walk(from, include, end, max, vb -> {
                    handedOut[0]++;
                    sink.accept(vb);
                });
            }

            @Override
            public List<Oid> subtrees() {
                return big.subtrees();
            }
        };
        GetBulk.Result<VarBind> r = GetBulk.walk(counting, List.of(GetBulk.Start.after(Oid.of(1, 3))), 0, 65_535,
                new GetBulk.Limits(65_535, 65_535), 35, Function.identity(), vb -> 10);
        assertEquals(3, r.varBinds().size(), "3 x 10 bytes fit in 35");
        assertEquals(GetBulk.RUN_CHUNK, handedOut[0], "one chunk asked, not 65,535 bindings");
        GetBulk.Result<VarBind> all = GetBulk.walk(counting, List.of(GetBulk.Start.after(Oid.of(1, 3))), 0, 65_535,
                new GetBulk.Limits(65_535, 65_535), 1_000_000, Function.identity(), vb -> 10);
        assertEquals(5_001, all.varBinds().size(), "every binding, then endOfMibView");
        assertEquals(MibValue.END_OF_MIB_VIEW, all.varBinds().get(5_000).value());
        assertEquals(Oid.of(1, 3, 6, 1, 2, 1, 5_000), all.varBinds().get(5_000).oid());
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
        // up to 100 repetitions: runs of several chunks (GetBulk.RUN_CHUNK) too
        GetBulk.Limits limits = new GetBulk.Limits(100, 1000);
        for (MibView v : views()) {
            for (int i = 0; i < 5_000; i++) {
                Oid from = RandomViews.oid(random);
                GetBulk.Start s = random.nextBoolean() ? GetBulk.Start.after(from)
                        : new GetBulk.Start(from, random.nextBoolean(), random.nextBoolean() ? null : RandomViews.oid(random));
                int m = random.nextInt(110);
                int budget = random.nextInt(4) == 0 ? random.nextInt(200) : 100_000;
                GetBulk.Result<VarBind> r = GetBulk.walk(v, List.of(s), 0, m, limits, budget, Function.identity(), vb -> 10);
                assertEquals(bulkOracle(v, s, limits.repetitions(m, 1), budget, 10), r.varBinds(),
                        v.getClass().getSimpleName() + " " + s + " m=" + m + " budget=" + budget);
            }
        }
    }
}
