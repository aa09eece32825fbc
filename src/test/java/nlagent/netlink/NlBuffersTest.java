package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Sockets own no receive buffer: direct memory does not grow with the number of sockets (two per
 * namespace, thousands of namespaces), and a buffer too small for a datagram still grows.
 */
class NlBuffersTest {
    private static final int SOCKETS = 400;

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    @Test
    void manySocketsHoldNoReceiveBuffers() throws Exception {
        NetlinkCounters c = new NetlinkCounters();
        List<NlSocket> sockets = new ArrayList<>();
        NlBuffers.ofCurrentThread(); // the thread's own buffers exist before the baseline
        long before = directBytes();
        try {
            for (int i = 0; i < SOCKETS / 2; i++) {
                sockets.add(NlSocket.openDump(c));
                sockets.add(NlSocket.openListener(c, 4096, Rtnl.RTNLGRP_LINK));
            }
            for (int i = 0; i < sockets.size(); i += 2) { // every dump socket used once
                sockets.get(i).dump(DumpRequest.netconf(), () -> NlSocket.DumpCollector.toList(NetconfMessage::decode));
            }
            long grown = directBytes() - before;
            // a 64 KiB buffer per socket would be 25 MiB; setsockopt scratch buffers are a few bytes each
            assertTrue(grown < 256 * 1024, SOCKETS + " sockets added " + grown + " bytes of direct memory");
        } finally {
            sockets.forEach(NlSocket::close);
        }
        assertEquals(SOCKETS / 2, c.dumps.sum());
    }

    @Test
    void tooSmallReceiveBufferGrowsAndTheDumpIsComplete() throws Exception {
        NetlinkCounters c = new NetlinkCounters();
        NlBuffers small = new NlBuffers(512); // below NLMSG_GOODSIZE: the first datagram is truncated
        try (NlSocket s = NlSocket.openDump(c)) {
            List<LinkInfo> links = s.dump(DumpRequest.links(), () -> NlSocket.DumpCollector.toList(LinkMessage::decode), small);
            assertTrue(small.rxCapacity() > 512, "grown to " + small.rxCapacity());
            assertTrue(links.stream().anyMatch(l -> l.name().equals("lo")), "the retried dump is whole");
            List<LinkInfo> again = s.dump(DumpRequest.links(), () -> NlSocket.DumpCollector.toList(LinkMessage::decode), small);
            assertTrue(again.stream().anyMatch(l -> l.name().equals("lo")));
        }
        assertTrue(c.resyncs.sum() >= 1, "the truncated attempt was restarted");
        assertEquals(0, c.errors.sum());
    }
}
