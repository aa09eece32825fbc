package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A composite routes GETNEXT to the one part whose subtree the answer lies in: for random starting
 * points and bounds (before, between, inside and after the subtrees, on exact names and on prefixes)
 * it answers exactly as asking every part and keeping the smallest answer, the way it did before.
 */
class SubtreeRouterTest {
    private static final Random RANDOM = new Random(11);

    /** The answer of asking every part, as CompositeView answered before it routed. */
    private static VarBind bruteForce(List<MibView> parts, Oid from, boolean include, Oid end) {
        VarBind best = null;
        for (MibView p : parts) {
            VarBind vb = p.next(from, include, end);
            if (vb != null && (best == null || vb.oid().compareTo(best.oid()) < 0)) {
                best = vb;
            }
        }
        return best;
    }

    @Test
    void answersAsAskingEveryPart() {
        List<MibView> parts = List.of(RandomViews.part(RANDOM, 2, 7), RandomViews.part(RANDOM, 4),
                RandomViews.part(RANDOM, 5, 9, 10), RandomViews.part(RANDOM, 11));
        answersAsAskingEveryPart(parts, new CompositeView(parts));
    }

    /** Composites of composites, taken apart into their leaves, answer as asking every leaf. */
    @Test
    void compositesOfCompositesAnswerAsAskingEveryLeaf() {
        List<MibView> leaves = List.of(RandomViews.part(RANDOM, 1), RandomViews.part(RANDOM, 2, 7), RandomViews.part(RANDOM, 4),
                RandomViews.part(RANDOM, 5, 9, 10), RandomViews.part(RANDOM, 11));
        CompositeView inner = new CompositeView(List.of(leaves.get(1), leaves.get(2)));
        CompositeView middle = new CompositeView(List.of(inner, leaves.get(3)));
        answersAsAskingEveryPart(leaves, new CompositeView(List.of(leaves.get(0), middle, leaves.get(4))));
    }

    private static void answersAsAskingEveryPart(List<MibView> parts, CompositeView routed) {
        List<Oid> names = new ArrayList<>();
        for (VarBind vb = routed.next(Oid.of(0), false, null); vb != null; vb = routed.next(vb.oid(), false, null)) {
            names.add(vb.oid());
        }
        for (int i = 0; i < 20_000; i++) {
            Oid from = RANDOM.nextBoolean() ? names.get(RANDOM.nextInt(names.size())) : RandomViews.oid(RANDOM);
            boolean include = RANDOM.nextBoolean();
            Oid end = RANDOM.nextInt(3) == 0 ? null : RANDOM.nextBoolean() ? names.get(RANDOM.nextInt(names.size())) : RandomViews.oid(RANDOM);
            assertEquals(bruteForce(parts, from, include, end), routed.next(from, include, end),
                    "next(" + from + ", " + include + ", " + end + ")");
            assertEquals(brutalGet(parts, from), routed.get(from), "get(" + from + ")");
        }
    }

    private static MibValue brutalGet(List<MibView> parts, Oid oid) {
        for (MibView p : parts) {
            for (Oid root : p.subtrees()) {
                if (oid.startsWith(root)) {
                    return p.get(oid);
                }
            }
        }
        return MibValue.NO_SUCH_OBJECT;
    }

    @Test
    void overlappingSubtreesOfTwoPartsAreRejected() {
        SortedMibView inner = SortedMibView.builder().subtree(Oid.of(1, 3, 6, 1, 2, 1)).build();
        assertThrows(IllegalArgumentException.class, () -> new CompositeView(List.of(RandomViews.part(RANDOM, 2), inner)));
    }
}
