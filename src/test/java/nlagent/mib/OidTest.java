package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class OidTest {

    @Test
    void ordersNumericallyNotAsStrings() {
        assertTrue(Oid.parse("1.3.6.1.4.1.9").compareTo(Oid.parse("1.3.6.1.4.1.10")) < 0);
        assertTrue(Oid.parse("1.3.6.1.2.1.2").compareTo(Oid.parse("1.3.6.1.2.1.10")) < 0);
    }

    @Test
    void prefixSortsBeforeItsExtensions() {
        Oid p = Oid.parse("1.3.6.1.4.1.9");
        assertTrue(p.compareTo(p.append(0)) < 0);
        assertTrue(p.append(0).compareTo(Oid.parse("1.3.6.1.4.1.10")) < 0);
    }

    @Test
    void subIdentifiersAreUnsigned() {
        Oid big = Oid.parse("1.4294967295");
        Oid small = Oid.parse("1.2147483647");
        assertTrue(small.compareTo(big) < 0, "2^31-1 < 2^32-1 when read unsigned");
        assertEquals("1.4294967295", big.toString());
        assertThrows(IllegalArgumentException.class, () -> Oid.parse("1.4294967296"));
        assertThrows(IllegalArgumentException.class, () -> Oid.parse("1.-1"));
        assertThrows(IllegalArgumentException.class, () -> Oid.parse("1..2"));
    }

    /** A decoder's scratch array: the first n arcs, copied, so that reusing the array changes no Oid. */
    @Test
    void ofAPrefixOfAnArrayCopiesIt() {
        int[] scratch = {1, 3, 6, 1, 99, 99};
        Oid o = Oid.of(scratch, 4);
        scratch[0] = 2;
        assertEquals(Oid.parse("1.3.6.1"), o);
        assertEquals(0, Oid.of(scratch, 0).size());
    }

    @Test
    void parseAcceptsLeadingDotAndRoundTrips() {
        assertEquals(Oid.parse("1.3.6"), Oid.parse(".1.3.6"));
        assertEquals("1.3.6.1.2.1.2.2.1.2.7", Oid.parse("1.3.6.1.2.1.2.2.1.2.7").toString());
    }

    @Test
    void nextSiblingBoundsTheSubtree() {
        Oid ifTable = Oid.parse("1.3.6.1.2.1.2.2");
        Oid after = ifTable.nextSibling();
        assertEquals(Oid.parse("1.3.6.1.2.1.2.3"), after);
        assertTrue(ifTable.append(1, 22, 999999).compareTo(after) < 0);
        assertEquals(Oid.parse("1.4"), Oid.parse("1.3.4294967295").nextSibling());
        assertNull(Oid.parse("4294967295").nextSibling());
    }

    @Test
    void startsWithAndSlicing() {
        Oid o = Oid.parse("1.3.6.1.2.1.31.1.1.1.6.3");
        assertTrue(o.startsWith(Oid.parse("1.3.6.1.2.1.31")));
        assertFalse(o.startsWith(Oid.parse("1.3.6.1.2.1.3")));
        assertEquals(Oid.parse("1.3.6"), o.prefix(3));
        assertEquals(Oid.parse("6.3"), o.suffix(10));
    }

    @Test
    void sortingAMixedListMatchesSnmpOrder() {
        List<Oid> l = new ArrayList<>(List.of(Oid.parse("1.3.6.1.2.1.2.2.1.10.2"), Oid.parse("1.3.6.1.2.1.2.2.1.2.10"),
                Oid.parse("1.3.6.1.2.1.2.2.1.2.9"), Oid.parse("1.3.6.1.2.1.2.1.0")));
        l.sort(null);
        assertEquals(List.of(Oid.parse("1.3.6.1.2.1.2.1.0"), Oid.parse("1.3.6.1.2.1.2.2.1.2.9"),
                Oid.parse("1.3.6.1.2.1.2.2.1.2.10"), Oid.parse("1.3.6.1.2.1.2.2.1.10.2")), l);
    }
}
