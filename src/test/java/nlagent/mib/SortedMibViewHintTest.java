package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The walk hint in {@link SortedMibView#ceiling} never changes an answer, whatever order lookups come in. */
class SortedMibViewHintTest {

    @Test
    void ceilingAgreesWithLinearScanForAnyLookupOrder() {
        Random rnd = new Random(3);
        SortedMibView.Builder b = SortedMibView.builder().subtree(Oid.of(1));
        List<Oid> names = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Oid o = Oid.of(1, rnd.nextInt(5), rnd.nextInt(50), rnd.nextInt(3));
            if (!names.contains(o)) {
                names.add(o);
                b.add(o, MibValue.integer(i));
            }
        }
        names.sort(null);
        SortedMibView v = b.build();
        for (int k = 0; k < 20_000; k++) {
            Oid from = rnd.nextInt(3) == 0 ? names.get(rnd.nextInt(names.size()))
                    : Oid.of(1, rnd.nextInt(6), rnd.nextInt(51));
            boolean include = rnd.nextBoolean();
            int expected = 0;
            while (expected < names.size() && (include ? names.get(expected).compareTo(from) < 0
                    : names.get(expected).compareTo(from) <= 0)) {
                expected++;
            }
            assertEquals(expected, v.ceiling(from, include), from + " include=" + include);
        }
        // and a sequential walk, the case the hint is for
        VarBind vb = v.next(Oid.of(1), false, null);
        int n = 0;
        while (vb != null) {
            assertEquals(names.get(n++), vb.oid());
            vb = v.next(vb.oid(), false, null);
        }
        assertEquals(names.size(), n);
    }
}
