package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A notification socket joins its groups up to 32 through bind's mask (one walk of the host's listening
 * sockets per socket, not one per group), and the kernel then has exactly those groups for it, as
 * /proc/net/netlink shows (its Groups column is the first 32 groups' mask).
 */
class NlListenerGroupsTest {

    @Test
    void legacyMaskHasBitGMinusOneForEachGroupUpTo32() {
        assertEquals(0b1, NlSocket.legacyGroupMask(Rtnl.RTNLGRP_LINK));
        assertEquals(0x80000000, NlSocket.legacyGroupMask(32));
        assertEquals((1 << 2) | (1 << 10), NlSocket.legacyGroupMask(3, 11, 33, 40), "above 32: not in the mask");
        assertEquals(0, NlSocket.legacyGroupMask());
        assertThrows(IllegalArgumentException.class, () -> NlSocket.legacyGroupMask(0));
    }

    @Test
    void theKernelHasTheGroupsOfTheMask() throws Exception {
        int[] groups = {Rtnl.RTNLGRP_LINK, Rtnl.RTNLGRP_NEIGH, Rtnl.RTNLGRP_IPV4_ROUTE, Rtnl.RTNLGRP_IPV6_NETCONF,
            Rtnl.RTNLGRP_NEXTHOP};
        try (NlSocket s = NlSocket.openListener(new NetlinkCounters(), 4096, groups)) {
            // bits 0, 2, 6, 24 and 31
            assertEquals("81000045", groupsColumn(s.portId()));
        }
    }

    /** The Groups column of the NETLINK_ROUTE socket with port id {@code portId} in /proc/self/net/netlink. */
    private static String groupsColumn(int portId) throws Exception {
        List<String> rows = Files.readAllLines(Path.of("/proc/self/net/netlink"));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.trim().split("\\s+");
            if (f[1].equals("0") && Integer.toUnsignedString(portId).equals(f[2])) {
                return f[3];
            }
        }
        throw new AssertionError("no NETLINK_ROUTE socket with port id " + portId + " in " + rows);
    }
}
