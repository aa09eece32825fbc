package nlagent.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import nlagent.model.Ipv4Conf;
import org.junit.jupiter.api.Test;

/** Equal devconf arrays are held once; a copy never changes with its source; content decides, not the cache. */
class SharedIntArraysTest {

    @Test
    void equalContentIsSharedAndIsolatedFromTheSource() {
        int[] a = {1, 0, 1, 64, 1000};
        int[] b = a.clone();
        int[] ca = SharedIntArrays.copyOf(a);
        assertNotSame(a, ca);
        assertSame(ca, SharedIntArrays.copyOf(b), "equal content, one array");
        a[0] = 7;
        assertArrayEquals(new int[] {1, 0, 1, 64, 1000}, ca, "the source's later change does not reach the copy");
        assertArrayEquals(a, SharedIntArrays.copyOf(a));
    }

    @Test
    void manyDistinctArraysAlwaysReadBackTheirOwnContent() {
        for (int i = 0; i < SharedIntArrays.SLOTS * 4; i++) {
            int[] v = {i, i * 31, -i};
            assertArrayEquals(v, SharedIntArrays.copyOf(v));
        }
        Ipv4Conf x = new Ipv4Conf(true, 1000, 30000, new int[] {1, 2, 3});
        Ipv4Conf y = new Ipv4Conf(true, 1000, 30000, new int[] {1, 2, 3});
        assertEquals(x, y);
        assertArrayEquals(new int[] {1, 2, 3}, y.devconf());
    }

    @Test
    void internTakesTheArrayOrHandsOutTheEqualOneAlreadyShared() {
        int[] first = {9, 8, 7, 6, 5, 4};
        assertSame(first, SharedIntArrays.intern(first), "nothing equal shared yet: the array itself");
        int[] second = first.clone();
        assertSame(first, SharedIntArrays.intern(second), "equal content: the one already shared");
        assertSame(first, SharedIntArrays.copyOf(second));
        int[] other = {9, 8, 7, 6, 5, 3};
        assertArrayEquals(new int[] {9, 8, 7, 6, 5, 3}, SharedIntArrays.intern(other));
        assertArrayEquals(new int[] {9, 8, 7, 6, 5, 4}, first, "what was shared never changes");
    }
}
