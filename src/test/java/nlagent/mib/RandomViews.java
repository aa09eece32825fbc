package nlagent.mib;

import java.util.Random;

/** Random sorted views and OIDs for the routing tests (SubtreeRouterTest, ViewWalkTest): same seed, same data. */
final class RandomViews {
    private RandomViews() {
    }

    /**
     * A part with subtrees 1.3.6.1.F (F in {@code firsts}), three columns each and 0–4 rows per column
     * (an empty column too), bindings inside its subtrees only.
     */
    static SortedMibView part(Random random, int... firsts) {
        SortedMibView.Builder b = SortedMibView.builder();
        for (int f : firsts) {
            Oid root = Oid.of(1, 3, 6, 1, f);
            b.subtree(root);
            for (int c = 1; c <= 3; c++) {
                b.object(root.append(c));
                int rows = random.nextInt(5);
                for (int r = 1; r <= rows; r++) {
                    b.add(root.append(c, r * 3), MibValue.integer(f * 100 + c * 10 + r));
                }
            }
        }
        return b.build();
    }

    /** 1–8 arcs, mostly starting 1.3.6.1, so that it falls before, between, inside and after the parts' subtrees. */
    static Oid oid(Random random) {
        int n = 1 + random.nextInt(8);
        int[] a = new int[n];
        int[] start = {1, 3, 6, 1};
        for (int i = 0; i < n; i++) {
            a[i] = i < 4 && random.nextInt(6) > 0 ? start[i] : random.nextInt(12);
        }
        return Oid.of(a);
    }
}
