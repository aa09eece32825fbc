package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** What an entry answers does not depend on the slots it keeps zeroed to share its array with equal entries. */
class NetconfEntryTest {
    private static int[] values(int ifIndex, int forwarding, int rpFilter) {
        int[] v = new int[Rtnl.NETCONFA_MAX_KNOWN + 1];
        v[Rtnl.NETCONFA_IFINDEX] = ifIndex;
        v[Rtnl.NETCONFA_FORWARDING] = forwarding;
        v[Rtnl.NETCONFA_RP_FILTER] = rpFilter;
        return v;
    }

    private static int mask(int... attrs) {
        int m = 0;
        for (int a : attrs) {
            m |= 1 << a;
        }
        return m;
    }

    @Test
    void theIfindexAttributeReadsAsTheEntrysIfindex() {
        NetconfEntry a = new NetconfEntry(2, 7, mask(Rtnl.NETCONFA_IFINDEX, Rtnl.NETCONFA_FORWARDING), values(7, 1, 0));
        NetconfEntry b = new NetconfEntry(2, 9, mask(Rtnl.NETCONFA_IFINDEX, Rtnl.NETCONFA_FORWARDING), values(9, 1, 0));
        assertEquals(7, a.value(Rtnl.NETCONFA_IFINDEX, -5));
        assertEquals(9, b.value(Rtnl.NETCONFA_IFINDEX, -5));
        assertEquals(1, b.value(Rtnl.NETCONFA_FORWARDING, -5));
        assertNotEquals(a, b, "same settings, other interface");
        assertEquals("netconf[af=2 ifindex=9 1=9 2=1]", b.toString());
    }

    @Test
    void anAbsentAttributeIsTheDefaultWhateverTheArrayHeld() {
        NetconfEntry withJunk = new NetconfEntry(2, 7, mask(Rtnl.NETCONFA_IFINDEX, Rtnl.NETCONFA_FORWARDING), values(7, 1, 55));
        NetconfEntry clean = new NetconfEntry(2, 7, mask(Rtnl.NETCONFA_IFINDEX, Rtnl.NETCONFA_FORWARDING), values(7, 1, 0));
        assertEquals(-5, withJunk.value(Rtnl.NETCONFA_RP_FILTER, -5));
        assertEquals(clean, withJunk);
        assertEquals(clean.hashCode(), withJunk.hashCode());
        NetconfEntry merged = clean.mergedWith(new NetconfEntry(2, 7, mask(Rtnl.NETCONFA_IFINDEX, Rtnl.NETCONFA_RP_FILTER),
                values(7, 0, 2)));
        assertEquals(1, merged.value(Rtnl.NETCONFA_FORWARDING, -5));
        assertEquals(2, merged.value(Rtnl.NETCONFA_RP_FILTER, -5));
        assertEquals(7, merged.value(Rtnl.NETCONFA_IFINDEX, -5));
    }
}
