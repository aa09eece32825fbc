package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.IpCounters;
import nlagent.model.IpStat;
import nlagent.model.NetnsSnapshot;
import nlagent.netlink.LinkInfo;
import nlagent.netlink.Rtnl;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;
import nlagent.time.ManualScheduler;

/**
 * Between structure dumps a refresh reads the links' counters (RTM_GETSTATS) and IPv6 blocks (the
 * AF_INET6 link dump) instead of the full link dump ({@link LinkCountersMerge}), on the real kernel:
 * what moves without a notification (packet counters, IPv6 statistics, a per-device IPv6 setting)
 * reaches such a refresh; the links it serves equal, value by value, what a full link dump reads at
 * the same moment; a link that appears without its notification having been handled makes the refresh
 * dump everything; and a structural change (an MTU) is read by the full dump its notification asks for.
 */
class LinkCountersKernelTest {

    private static InterfaceSnapshot row(NetnsSnapshot s, String name) {
        return s.interfaces().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    private static LinkInfo link(List<LinkInfo> links, String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    private static long ipv6InReceives(NetnsSnapshot s, String name) {
        IpCounters c = s.ipStatistics().ipv6Interfaces().get(row(s, name).ifIndex());
        assertNotNull(c, name + " has IPv6 counters");
        return c.get(IpStat.IN_RECEIVES);
    }

    @Test
    void keptRefreshesReadCountersAndIpv6BlocksAndEqualAFullDump() throws Exception {
        Preconditions.assumeRoot();
        try (KernelTestSupport.VethNamespace v = new KernelTestSupport.VethNamespace("lc")) {
            TestNamespaces ns = v.ns;
            String a = v.name;
            ManualScheduler clock = v.clock;
            KernelCounters counters = v.counters;
            NetnsHandle h = v.handle;
            NetnsSnapshot first = h.refresh(clock, s -> { });
            assertEquals(1, h.structureDumps(), "the first refresh dumps everything");

            // nothing changed: two light dumps, the very link objects and rows
            long dumps = counters.netlink.dumps.sum();
            NetnsSnapshot kept = h.refresh(clock, s -> { });
            assertEquals(1, h.structureDumps());
            assertEquals(1, h.structureDumpsKept());
            assertEquals(dumps + 2, counters.netlink.dumps.sum(), "counters and IPv6 blocks: two dumps");
            KernelReading r1 = h.assembledFrom();
            assertEquals(3, r1.links().size(), "lo, d1, d2");
            for (int i = 0; i < first.interfaces().size(); i++) {
                assertSame(first.interfaces().get(i), kept.interfaces().get(i), "row " + i + " served as it was");
            }

            // traffic on lo, IPv4 and IPv6: its counters and its IPv6 statistics reach a kept refresh
            long rx = row(kept, "lo").stats().rxPackets();
            long in6 = ipv6InReceives(kept, "lo");
            ns.exec(a, "ping", "-c", "2", "-i", "0.2", "-q", "127.0.0.1");
            ns.exec(a, "ping", "-6", "-c", "2", "-i", "0.2", "-q", "::1");
            NetnsSnapshot traffic = h.refresh(clock, s -> { });
            assertEquals(1, h.structureDumps(), "no structure dump for counters");
            assertTrue(row(traffic, "lo").stats().rxPackets() >= rx + 8, "lo's packet counters moved");
            assertTrue(ipv6InReceives(traffic, "lo") >= in6 + 4, "lo's IPv6 statistics moved");
            assertSame(link(r1.links(), "d1"), link(h.assembledFrom().links(), "d1"), "an unchanged link stays the same object");

            // a per-device IPv6 setting changes without a notification: in the IPv6 block of a kept refresh
            int hop = link(r1.links(), "d1").inet6().conf()[Rtnl.DEVCONF_HOPLIMIT];
            ns.sysctl(a, "net.ipv6.conf.d1.hop_limit", String.valueOf(hop == 33 ? 34 : 33));
            NetnsSnapshot setting = h.refresh(clock, s -> { });
            assertEquals(1, h.structureDumps());
            assertEquals(hop == 33 ? 34 : 33, row(setting, "d1").ipv6().devconf()[Rtnl.DEVCONF_HOPLIMIT], "the new hop limit read");

            // what a kept refresh read equals what a full link dump reads (nothing moves in between: d1, d2
            // down, no traffic)
            h.refresh(clock, s -> { });
            List<LinkInfo> merged = h.assembledFrom().links();
            long structure = h.structureDumps();
            h.forgetPreviousDumps();
            NetnsSnapshot full = h.refresh(clock, s -> { });
            assertEquals(structure + 1, h.structureDumps(), "forgetting the previous dumps dumps everything");
            assertEquals(merged, h.assembledFrom().links(), "a kept refresh's links equal the full dump's, value by value");
            assertEquals(setting.ipStatistics().ipv6Interfaces().keySet(), full.ipStatistics().ipv6Interfaces().keySet());

            // a link the refresh finds before its notification was handled: everything dumped
            ns.exec(a, "ip", "link", "add", "d3", "type", "veth", "peer", "name", "d4");
            long before = h.structureDumps();
            NetnsSnapshot grown = h.refresh(clock, s -> { });
            assertEquals(before + 1, h.structureDumps(), "a new link: the links and the rest dumped in full");
            assertEquals(5, grown.interfaces().size());
            assertEquals("d3", row(grown, "d3").name());

            // a structural change is read by the full dump its notification asks for (played here)
            ns.exec(a, "ip", "link", "set", "d1", "mtu", "1400");
            h.requestStructureDump();
            NetnsSnapshot mtu = h.refresh(clock, s -> { });
            assertEquals(1400, row(mtu, "d1").mtu());
            assertEquals(1500, row(mtu, "d2").mtu());

            // and before its notification was handled (none played): an IPv6 device's fields in the AF_INET6 dump
            // differ from the kept link's, so the refresh dumps the links in full
            h.refresh(clock, s -> { });
            long full0 = counters.linksDecoded.sum();
            ns.exec(a, "ip", "link", "set", "d2", "mtu", "1300");
            NetnsSnapshot early = h.refresh(clock, s -> { });
            assertEquals(1300, row(early, "d2").mtu(), "the new MTU served before any notification");
            assertTrue(counters.linksDecoded.sum() > full0);
            ns.exec(a, "ip", "link", "set", "d2", "alias", "uplink");
            ns.exec(a, "ip", "link", "set", "d2", "up");
            NetnsSnapshot up = h.refresh(clock, s -> { });
            assertTrue((row(up, "d2").flags() & 1) != 0, "IFF_UP served before any notification");
            assertEquals("uplink", row(up, "d2").alias(), "and the alias with it (the full dump)");
            assertEquals(0, counters.linkStatsFallbacks.sum(), "the light dumps never failed on this kernel");
        }
    }
}
