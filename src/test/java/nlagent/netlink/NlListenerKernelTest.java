package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.testing.Processes;
import nlagent.testing.TestNamespaces;

/** Notification sockets: messages arrive for our own link changes; a tiny queue reports ENOBUFS. */
class NlListenerKernelTest {

    private static final class Recorder implements NlSocket.NotificationHandler {
        final List<String> names = new ArrayList<>();
        int overruns;

        @Override
        public void message(NlMessage m) {
            if (m.type() == Rtnl.RTM_NEWLINK && LinkMessage.family(m) == 0) {
                names.add(LinkMessage.decode(m).name());
            }
        }

        @Override
        public void overrun() {
            overruns++;
        }
    }

    @Test
    void linkNotificationsArriveAndOverflowIsReported() throws Exception {
        try (TestNamespaces ns = new TestNamespaces("kn")) {
            String host = ns.linkName("a");
            String peer = ns.linkName("b");
            ns.addVeth(host, null, peer);
            NetlinkCounters c = new NetlinkCounters();
            try (NlSocket roomy = NlSocket.openListener(c, 1 << 20, Rtnl.RTNLGRP_LINK);
                 NlSocket tiny = NlSocket.openListener(c, 1, Rtnl.RTNLGRP_LINK)) { // the kernel's minimum queue
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < 50; i++) {
                    batch.append("link set ").append(host).append(" mtu ").append(1300 + i).append('\n');
                }
                java.nio.file.Path f = java.nio.file.Files.createTempFile("nlk", ".batch");
                try {
                    java.nio.file.Files.writeString(f, batch);
                    Processes.check("ip", "-batch", f.toString());
                } finally {
                    java.nio.file.Files.deleteIfExists(f);
                }
                Recorder r = new Recorder();
                roomy.receiveAvailable(r, new NlBuffers());
                assertTrue(r.names.stream().filter(host::equals).count() >= 50, "all 50 MTU changes seen: " + r.names.size());
                assertEquals(0, r.overruns);
                // drained: the next drain ends on EAGAIN (returned, not thrown) with no overrun; it may still read a
                // link change the kernel or the host made meanwhile, so the count is not asserted
                Recorder again = new Recorder();
                roomy.receiveAvailable(again, new NlBuffers());
                assertEquals(0, again.overruns);

                Recorder t = new Recorder();
                tiny.receiveAvailable(t, new NlBuffers());
                assertTrue(t.overruns >= 1, "a full queue must surface as ENOBUFS, got " + t.names.size() + " messages");
                assertTrue(c.resyncs.sum() >= 1);
            }
        }
    }
}
