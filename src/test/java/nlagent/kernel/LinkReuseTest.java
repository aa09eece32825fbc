package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.netlink.LinkInfo;

/**
 * Link readings compare by content (a refresh keeps the previous reading's equal link at the same dump
 * position through that: ReusingDumpTest, UnchangedDumpsKernelTest).
 */
class LinkReuseTest {
    private static LinkInfo link(int index, String name, long rxBytes, int mtu6, byte[] token) {
        int[] v6 = new int[60];
        v6[5] = mtu6;
        return new LinkInfo(index, name, 1, 0x1043, 1500, new byte[] {2, 0, 0, 0, 0, (byte) index}, 6, "", "veth",
                new long[] {1, 2, rxBytes}, new int[33], new LinkInfo.Inet6Info(0x80000000, v6, 65535, 1000, token));
    }

    @Test
    void linksAreEqualByContentOfEveryArray() {
        LinkInfo a = link(2, "eth0", 3, 1500, new byte[16]);
        assertEquals(a, link(2, "eth0", 3, 1500, new byte[16]), "fresh arrays with the same content");
        assertEquals(a.hashCode(), link(2, "eth0", 3, 1500, new byte[16]).hashCode());
        assertNotEquals(a, link(2, "eth0", 4, 1500, new byte[16]), "a counter moved");
        assertNotEquals(a, link(2, "eth1", 3, 1500, new byte[16]), "renamed");
        assertNotEquals(a, link(2, "eth0", 3, 1280, new byte[16]), "an IPv6 setting changed");
        byte[] token = new byte[16];
        token[15] = 1;
        assertNotEquals(a, link(2, "eth0", 3, 1500, token), "the IPv6 token changed");
        assertNotEquals(a, new LinkInfo(2, "eth0", 1, 0x1043, 1500, a.hwAddress(), 6, "", "veth", a.stats64(), a.inetConf(), null),
                "IPv6 gone");
    }
}
