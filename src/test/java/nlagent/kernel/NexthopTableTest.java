package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.model.Nexthops;
import nlagent.model.RouteEntry;
import nlagent.netlink.NexthopMessage;
import nlagent.netlink.Rtnl;
import nlagent.sys.Native;

/** A nexthop dump as the paths the /proc files show for routes over its objects. */
class NexthopTableTest {
    private static NexthopMessage path(int id, int ifIndex, int gwLast) {
        return new NexthopMessage(false, Native.AF_INET, 0, 4, 0, id, List.of(), false, ifIndex, new byte[] {10, 78, 0, (byte) gwLast});
    }

    private static NexthopMessage group(int id, int... members) {
        List<NexthopMessage.Member> m = new java.util.ArrayList<>();
        for (int member : members) {
            m.add(new NexthopMessage.Member(member, 1));
        }
        return new NexthopMessage(false, 0 /* AF_UNSPEC */, 0, 4, 0, id, m, false, 0, null);
    }

    @Test
    void aPathIsItsDeviceAndGatewayAGroupItsFirstMembersABlackholeLo() {
        NexthopMessage blackhole = new NexthopMessage(false, Native.AF_INET, 0, 4, 0, 7, List.of(), true, 0, null);
        // the kernel dumps by id: a group may come before its members
        Nexthops t = NexthopTable.of(List.of(group(1, 6, 5), path(5, 3, 2), path(6, 4, 3), blackhole, group(9, 42)));
        RouteEntry.NextHop five = t.path(5);
        assertEquals(3, five.ifIndex());
        assertArrayEquals(new byte[] {10, 78, 0, 2}, five.gateway());
        RouteEntry.NextHop one = t.path(1);
        assertEquals(4, one.ifIndex(), "group 6/5: member 6 first, as NHA_GROUP lists it");
        assertArrayEquals(new byte[] {10, 78, 0, 3}, one.gateway());
        assertEquals(Rtnl.LOOPBACK_IFINDEX, t.path(7).ifIndex());
        assertNull(t.path(7).gateway());
        assertNull(t.path(9), "a group whose first member the dump lacks has no path");
        assertNull(t.path(42));
    }
}
