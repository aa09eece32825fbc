package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.sys.Native;
import nlagent.testing.Preconditions;
import nlagent.testing.ProcSysOracle;

/** The socket and dump loop against the running kernel (root namespace, read-only). */
class NlSocketKernelTest {

    static <T> NlSocket.DumpCollector<List<T>> collect(java.util.function.Function<NlMessage, T> decode) {
        return NlSocket.DumpCollector.toList(decode);
    }

    @Test
    void dumpsLinksNeighTablesAndNetconfMatchingProcSys() throws Exception {
        Preconditions.skipUnless(Files.isDirectory(Path.of("/proc/sys/net/ipv4")), "needs /proc/sys/net (Linux)");
        NetlinkCounters c = new NetlinkCounters();
        try (NlSocket s = NlSocket.openDump(c)) {
            List<LinkInfo> links = s.dump(DumpRequest.links(), () -> collect(LinkMessage::decode));
            LinkInfo lo = links.stream().filter(l -> l.name().equals("lo")).findFirst().orElseThrow();
            assertEquals(772, lo.arphrdType(), "ARPHRD_LOOPBACK");
            assertNotNull(lo.inetConf());
            assertTrue(lo.stats64().length >= 23);
            // every link the kernel lists in /sys/class/net is in the dump
            try (var names = Files.list(Path.of("/sys/class/net"))) {
                List<String> dumped = links.stream().map(LinkInfo::name).toList();
                names.forEach(p -> assertTrue(dumped.contains(p.getFileName().toString()), "missing " + p));
            }

            List<NeighParms> parms = s.dump(DumpRequest.neighTables(), () -> collect(NeighTableMessage::decode));
            NeighParms lo4 = parms.stream().filter(p -> p.family() == Native.AF_INET && p.ifIndex() == lo.ifIndex())
                    .findFirst().orElseThrow();
            assertEquals(ProcSysOracle.readLong("/proc/sys/net/ipv4/neigh/lo/retrans_time_ms"),
                    lo4.retransTimeMs(), "arp_cache lo retrans: " + lo4);

            List<NetconfEntry> nc = s.dump(DumpRequest.netconf(), () -> collect(NetconfMessage::decode));
            NetconfEntry all4 = nc.stream().filter(e -> e.family() == Native.AF_INET
                    && e.ifIndex() == Rtnl.NETCONFA_IFINDEX_ALL).findFirst().orElseThrow();
            assertEquals((int) ProcSysOracle.readLong("/proc/sys/net/ipv4/conf/all/forwarding"),
                    all4.value(Rtnl.NETCONFA_FORWARDING, -1));
            assertTrue(nc.stream().anyMatch(e -> e.family() == Native.AF_INET6 && e.ifIndex() == Rtnl.NETCONFA_IFINDEX_DEFAULT));
            assertTrue(s.netnsCookie() != 0, "SO_NETNS_COOKIE on kernel >= 5.14");
        }
        assertEquals(3, c.dumps.sum());
        assertTrue(c.dumpBytes.sum() > 0);
        assertEquals(0, c.errors.sum());
    }

    @Test
    void refusedRequestCarriesErrnoAndExtendedAckText() throws Exception {
        NetlinkCounters c = new NetlinkCounters();
        try (NlSocket s = NlSocket.openDump(c)) {
            // strict checking refuses attributes after a netconf dump header
            DumpRequest bad = new DumpRequest(Rtnl.RTM_GETNETCONF, Native.AF_INET6, Rtnl.NETCONFMSG_LEN, 0);
            NetlinkException e = assertThrows(NetlinkException.class, () -> s.dump(bad, () -> collect(NetconfMessage::decode)));
            assertEquals(Native.EINVAL, e.errno());
            assertFalse(e.extAck().isEmpty(), "extended ACK text expected: " + e.getMessage());
            // the socket is still usable afterwards
            assertFalse(s.dump(DumpRequest.netconf(), () -> collect(NetconfMessage::decode)).isEmpty());
        }
        assertEquals(1, c.errors.sum());
    }

    @Test
    void closedSocketRefusesWork() {
        NlSocket s;
        try {
            s = NlSocket.openDump(new NetlinkCounters());
        } catch (NetlinkException e) {
            throw new AssertionError(e);
        }
        s.close();
        s.close(); // idempotent
        assertEquals(-1, s.fd());
        assertThrows(NetlinkException.class, () -> s.dump(DumpRequest.links(), () -> collect(LinkMessage::decode)));
    }
}
