package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * {@link MibView#walk} (a run of bindings at once) answers exactly as {@code next} called once per
 * binding, each after the previous answer, for the views that override it (a sorted view, a
 * composite of parts, a view of lazily built parts, the two nested, composites of composites as the
 * default context is) and for random starting points, bounds and run lengths; and a single-repeater
 * GETBULK built on it answers as the loop over repetitions (RFC 3416 4.2.3) did.
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
        // a namespace's lazily built parts plus the views every context shares
        CompositeView nested = new CompositeView(List.of(lazy, RandomViews.part(random, 3), RandomViews.part(random, 10)));
        return List.of(whole, composite, lazy, nested, deep(lazy));
    }

    /**
     * Composites three deep over a lazily built view, as the standalone agent's default context is: the
     * namespace's view and the shared parts, the host-wide extras around that, the agent's own views
     * around that ({@code SnapshotMibProvider}, {@code ComposedMibProvider}).
     */
    CompositeView deep(LazyPartsView lazy) {
        CompositeView served = new CompositeView(List.of(lazy, RandomViews.part(random, 3)));
        CompositeView withExtras = new CompositeView(List.of(served, RandomViews.part(random, 10)));
        return new CompositeView(List.of(RandomViews.part(random, 1), withExtras, RandomViews.part(random, 12)));
    }

    /** A composite of composites routes to the leaves itself: one level, the same parts in any nesting. */
    @Test
    void compositesOfCompositesAreOneLevel() {
        LazyPartsView lazy = (LazyPartsView) views().get(2);
        CompositeView deep = deep(lazy);
        assertEquals(5, deep.parts().size(), "1, the lazy view, 3, 10, 12");
        assertEquals(lazy, deep.parts().get(1));
        assertTrue(deep.parts().stream().noneMatch(p -> p instanceof CompositeView));
        assertEquals(List.of(Oid.of(1, 3, 6, 1, 1), Oid.of(1, 3, 6, 1, 2), Oid.of(1, 3, 6, 1, 3), Oid.of(1, 3, 6, 1, 5),
                Oid.of(1, 3, 6, 1, 6), Oid.of(1, 3, 6, 1, 8), Oid.of(1, 3, 6, 1, 10), Oid.of(1, 3, 6, 1, 12)), deep.subtrees());
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
                int n = v.walk(from, include, end, max, (pre, suf, val) -> run.add(new VarBind(Oid.join(pre, suf), val)));
                String what = v.getClass().getSimpleName() + ".walk(" + from + ", " + include + ", " + end + ", " + max + ")";
                assertEquals(stepwise(v, from, include, end, max), run, what);
                assertEquals(run.size(), n, what);
            }
        }
    }

    /**
     * A sink that refuses a binding ends the walk there: it is offered nothing after, the count is of
     * what it took, and what it took is the start of the run.
     */
    @Test
    void aRefusalEndsTheRun() {
        for (MibView v : views()) {
            for (int i = 0; i < 5_000; i++) {
                Oid from = RandomViews.oid(random);
                int max = random.nextInt(40);
                int refuseAt = random.nextInt(40); // the refused binding's position in the run
                List<VarBind> all = stepwise(v, from, false, null, max);
                List<VarBind> taken = new ArrayList<>();
                int[] offered = {0};
                int n = v.walk(from, false, null, max, (pre, suf, val) -> {
                    if (offered[0]++ == refuseAt) {
                        return false;
                    }
                    taken.add(new VarBind(Oid.join(pre, suf), val));
                    return true;
                });
                String what = v.getClass().getSimpleName() + ".walk(" + from + ", " + max + ") refusing #" + refuseAt;
                assertEquals(all.subList(0, Math.min(refuseAt, all.size())), taken, what);
                assertEquals(taken.size(), n, what);
                assertEquals(Math.min(refuseAt + 1, all.size()), offered[0], what + ": nothing offered after the refusal");
            }
        }
    }

    /** A run refused at the end of one lazily built part does not build the next part. */
    @Test
    void aRefusalBuildsNoFurtherPart() {
        int[] builtB = {0};
        LazyPartsView lazy = new LazyPartsView("", List.of(
                new LazyPartsView.Part("a", List.of(Oid.of(1, 3, 6, 1, 2)), prev -> threeRows(2)),
                new LazyPartsView.Part("b", List.of(Oid.of(1, 3, 6, 1, 5)), prev -> {
                    builtB[0]++;
                    return threeRows(5);
                })));
        List<VarBind> a = List.of(new VarBind(Oid.of(1, 3, 6, 1, 2, 1, 1), MibValue.integer(1)),
                new VarBind(Oid.of(1, 3, 6, 1, 2, 1, 2), MibValue.integer(2)), new VarBind(Oid.of(1, 3, 6, 1, 2, 1, 3), MibValue.integer(3)));
        assertEquals(0, builtB[0]);
        int[] offered = {0};
        int n = lazy.walk(Oid.of(1, 3, 6, 1, 2), false, null, Integer.MAX_VALUE, (pre, suf, val) -> ++offered[0] <= a.size());
        assertEquals(a.size(), n, "every binding of part a taken");
        assertEquals(a.size() + 1, offered[0], "the first of part b offered and refused");
        assertEquals(1, builtB[0], "part b built once, for the binding that was refused");
        lazy.walk(Oid.of(1, 3, 6, 1, 2), false, null, Integer.MAX_VALUE, (pre, suf, val) -> false);
        assertEquals(1, builtB[0], "a refusal inside part a asks no later part");
    }

    /** Subtree 1.3.6.1.F holding F.1.1 = 1, F.1.2 = 2, F.1.3 = 3. */
    private static SortedMibView threeRows(int f) {
        SortedMibView.Builder b = SortedMibView.builder().subtree(Oid.of(1, 3, 6, 1, f)).object(Oid.of(1, 3, 6, 1, f, 1));
        for (int r = 1; r <= 3; r++) {
            b.add(Oid.of(1, 3, 6, 1, f, 1, r), MibValue.integer(r));
        }
        return b.build();
    }

    /** A small answer budget with a huge repetition count asks the view for the bindings that fit and one more, not thousands. */
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
            public int walk(Oid from, boolean include, Oid end, int max, BindingSink sink) {
                return big.walk(from, include, end, max, (pre, suf, val) -> {
                    handedOut[0]++;
                    return sink.accept(pre, suf, val);
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
        assertEquals(4, handedOut[0], "the 3 that fit and the one that did not, not 65,535 bindings");
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
        // up to 100 repetitions, across parts and subtrees
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
