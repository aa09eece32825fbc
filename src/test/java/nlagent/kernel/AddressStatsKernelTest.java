package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nlagent.model.IpAddressEntry;
import nlagent.model.IpStat;
import nlagent.model.NetnsSnapshot;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;
import nlagent.time.ExecutorScheduler;
import nlagent.time.Ticker;

/**
 * Addresses and IP statistics per namespace from the real kernel: each namespace's snapshot holds
 * its own addresses and its own /proc/net counters (read through fds opened inside it), and address
 * changes arrive by notification within a second (the periodic refresh is a minute away).
 */
class AddressStatsKernelTest {
    private static final long NO_SCHEDULE_MS = 60_000;
    private TestNamespaces ns;
    private ExecutorScheduler scheduler;

    @BeforeEach
    void setUp() {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip", "bash");
        ns = new TestNamespaces("ka");
        scheduler = new ExecutorScheduler("test-refresh", 1);
    }

    @AfterEach
    void tearDown() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private static boolean has(NetnsSnapshot s, byte... address) {
        return s != null && s.addresses().stream().anyMatch(a -> Arrays.equals(a.address(), address));
    }

    private static byte[] v6(int group) {
        byte[] b = new byte[16];
        b[0] = 0x20;
        b[1] = 0x01;
        b[2] = 0x0d;
        b[3] = (byte) 0xb8;
        b[5] = (byte) group;
        b[15] = 1;
        return b;
    }

    @Test
    void twoNamespacesKeepTheirOwnAddressesAndCounters() throws Exception {
        String a = ns.addNamespace("a");
        String b = ns.addNamespace("b");
        for (String n : List.of(a, b)) {
            ns.exec(n, "ip", "link", "set", "lo", "up");
        }
        ns.addVeth(ns.linkName("ha"), a, "eth0");
        ns.addVeth(ns.linkName("hb"), b, "eth0");
        ns.exec(a, "ip", "addr", "add", "10.61.0.1/24", "dev", "eth0");
        ns.exec(a, "ip", "addr", "add", "2001:db8:a::1/64", "dev", "eth0", "nodad");
        ns.exec(b, "ip", "addr", "add", "10.62.0.1/24", "dev", "eth0");
        ns.exec(b, "ip", "addr", "add", "2001:db8:b::1/64", "dev", "eth0", "nodad");
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, NO_SCHEDULE_MS), Ticker.system(), scheduler)) {
            assertTrue(plane.awaitContext(a, 10, TimeUnit.SECONDS) && plane.awaitContext(b, 10, TimeUnit.SECONDS));
            for (String n : List.of(a, b)) { // read, as a frontend reads (without its 0.25 s bound): the first read opens the statistics files
                plane.handle(n).markRead();
                plane.refresh(n);
            }
            NetnsSnapshot sa = plane.snapshot(a);
            NetnsSnapshot sb = plane.snapshot(b);
            assertTrue(has(sa, (byte) 10, (byte) 61, (byte) 0, (byte) 1) && has(sa, v6(0x0a)), sa.addresses().toString());
            assertFalse(has(sa, (byte) 10, (byte) 62, (byte) 0, (byte) 1) || has(sa, v6(0x0b)), "b's addresses never in a");
            assertTrue(has(sb, (byte) 10, (byte) 62, (byte) 0, (byte) 1) && has(sb, v6(0x0b)));
            assertFalse(has(sb, (byte) 10, (byte) 61, (byte) 0, (byte) 1) || has(sb, v6(0x0a)), "a's addresses never in b");
            assertTrue(has(plane.snapshot(""), (byte) 127, (byte) 0, (byte) 0, (byte) 1), "own namespace too");
            assertFalse(has(plane.snapshot(""), (byte) 10, (byte) 61, (byte) 0, (byte) 1));

            // 50 datagrams to a's loopback: a's own /proc/net/snmp counts them, b's does not
            long aBefore = sa.ipStatistics().ipv4().get(IpStat.IN_RECEIVES);
            long bBefore = sb.ipStatistics().ipv4().get(IpStat.IN_RECEIVES);
            long a6Before = sa.ipStatistics().ipv6().get(IpStat.OUT_REQUESTS);
            assertTrue(aBefore >= 0 && bBefore >= 0 && a6Before >= 0, "counters read: " + sa.ipStatistics());
            ns.exec(a, "bash", "-c", "for i in $(seq 50); do echo x > /dev/udp/127.0.0.1/9; echo x > /dev/udp/::1/9; done");
            NetnsSnapshot ra = plane.refresh(a);
            NetnsSnapshot rb = plane.refresh(b);
            assertTrue(ra.ipStatistics().ipv4().get(IpStat.IN_RECEIVES) >= aBefore + 50, ra.ipStatistics().toString());
            assertTrue(ra.ipStatistics().ipv6().get(IpStat.OUT_REQUESTS) >= a6Before + 50, ra.ipStatistics().toString());
            assertTrue(rb.ipStatistics().ipv4().get(IpStat.IN_RECEIVES) < bBefore + 50, "b's counters are b's: " + rb.ipStatistics());
            // per-interface IPv6 counters of a's loopback (IFLA_INET6_STATS) saw the same datagrams
            int lo = ra.interfaces().stream().filter(i -> i.name().equals("lo")).findFirst().orElseThrow().ifIndex();
            assertTrue(ra.ipStatistics().ipv6Interfaces().get(lo).get(IpStat.IN_RECEIVES) >= 50, ra.ipStatistics().ipv6Interfaces().toString());
            assertEquals(0, plane.stats().netlinkErrors());

            // every counter of IFLA_INET6_STATS (positions per kernel release) equals the kernel's named
            // /proc/net/dev_snmp6 line for the same interface; a's loopback is quiet between the two reads
            String named = ns.exec(a, "cat", "/proc/net/dev_snmp6/lo");
            nlagent.model.IpCounters perIf = plane.refresh(a).ipStatistics().ipv6Interfaces().get(lo);
            int compared = 0;
            for (String line : named.split("\n")) {
                String[] f = line.trim().split("\\s+");
                IpStat stat = f.length == 2 && f[0].startsWith("Ip6") ? IpStat.ofProcName(f[0].substring(3)) : null;
                if (stat != null && perIf.has(stat)) {
                    assertEquals(Long.parseLong(f[1]), perIf.get(stat), f[0] + " of lo: IFLA_INET6_STATS position vs /proc/net/dev_snmp6");
                    compared++;
                }
            }
            assertTrue(compared >= 25, compared + " counters compared");
        }
    }

    @Test
    void addressChangesAreVisibleWithinOneSecondWithoutTheSchedule() throws Exception {
        String a = ns.addNamespace("a");
        ns.addVeth(ns.linkName("h"), a, "eth0");
        ns.exec(a, "ip", "addr", "add", "2001:db8:5::1/64", "dev", "eth0", "nodad");
        try (KernelDataPlane plane = KernelDataPlane.start(KernelTestSupport.config(ns, NO_SCHEDULE_MS), Ticker.system(), scheduler)) {
            assertTrue(plane.awaitContext(a, 10, TimeUnit.SECONDS));
            assertTrue(has(plane.snapshot(a), v6(5)));
            long refreshes = plane.refreshCount(a);

            ns.exec(a, "ip", "addr", "add", "10.63.0.7/24", "dev", "eth0");
            long ms = KernelTestSupport.await(1000, () -> has(plane.snapshot(a), (byte) 10, (byte) 63, (byte) 0, (byte) 7));
            assertTrue(ms >= 0, "IPv4 address (RTNLGRP_IPV4_IFADDR) within 1 s");
            IpAddressEntry added = plane.snapshot(a).addresses().stream()
                    .filter(e -> Arrays.equals(e.address(), new byte[] {10, 63, 0, 7})).findFirst().orElseThrow();
            assertTrue(added.createdNanos() > 0, "appeared after the first reading: its own created time");

            ns.exec(a, "ip", "addr", "del", "2001:db8:5::1/64", "dev", "eth0");
            assertTrue(KernelTestSupport.await(1000, () -> !has(plane.snapshot(a), v6(5))) >= 0, "IPv6 address removal within 1 s");
            assertTrue(plane.refreshCount(a) > refreshes, "by notification-driven refreshes");
        }
    }
}
