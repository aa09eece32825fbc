package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import nlagent.model.NetnsSnapshot;
import nlagent.netlink.Netlink;
import nlagent.netlink.NlAttr;
import nlagent.netlink.NlMessageBuilder;
import nlagent.netlink.NlStruct;
import nlagent.netlink.Rtnl;
import nlagent.sys.Native;
import nlagent.testing.TestNamespaces;
import nlagent.time.ManualScheduler;

/**
 * Our netlink sockets live inside container namespaces, where any process can send to their port
 * ids. Forged RTM_NEWLINK / NLMSG_DONE (to the dump socket, with our port id and the next sequence
 * number) and RTM_NEWNETCONF (to the notification socket) from a user-space socket in the
 * namespace change nothing and are counted.
 */
class NetlinkForgeryTest {

    @Test
    void forgedRepliesAndNotificationsFromUserSpaceChangeNothingAndAreCounted() throws Exception {
        try (TestNamespaces ns = new TestNamespaces("kz");
             NetnsSwitcher switcher = new NetnsSwitcher()) {
            String a = ns.addNamespace("a");
            ManualScheduler clock = new ManualScheduler();
            try (KernelDataPlane plane = KernelTestSupport.startManual(ns, clock)) {
                NetnsSnapshot before = plane.snapshot(a);
                assertFalse(before.ipv4Forwarding());
                NetnsHandle h = plane.handle(a);
                int forger = switcher.call(Path.of("/run/netns", a), () -> {
                    int fd = Native.libc().socket(Native.AF_NETLINK, Native.SOCK_RAW | Native.SOCK_CLOEXEC, Netlink.NETLINK_ROUTE);
                    assertTrue(fd >= 0, "netlink socket in the test namespace");
                    return fd;
                });
                try {
                    // to the dump socket: a link that does not exist, then the end of the dump
                    int port = h.dumpSocket().portId();
                    int seq = h.dumpSocket().lastSequence() + 1;
                    ByteBuffer d = buffer();
                    forgedLink(d, seq, port);
                    new NlMessageBuilder(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, seq, port)
                            .add(NlStruct.builder().i32(0).build()).writeTo(d);
                    send(forger, d, port);
                    long rejectedBefore = plane.stats().netlinkRejected();
                    NetnsSnapshot s = plane.refresh(a);
                    assertTrue(s.interfaces().stream().noneMatch(i -> i.name().equals("forged0")), "forged link served");
                    assertTrue(s.interfaces().stream().anyMatch(i -> i.name().equals("lo")), "the real dump was read to its end");
                    assertTrue(plane.stats().netlinkRejected() >= rejectedBefore + 2, "both forged messages counted");

                    // to the notification socket: IPv4 forwarding on for "all"
                    int listener = h.listener().portId();
                    ByteBuffer n = buffer();
                    new NlMessageBuilder(Rtnl.RTM_NEWNETCONF, 0, 0, 0)
                            .add(NlStruct.familyHeader(Native.AF_INET, Rtnl.NETCONFMSG_LEN))
                            .add(NlAttr.i32(Rtnl.NETCONFA_IFINDEX, Rtnl.NETCONFA_IFINDEX_ALL))
                            .add(NlAttr.i32(Rtnl.NETCONFA_FORWARDING, 1)).writeTo(n);
                    forgedLink(n, 0, 0);
                    long rejectedMid = plane.stats().netlinkRejected();
                    send(forger, n, listener);
                    // a real change after the forged one: once it is seen, the poller has read past the forgery
                    ns.sysctl(a, "net.ipv6.conf.all.forwarding", "1");
                    assertTrue(KernelTestSupport.await(5_000, () -> plane.snapshot(a).ipv6Forwarding()) >= 0,
                            "the real notification arrives");
                    assertFalse(plane.snapshot(a).ipv4Forwarding(), "forged netconf notification applied");
                    assertTrue(plane.stats().netlinkRejected() >= rejectedMid + 2, "forged notifications counted");
                    assertEquals(0, plane.stats().netlinkErrors());
                } finally {
                    Native.libc().close(forger);
                }
            }
        }
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.allocateDirect(512).order(ByteOrder.nativeOrder());
    }

    /** RTM_NEWLINK for ifindex 4242 named forged0, appended at the buffer's position. */
    private static void forgedLink(ByteBuffer b, int seq, int port) {
        new NlMessageBuilder(Rtnl.RTM_NEWLINK, Netlink.NLM_F_MULTI, seq, port)
                .add(NlStruct.builder().u8(0).u8(0).u16(1).i32(4242).i32(1).i32(0).build()) // ifinfomsg: ARPHRD_ETHER, up
                .add(NlAttr.string(Rtnl.IFLA_IFNAME, "forged0")).writeTo(b);
    }

    private static void send(int fd, ByteBuffer msg, int toPort) {
        int len = msg.position();
        msg.position(0);
        ByteBuffer addr = ByteBuffer.allocateDirect(Netlink.SOCKADDR_NL_LEN).order(ByteOrder.nativeOrder());
        addr.putShort(0, (short) Native.AF_NETLINK).putInt(4, toPort).putInt(8, 0);
        long rc = Native.libc().sendto(fd, msg, len, 0, addr, Netlink.SOCKADDR_NL_LEN);
        assertEquals(len, rc, "sendto errno " + Native.errno());
    }
}
