package nlagent.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuSetTest {

    @Test
    void listFormatRoundTrips() {
        for (String list : new String[] {"", "0", "1", "0-3", "0,2", "0-3,6", "1,3-5,7-8,62,64,1023"}) {
            assertEquals(list, CpuSet.parse(list).toString(), list);
        }
        assertEquals("0-2", CpuSet.parse("0,1,2").toString(), "adjacent CPUs become a range");
        assertEquals("0-3", CpuSet.parse(" 2-3,0-1\n").toString(), "as /proc/PID/status writes it, newline included");
        assertEquals(CpuSet.of(1, 2, 3), CpuSet.parse("1-3"));
    }

    @Test
    void badListsAreRefused() {
        for (String bad : new String[] {"x", "1-", "-1", "3-1", "1,,2", "1 2", "0x1", "+1", "0-8192", "0-2147483647", "99999999"}) {
            assertThrows(IllegalArgumentException.class, () -> CpuSet.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> CpuSet.of(-1));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.of(CpuSet.MAX_CPUS));
        assertEquals(CpuSet.MAX_CPUS, CpuSet.parse("0-8191").size());
    }

    @Test
    void intersectionSizeAndMembers() {
        CpuSet a = CpuSet.parse("0-3");
        CpuSet b = CpuSet.parse("2-5");
        assertEquals(CpuSet.parse("2-3"), a.intersect(b));
        assertTrue(a.intersect(CpuSet.parse("4-7")).isEmpty());
        assertEquals(4, a.size());
        assertEquals(4, a.length());
        assertEquals("0-3", a.toString(), "intersect leaves its operands alone");
    }

    @Test
    void kernelMaskLayout() {
        byte[] m = CpuSet.parse("0,9,63").toMask(8);
        assertArrayEquals(new byte[] {1, 2, 0, 0, 0, 0, 0, (byte) 0x80}, m);
        assertEquals(CpuSet.parse("0,9,63"), CpuSet.fromMask(m, 8));
        assertEquals(CpuSet.parse("0"), CpuSet.fromMask(CpuSet.parse("0,64").toMask(8), 8), "beyond the mask: cut");
    }
}
