package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import nlagent.model.InetFamily;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;
import nlagent.time.ManualScheduler;

/**
 * A refresh for a read re-dumps netconf, addresses and routes only when something asks for it
 * (issue 11: the agent's own dumps per poll): the kernel announces their changes, which are merged
 * (netconf, routes) or flag the next refresh (addresses, links, lost notifications); what changes
 * unannounced (counters, finite lifetimes) is still read. Each step checks the value served, so a
 * skip that loses a change fails here, and the dump counters, so a refresh that dumps everything
 * again fails too.
 */
class StructureDumpTest {

    @Test
    void refreshesForReadsKeepNetconfAddressesAndRoutesUntilTheKernelAnnouncesAChange() throws Exception {
        KernelTestSupport.withManualPlane("ks", (ns, a, clock, plane) -> {
            KernelTestSupport.quietVethPair(ns, a, "s0", "s1");
            ns.exec(a, "ip", "addr", "add", "10.78.0.1/24", "dev", "s0");
            assertTrue(settle(plane, clock, a, () -> hasAddress(plane.snapshot(a), new byte[] {10, 78, 0, 1})),
                    "the new link and its address are served after their notifications");
            quiesce(plane, clock, a); // the carrier's late link notifications

            // nothing announced: a refresh for a read keeps the three, and still reads the counters
            long full0 = plane.structureDumps(a);
            long kept0 = plane.structureDumpsKept(a);
            long rx0 = link(plane.snapshot(a), "lo").stats().rxPackets();
            ns.exec(a, "ping", "-c", "3", "-i", "0.2", "-q", "127.0.0.1");
            clock.advance(5, TimeUnit.SECONDS);
            NetnsSnapshot s = KernelTestSupport.readFresh(plane, clock, a);
            assertEquals(full0, plane.structureDumps(a), "no full dump without a notification");
            assertEquals(kept0 + 1, plane.structureDumpsKept(a), "the read's refresh kept netconf, addresses, routes");
            assertTrue(link(s, "lo").stats().rxPackets() > rx0, "counters still read by a refresh that keeps the rest");

            // a route: merged from its notification, no full dump
            ns.exec(a, "ip", "route", "add", "10.79.0.0/16", "via", "10.78.0.2", "dev", "s0");
            byte[] dst = {10, 79, 0, 0};
            assertTrue(settle(plane, clock, a, () -> plane.snapshot(a).routes().stream()
                    .anyMatch(r -> r.family() == InetFamily.AF_INET && Arrays.equals(r.destination(), dst))), "route merged");
            ns.exec(a, "ip", "route", "replace", "10.79.0.0/16", "via", "10.78.0.3", "dev", "s0");
            assertTrue(settle(plane, clock, a, () -> gatewayOf(plane.snapshot(a), dst) == 3), "replaced route merged");
            // forwarding: a netconf notification, merged
            ns.sysctl(a, "net.ipv4.conf.all.forwarding", "1");
            assertTrue(settle(plane, clock, a, () -> plane.snapshot(a).ipv4Forwarding()), "netconf merged");
            Thread.sleep(300); // a late notification would show up as a full dump below
            clock.advance(5, TimeUnit.SECONDS);
            s = KernelTestSupport.readFresh(plane, clock, a);
            assertEquals(full0, plane.structureDumps(a), "routes and netconf came by notification");
            assertTrue(s.ipv4Forwarding());
            assertTrue(s.routes().stream().anyMatch(r -> Arrays.equals(r.destination(), dst)), "merged route still served");

            // a twin in front (ip route prepend): the table cannot merge it, the routes are re-dumped; once the
            // twin is deleted, the route behind it is served
            ns.exec(a, "ip", "route", "prepend", "10.79.0.0/16", "via", "10.78.0.4", "dev", "s0");
            assertTrue(settle(plane, clock, a, () -> gatewayOf(plane.snapshot(a), dst) == 4), "the twin in front served");
            assertTrue(plane.structureDumps(a) > full0, "re-dumped for the twin");
            ns.exec(a, "ip", "route", "del", "10.79.0.0/16", "via", "10.78.0.4", "dev", "s0");
            assertTrue(settle(plane, clock, a, () -> gatewayOf(plane.snapshot(a), dst) == 3), "the route behind the deleted twin served");
            quiesce(plane, clock, a);
            full0 = plane.structureDumps(a);

            // an address: its notification asks the next refresh for the full dump
            ns.exec(a, "ip", "addr", "add", "10.78.1.1/24", "dev", "s0");
            assertTrue(settle(plane, clock, a, () -> hasAddress(plane.snapshot(a), new byte[] {10, 78, 1, 1})),
                    "address served after its notification");
            assertTrue(plane.structureDumps(a) > full0, "the address notification's refresh re-dumped");

            // an address with a finite lifetime: every refresh re-dumps, since what is left of it counts down
            ns.exec(a, "ip", "-6", "addr", "add", "fd78::1/64", "dev", "s0", "valid_lft", "3000", "preferred_lft", "2000", "nodad");
            byte[] v6 = new byte[16];
            v6[0] = (byte) 0xfd;
            v6[1] = 0x78;
            v6[15] = 1;
            assertTrue(settle(plane, clock, a, () -> hasAddress(plane.snapshot(a), v6)), "finite-lifetime address served");
            quiesce(plane, clock, a);
            long full1 = plane.structureDumps(a);
            clock.advance(5, TimeUnit.SECONDS);
            KernelTestSupport.readFresh(plane, clock, a);
            assertEquals(full1 + 1, plane.structureDumps(a), "a finite lifetime: the read's refresh re-dumped");
            ns.exec(a, "ip", "-6", "addr", "del", "fd78::1/64", "dev", "s0");
            assertTrue(settle(plane, clock, a, () -> !hasAddress(plane.snapshot(a), v6)), "address removal served");
            quiesce(plane, clock, a);

            // a default route learnt with a lifetime (as from a router advertisement): re-dumped at every refresh
            ns.exec(a, "ip", "-6", "route", "add", "default", "via", "fe80::1", "dev", "s0", "expires", "3000");
            Supplier<Boolean> expiringDefault = () -> plane.snapshot(a).routes().stream()
                    .anyMatch(r -> r.family() == InetFamily.AF_INET6 && r.prefixLength() == 0 && r.expiresCentis() > 0);
            assertTrue(settle(plane, clock, a, expiringDefault), "expiring default route served");
            quiesce(plane, clock, a);
            long full3 = plane.structureDumps(a);
            clock.advance(5, TimeUnit.SECONDS);
            KernelTestSupport.readFresh(plane, clock, a);
            assertEquals(full3 + 1, plane.structureDumps(a), "an expiring default route: the read's refresh re-dumped");
            ns.exec(a, "ip", "-6", "route", "del", "default", "via", "fe80::1", "dev", "s0");
            assertTrue(settle(plane, clock, a, () -> !expiringDefault.get()), "default route removal merged");
            quiesce(plane, clock, a);

            // no notification for a long time: the full dump comes back at its maximum age
            long full2 = plane.structureDumps(a);
            long kept2 = plane.structureDumpsKept(a);
            clock.advance(5, TimeUnit.SECONDS);
            KernelTestSupport.readFresh(plane, clock, a);
            assertEquals(full2, plane.structureDumps(a), "within the maximum age: kept");
            assertEquals(kept2 + 1, plane.structureDumpsKept(a));
            clock.advance(NetnsHandle.STRUCTURE_DUMP_MAX_AGE_NANOS, TimeUnit.NANOSECONDS);
            KernelTestSupport.readFresh(plane, clock, a);
            assertEquals(full2 + 1, plane.structureDumps(a), "past the maximum age: re-dumped without a notification");

            // a nexthop object removed: the IPv4 routes that use it go with it, unannounced; its notification asks
            // for the structure dump
            ns.exec(a, "ip", "nexthop", "add", "id", "7", "via", "10.78.0.2", "dev", "s0");
            ns.exec(a, "ip", "route", "add", "10.80.0.0/16", "nhid", "7");
            byte[] viaNexthop = {10, (byte) 80, 0, 0};
            assertTrue(settle(plane, clock, a, () -> hasRoute(plane.snapshot(a), viaNexthop)), "route over a nexthop object");
            ns.exec(a, "ip", "nexthop", "del", "id", "7");
            assertTrue(settle(plane, clock, a, () -> !hasRoute(plane.snapshot(a), viaNexthop)), "route gone with its nexthop");

            // a link down: the kernel flushes its IPv4 routes without a route notification; the link's asks
            ns.exec(a, "ip", "link", "set", "s0", "down");
            assertTrue(settle(plane, clock, a, () -> !hasRoute(plane.snapshot(a), dst)), "routes over a link that went down gone");

            // a link gone: its notification asks for the full dump, and its routes and addresses go with it
            ns.exec(a, "ip", "link", "del", "s0");
            assertTrue(settle(plane, clock, a, () -> plane.snapshot(a).interfaces().stream().noneMatch(i -> i.name().equals("s0"))
                    && !hasAddress(plane.snapshot(a), new byte[] {10, 78, 0, 1})
                    && plane.snapshot(a).routes().stream().noneMatch(r -> Arrays.equals(r.destination(), dst))),
                    "link, its addresses and its routes gone");
            assertArrayEquals(new String[] {"lo"}, plane.snapshot(a).interfaces().stream().map(InterfaceSnapshot::name).toArray());
        });
    }

    /**
     * The minute's structure dump reads the links through the light dumps (the full link dump costs the
     * kernel K² steps in a host's namespace of K pods); the links come in full every ten minutes, and that
     * bounds the change the kernel does not announce: an alias set on an interface that is down.
     */
    @Test
    void theMinutesStructureDumpKeepsTheLinksAndTheFullLinkDumpComesEveryTenMinutes() throws Exception {
        KernelTestSupport.withManualPlane("kl", (ns, a, clock, plane) -> {
            KernelTestSupport.quietVethPair(ns, a, "l0", "l1");
            ns.exec(a, "ip", "link", "set", "l1", "down");
            assertTrue(settle(plane, clock, a, () -> plane.snapshot(a).interfaces().stream()
                    .anyMatch(i -> i.name().equals("l1") && !i.isUp())), "the link that went down served");
            quiesce(plane, clock, a);

            // an alias on a link that is down: the kernel sends no notification
            ns.exec(a, "ip", "link", "set", "l1", "alias", "nlagent-unannounced");
            KernelTestSupport.awaitQuiet(plane, clock, a);
            long structure0 = plane.structureDumps(a);
            long links0 = plane.fullLinkDumps(a);
            clock.advance(NetnsHandle.STRUCTURE_DUMP_MAX_AGE_NANOS, TimeUnit.NANOSECONDS);
            NetnsSnapshot s = KernelTestSupport.readFresh(plane, clock, a);
            assertTrue(plane.structureDumps(a) > structure0, "the minute's structure dump");
            assertEquals(links0, plane.fullLinkDumps(a), "the minute's structure dump read the links through the light dumps");
            // the documented limitation (README, compatibility): a kernel that announced the alias would end it
            assertEquals("", link(s, "l1").alias(), "the unannounced alias is not read by the light dumps");

            clock.advance(NetnsHandle.LINK_DUMP_MAX_AGE_NANOS, TimeUnit.NANOSECONDS);
            s = KernelTestSupport.readFresh(plane, clock, a);
            assertTrue(plane.fullLinkDumps(a) > links0, "the links dumped in full at their maximum age");
            assertEquals("nlagent-unannounced", link(s, "l1").alias(), "the unannounced alias served after the full link dump");

            // after another minute's structure dump of the light kind, an announced link change is still read in full
            long links1 = plane.fullLinkDumps(a);
            clock.advance(NetnsHandle.STRUCTURE_DUMP_MAX_AGE_NANOS, TimeUnit.NANOSECONDS);
            KernelTestSupport.readFresh(plane, clock, a);
            assertEquals(links1, plane.fullLinkDumps(a), "the minute's structure dump, the links through the light dumps");
            ns.exec(a, "ip", "link", "set", "l0", "alias", "nlagent-announced");
            assertTrue(settle(plane, clock, a, () -> link(plane.snapshot(a), "l0").alias().equals("nlagent-announced")),
                    "an alias on a link that is up: its notification's refresh dumps the links in full");
            assertTrue(plane.fullLinkDumps(a) > links1);
        });
    }

    /**
     * The standalone warm-up's expiries ({@link KernelDataPlane#expire}) take every kind of refresh a poll can
     * meet, each as often as the turn says: a branch no warm-up refresh takes is compiled as an uncommon trap,
     * and the first poll that takes it throws the compiled refresh away (bench/README.md, sixteenth round).
     */
    @Test
    void theWarmUpsExpiriesTakeEveryKindOfRefresh() throws Exception {
        KernelTestSupport.withManualPlane("kw", (ns, a, clock, plane) -> {
            KernelTestSupport.quietVethPair(ns, a, "w0", "w1");
            quiesce(plane, clock, a);
            int kept = 0;
            int structure = 0;
            int full = 0;
            for (int i = 0; i < KernelDataPlane.EXPIRY_KINDS; i++) {
                long kept0 = plane.structureDumpsKept(a);
                long structure0 = plane.structureDumps(a);
                long links0 = plane.fullLinkDumps(a);
                plane.expire(a);
                NetnsSnapshot s = KernelTestSupport.readFresh(plane, clock, a);
                assertEquals(3, s.interfaces().size(), "lo and the pair served after every kind");
                long keptNow = plane.structureDumpsKept(a) - kept0;
                long structureNow = plane.structureDumps(a) - structure0;
                long linksNow = plane.fullLinkDumps(a) - links0;
                assertEquals(1, keptNow + structureNow, "one refresh per expiry and read (" + i + ")");
                if (keptNow == 1) {
                    assertEquals(0, linksNow, "a kept refresh reads the links through the light dumps");
                    kept++;
                } else if (linksNow == 0) {
                    structure++;
                } else {
                    full++;
                }
            }
            assertEquals(2, kept, "kept refreshes");
            assertEquals(2, structure, "the minute's structure dumps, the links through the light dumps");
            assertEquals(3, full, "structure dumps with the links in full");
        });
    }

    /**
     * Lets late notifications (the carrier comes up through the kernel's linkwatch, up to a second
     * later) arrive and their refreshes run: returns once 600 ms passed without a full dump; then
     * one refresh for a read, which is a full one if the last route dump overlapped route
     * notifications (the next refresh re-dumps after a dump that raced changes).
     */
    private static void quiesce(KernelDataPlane plane, ManualScheduler clock, String context) throws InterruptedException {
        KernelTestSupport.awaitQuiet(plane, clock, context);
        clock.advance(5, TimeUnit.SECONDS);
        KernelTestSupport.readFresh(plane, clock, context);
    }

    /** Runs the manual clock in 100 ms steps (notification batches, republishes) until {@code served}, for at most 5 s. */
    private static boolean settle(KernelDataPlane plane, ManualScheduler clock, String context, Supplier<Boolean> served) {
        return KernelTestSupport.await(5_000, () -> {
            clock.advance(100, TimeUnit.MILLISECONDS);
            return plane.snapshot(context) != null && served.get();
        }) >= 0;
    }

    /** The last byte of the first next hop's gateway of the IPv4 route to {@code destination}; -1 if none. */
    private static int gatewayOf(NetnsSnapshot s, byte[] destination) {
        return s.routes().stream().filter(r -> r.family() == InetFamily.AF_INET && Arrays.equals(r.destination(), destination))
                .map(r -> r.nextHops().get(0).gateway()).filter(g -> g != null).mapToInt(g -> g[3] & 0xff).findFirst().orElse(-1);
    }

    private static boolean hasRoute(NetnsSnapshot s, byte[] destination) {
        return s.routes().stream().anyMatch(r -> Arrays.equals(r.destination(), destination));
    }

    private static boolean hasAddress(NetnsSnapshot s, byte[] address) {
        return s.addresses().stream().anyMatch(e -> Arrays.equals(e.address(), address));
    }

    private static InterfaceSnapshot link(NetnsSnapshot s, String name) {
        return s.interfaces().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }
}
