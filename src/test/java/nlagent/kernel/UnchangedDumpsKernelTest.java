package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;
import nlagent.model.RouteEntry;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;

/**
 * A refresh decodes only the dump messages that changed since the previous refresh ({@link ReusingDump})
 * and still sees every change the kernel makes: on the real kernel, in a test
 * namespace, a refresh of an unchanged namespace decodes no link and serves the previous rows as they
 * are, and keeps its neighbour-table, netconf and link-local tables (also when polled, which dumps the
 * neighbour tables again); then an MTU change, an address added and removed, a route added and removed,
 * an ARP parameter, a forwarding flag, an IPv6 link-local address added and removed, and traffic on lo
 * each reach the next refresh's snapshot.
 */
class UnchangedDumpsKernelTest {

    private static InterfaceSnapshot row(NetnsSnapshot s, String name) {
        return s.interfaces().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    private static boolean hasRoute(NetnsSnapshot s, byte[] destination, int prefixLength) {
        for (RouteEntry r : s.routes()) {
            if (r.prefixLength() == prefixLength && java.util.Arrays.equals(r.destination(), destination)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void unchangedMessagesAreNotDecodedAndEveryChangeIsStillSeen() throws Exception {
        Preconditions.assumeRoot();
        try (KernelTestSupport.VethNamespace v = new KernelTestSupport.VethNamespace("ud")) {
            TestNamespaces ns = v.ns;
            String a = v.name;
            NetnsHandle h = v.handle;
            NetnsSnapshot first = h.refresh(v.clock, s -> { });
            int links = first.interfaces().size();
            assertEquals(3, links, "lo, d1, d2");
            assertEquals(links, v.counters.linksDecoded.sum(), "the first refresh decodes every link");

            // nothing announced: netconf, addresses and routes kept as they are (NetnsHandle#structureDumpDue)
            long dumps = v.counters.netlink.dumps.sum();
            NetnsSnapshot kept = h.refresh(v.clock, s -> { });
            assertEquals(1, h.structureDumpsKept());
            assertEquals(dumps + 2, v.counters.netlink.dumps.sum(),
                    "an unread namespace's kept refresh dumps its links' v.counters and IPv6 blocks only (LinkCountersMerge)");
            assertSame(first.routes(), kept.routes(), "routes kept");
            assertSame(first.addresses(), kept.addresses(), "addresses kept");

            // a structure dump that reads what it read before: the same objects (ReusingDump)
            h.requestStructureDump();
            long decodedKept = v.counters.linksDecoded.sum();
            NetnsSnapshot same = h.refresh(v.clock, s -> { });
            assertEquals(2, h.structureDumps(), "the first refresh's and this one");
            assertEquals(decodedKept, v.counters.linksDecoded.sum(), "nothing changed: no link decoded");
            for (int i = 0; i < links; i++) {
                assertSame(first.interfaces().get(i), same.interfaces().get(i), "row " + i + " served as it was");
            }
            assertSame(first.routes(), same.routes(), "unchanged route dumps: the route list as it was");
            h.markRead(); // polled: the first read dumps the neighbour tables (an unread namespace has none) ...
            h.requestStructureDump();
            h.refresh(v.clock, s -> { });
            KernelReading r1 = h.assembledFrom();
            assertTrue(!r1.neigh().isEmpty(), "the first read's refresh dumped the neighbour tables");
            h.markRead(); // ... and the next read dumps them again, and reads the same
            h.requestStructureDump();
            NetnsSnapshot read = h.refresh(v.clock, s -> { });
            KernelReading r2 = h.assembledFrom();
            assertNotSame(r1, r2);
            assertSame(r1.neigh(), r2.neigh(), "neighbour tables dumped twice, unchanged: the same table");
            assertSame(r1.netconf(), r2.netconf(), "netconf unchanged: the same table");
            assertSame(r1.linkLocal(), r2.linkLocal(), "addresses unchanged: the same link-local table");
            for (int i = 0; i < links; i++) {
                assertSame(r1.links().get(i), r2.links().get(i), "link " + i + " taken over");
            }

            // the warm-up's other kind of refresh pass: everything read as new, the same result
            h.forgetPreviousDumps();
            long decodedBefore = v.counters.linksDecoded.sum();
            NetnsSnapshot full = h.refresh(v.clock, s -> { });
            assertEquals(links, v.counters.linksDecoded.sum() - decodedBefore, "after forgetting, every link decoded again");
            assertEquals(read.interfaces(), full.interfaces(), "the same rows read");
            assertNotSame(r2.netconf(), h.assembledFrom().netconf(), "the netconf table built again");

            ns.exec(a, "ip", "link", "set", "d1", "mtu", "1400");
            h.requestStructureDump(); // its RTM_NEWLINK notification, played (see below)
            long beforeMtu = v.counters.linksDecoded.sum();
            NetnsSnapshot mtu = h.refresh(v.clock, s -> { });
            long decoded = v.counters.linksDecoded.sum() - beforeMtu;
            assertTrue(decoded >= 1 && decoded < links, "only the changed link is decoded again: " + decoded);
            assertEquals(1400, row(mtu, "d1").mtu());
            assertEquals(1500, row(mtu, "d2").mtu());
            assertSame(full.interfaces().get(0), mtu.interfaces().get(0), "lo unchanged");

            // no notification poller here: each change's notification is played by requestStructureDump,
            // as KernelDataPlane does for an address or link notification (routes merged from theirs)
            ns.exec(a, "ip", "address", "add", "192.0.2.7/24", "dev", "d1");
            h.requestStructureDump();
            NetnsSnapshot added = h.refresh(v.clock, s -> { });
            assertTrue(added.addresses().stream().anyMatch(e -> e.address().length == 4 && (e.address()[3] & 0xff) == 7),
                    "the new address is served");
            ns.exec(a, "ip", "address", "del", "192.0.2.7/24", "dev", "d1");
            h.requestStructureDump();
            NetnsSnapshot removed = h.refresh(v.clock, s -> { });
            assertFalse(removed.addresses().stream().anyMatch(e -> e.address().length == 4 && (e.address()[3] & 0xff) == 7),
                    "the removed address is gone");

            byte[] net = {(byte) 198, 51, 100, 0};
            ns.exec(a, "ip", "link", "set", "d1", "up");
            ns.exec(a, "ip", "route", "add", "198.51.100.0/24", "dev", "d1");
            h.requestStructureDump();
            NetnsSnapshot routed = h.refresh(v.clock, s -> { });
            assertTrue(hasRoute(routed, net, 24), "the new route is served");
            NetnsSnapshot again = h.refresh(v.clock, s -> { });
            assertTrue(hasRoute(again, net, 24), "and still served when nothing changed");
            ns.exec(a, "ip", "route", "del", "198.51.100.0/24", "dev", "d1");
            h.requestStructureDump();
            NetnsSnapshot unrouted = h.refresh(v.clock, s -> { });
            assertFalse(hasRoute(unrouted, net, 24), "the removed route is gone");
            assertNotSame(again.routes(), unrouted.routes());

            h.markRead(); // a polled namespace re-dumps its neighbour tables
            h.refresh(v.clock, s -> { });
            long was = row(unrouted, "d2").ipv4().retransTimeMs();
            ns.sysctl(a, "net.ipv4.neigh.d2.retrans_time_ms", String.valueOf(was + 2000));
            long expected = Long.parseLong(ns.exec(a, "sysctl", "-n", "net.ipv4.neigh.d2.retrans_time_ms").trim()); // in jiffies
            h.markRead();
            NetnsSnapshot arp = h.refresh(v.clock, s -> { });
            assertEquals(expected, row(arp, "d2").ipv4().retransTimeMs(), "the changed ARP parameter is served");

            ns.sysctl(a, "net.ipv4.conf.d2.forwarding", "1");
            h.requestStructureDump(); // the data plane merges the netconf notification instead; here the dump reads it
            NetnsSnapshot forwarding = h.refresh(v.clock, s -> { });
            assertTrue(row(forwarding, "d2").ipv4().forwarding(), "a netconf change seen by the next refresh's dump");
            assertFalse(row(forwarding, "d1").ipv4().forwarding());

            ns.exec(a, "ip", "address", "add", "fe80::1234/64", "dev", "d2");
            h.requestStructureDump();
            NetnsSnapshot linkLocal = h.refresh(v.clock, s -> { });
            byte[] ll = row(linkLocal, "d2").ipv6().linkLocalAddress();
            assertTrue(ll.length == 16 && (ll[14] & 0xff) == 0x12 && (ll[15] & 0xff) == 0x34, "the link-local address reaches the row");
            ns.exec(a, "ip", "address", "del", "fe80::1234/64", "dev", "d2");
            h.requestStructureDump();
            NetnsSnapshot noLinkLocal = h.refresh(v.clock, s -> { });
            assertEquals(0, row(noLinkLocal, "d2").ipv6().linkLocalAddress().length, "and leaves it with the address");

            long rxBefore = row(arp, "lo").stats().rxPackets();
            ns.exec(a, "ping", "-c", "2", "-i", "0.2", "-q", "127.0.0.1");
            NetnsSnapshot traffic = h.refresh(v.clock, s -> { });
            assertTrue(row(traffic, "lo").stats().rxPackets() >= rxBefore + 4, "lo's v.counters moved with the traffic");
        }
    }
}
