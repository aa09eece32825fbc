package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.IpAddressEntry;
import nlagent.model.NetnsId;
import nlagent.model.NetnsSnapshot;
import nlagent.netlink.AddressInfo;
import nlagent.netlink.LinkInfo;
import nlagent.netlink.NeighParms;
import nlagent.netlink.NetconfEntry;
import nlagent.netlink.Rtnl;
import nlagent.sys.Native;

/** Joining readings into snapshots and carrying change times, without a kernel. */
class SnapshotAssemblerTest {
    private static final NetnsId ID = new NetnsId(7, 4, 4026531840L);

    private static LinkInfo link(int index, String name, int operState, boolean ipv6) {
        int[] v4 = new int[33];
        int[] v6 = new int[60];
        v6[Rtnl.DEVCONF_MTU6] = 1500;
        return new LinkInfo(index, name, 1, 0x1043, 1500, new byte[6], operState, "", "veth", new long[] {1, 2, 3},
                v4, ipv6 ? new LinkInfo.Inet6Info(0x80000000, v6, 65535, 1000, new byte[16]) : null);
    }

    private static NetconfEntry fwd(int family, int index, int value) {
        int[] v = new int[Rtnl.NETCONFA_MAX_KNOWN + 1];
        v[Rtnl.NETCONFA_IFINDEX] = index;
        v[Rtnl.NETCONFA_FORWARDING] = value;
        return new NetconfEntry(family, index, (1 << Rtnl.NETCONFA_IFINDEX) | (1 << Rtnl.NETCONFA_FORWARDING), v);
    }

    private static KernelReading reading(List<LinkInfo> links, NetconfTable nc) {
        return reading(links, nc, 45680, 2);
    }

    /** With eth0's IPv6 base reachable time and the last byte of its link-local address. */
    private static KernelReading reading(List<LinkInfo> links, NetconfTable nc, long baseReachableMs, int linkLocalLastByte) {
        Map<Long, NeighParms> neigh = Map.of(
                KernelReading.neighKey(Native.AF_INET, 2), new NeighParms(Native.AF_INET, 2, 1236, 22224),
                KernelReading.neighKey(Native.AF_INET6, 2), new NeighParms(Native.AF_INET6, 2, 2348, baseReachableMs));
        byte[] ll = new byte[16];
        ll[0] = (byte) 0xfe;
        ll[1] = (byte) 0x80;
        ll[15] = (byte) linkLocalLastByte;
        return new KernelReading(links, neigh, nc, Map.of(2, ll), 64, 30, 64, 100);
    }

    private static NetnsSnapshot assemble(KernelReading r, NetnsSnapshot prev, long now) {
        return SnapshotAssembler.assemble("c", ID, r, prev, now, (l, old) -> old == null ? 10000 : old.speedMbps());
    }

    @Test
    void aLinkReadAsTheVeryPreviousObjectKeepsItsRowOnlyWhileTheTablesAreTheSame() {
        NetconfTable nc = NetconfTable.of(List.of(fwd(Native.AF_INET6, 2, 0)));
        LinkInfo lo = link(1, "lo", 0, true);
        LinkInfo eth0 = link(2, "eth0", 6, true);
        KernelReading first = reading(List.of(lo, eth0), nc);
        NetnsSnapshot s1 = SnapshotAssembler.assemble("c", ID, first, null, null, 5, (l, old) -> 10000);

        // the same link objects and the very same tables: the rows as they were
        KernelReading second = new KernelReading(List.of(lo, eth0), first.neigh(), nc, first.linkLocal(), 64, 30, 64, 200);
        NetnsSnapshot s2 = SnapshotAssembler.assemble("c", ID, second, first, s1, 10, (l, old) -> 99);
        assertSame(s1.interfaces().get(0), s2.interfaces().get(0));
        assertSame(s1.interfaces().get(1), s2.interfaces().get(1));
        assertEquals(10000, s2.interfaces().get(1).speedMbps(), "an unchanged row does not ask for its speed again");

        // another netconf table (IPv6 forwarding on eth0): every row is joined again
        NetconfTable on = NetconfTable.of(List.of(fwd(Native.AF_INET6, 2, 1)));
        KernelReading third = new KernelReading(List.of(lo, eth0), first.neigh(), on, first.linkLocal(), 64, 30, 64, 300);
        NetnsSnapshot s3 = SnapshotAssembler.assemble("c", ID, third, second, s2, 15, (l, old) -> old.speedMbps());
        assertTrue(s3.interfaces().get(1).ipv6().forwarding(), "the netconf change reaches the row");
        assertSame(s2.interfaces().get(0), s3.interfaces().get(0), "lo's row equal to the previous one: kept (Reuse)");

        // other neighbour parameters, the same link objects: joined again
        Map<Long, NeighParms> neigh = Map.of(KernelReading.neighKey(Native.AF_INET, 2), new NeighParms(Native.AF_INET, 2, 4000, 22224));
        KernelReading fourth = new KernelReading(List.of(lo, eth0), neigh, on, first.linkLocal(), 64, 30, 64, 400);
        NetnsSnapshot s4 = SnapshotAssembler.assemble("c", ID, fourth, third, s3, 20, (l, old) -> old.speedMbps());
        assertEquals(4000, s4.interfaces().get(1).ipv4().retransTimeMs());

        // the same tables, but eth0 read again into another object (its counters moved): its row is new
        LinkInfo moved = new LinkInfo(2, "eth0", 1, 0x1043, 1500, new byte[6], 6, "", "veth", new long[] {1, 2, 30},
                eth0.inetConf(), eth0.inet6());
        KernelReading fifth = new KernelReading(List.of(lo, moved), neigh, on, first.linkLocal(), 64, 30, 64, 500);
        NetnsSnapshot s5 = SnapshotAssembler.assemble("c", ID, fifth, fourth, s4, 25, (l, old) -> old.speedMbps());
        assertSame(s4.interfaces().get(0), s5.interfaces().get(0));
        assertEquals(30, s5.interfaces().get(1).stats().rxBytes());
    }

    @Test
    void joinsNeighNetconfAndLinkValuesSortedByIfIndex() {
        NetconfTable nc = NetconfTable.of(List.of(fwd(Native.AF_INET, -1, 1), fwd(Native.AF_INET6, -1, 0),
                fwd(Native.AF_INET6, 2, 1)));
        NetnsSnapshot s = assemble(reading(List.of(link(2, "eth0", 6, true), link(1, "lo", 0, true)), nc), null, 5);
        assertEquals(List.of(1, 2), s.interfaces().stream().map(i -> i.ifIndex()).toList());
        var eth0 = s.interfaces().get(1);
        assertEquals(1236, eth0.ipv4().retransTimeMs());
        assertEquals(22224, eth0.ipv4().baseReachableTimeMs());
        assertEquals(2348, eth0.ipv6().retransTimeMs(), "neightbl wins over cacheinfo");
        assertEquals(45680, eth0.ipv6().baseReachableTimeMs());
        assertTrue(eth0.ipv6().forwarding());
        assertEquals(2, eth0.ipv6().linkLocalAddress()[15]);
        assertEquals(0, s.interfaces().get(0).ipv6().linkLocalAddress().length);
        assertEquals(-1, s.interfaces().get(0).ipv4().retransTimeMs(), "no neightbl entry: unknown");
        assertEquals(1000, s.interfaces().get(0).ipv6().retransTimeMs(), "falls back to cacheinfo");
        assertTrue(s.ipv4Forwarding());
        assertFalse(s.ipv6Forwarding());
        assertEquals(3, eth0.stats().rxBytes());
        assertEquals(0, s.interfacesLastChangeNanos());
        assertEquals(1, s.generation());
    }

    @Test
    void changeTimesMoveOnlyWithTheirEvents() {
        NetconfTable nc = NetconfTable.of(List.of(fwd(Native.AF_INET6, 2, 0)));
        NetnsSnapshot s1 = assemble(reading(List.of(link(1, "lo", 0, true), link(2, "eth0", 2, true)), nc), null, 10);
        // same data later: nothing moves
        NetnsSnapshot s2 = assemble(reading(List.of(link(1, "lo", 0, true), link(2, "eth0", 2, true)), nc), s1, 20);
        assertEquals(0, s2.interfacesLastChangeNanos());
        assertEquals(0, s2.interfaces().get(1).lastChangeNanos());
        assertEquals(0, s2.ipv6LastChangeNanos());
        assertEquals(2, s2.generation());
        // oper state change of eth0 only
        NetnsSnapshot s3 = assemble(reading(List.of(link(1, "lo", 0, true), link(2, "eth0", 6, true)), nc), s2, 30);
        assertEquals(30, s3.interfaces().get(1).lastChangeNanos());
        assertEquals(0, s3.interfaces().get(0).lastChangeNanos());
        assertEquals(0, s3.interfacesLastChangeNanos());
        // a partial netconf notification merged: IPv6 settings of eth0 change
        NetnsSnapshot s4 = assemble(reading(s2Links(), nc.merge(fwd(Native.AF_INET6, 2, 1))), s3, 40);
        assertTrue(s4.interfaces().get(1).ipv6().forwarding());
        assertEquals(40, s4.ipv6LastChangeNanos());
        assertEquals(0, s4.ipv4LastChangeNanos());
        // interface added, then IPv6 lost (MTU < 1280)
        NetnsSnapshot s5 = assemble(reading(List.of(link(1, "lo", 0, true), link(2, "eth0", 6, true), link(9, "v1", 2, false)),
                nc), s4, 50);
        assertEquals(50, s5.interfacesLastChangeNanos());
        assertEquals(50, s5.interfaces().get(2).lastChangeNanos());
        assertNull(s5.interfaces().get(2).ipv6());
        assertEquals(10000, s5.interfaces().get(2).speedMbps());
    }

    @Test
    void aReReadOfUnchangedRowsKeepsThePreviousObjectsAndOnlyChangedRowsAreNew() {
        NetconfTable nc = NetconfTable.of(List.of(fwd(Native.AF_INET6, 2, 0)));
        NetnsSnapshot s1 = assemble(reading(List.of(link(1, "lo", 0, true), link(2, "eth0", 6, true), link(3, "v3", 6, true)), nc), null, 10);
        // lo's counters moved, v3 went down; eth0 read the same
        LinkInfo lo = new LinkInfo(1, "lo", 1, 0x1043, 1500, new byte[6], 0, "", "veth", new long[] {1, 2, 4}, new int[33],
                link(1, "lo", 0, true).inet6());
        NetnsSnapshot s2 = assemble(reading(List.of(lo, link(2, "eth0", 6, true), link(3, "v3", 2, true)), nc), s1, 20);
        InterfaceSnapshot lo1 = s1.interfaces().get(0);
        InterfaceSnapshot lo2 = s2.interfaces().get(0);
        assertSame(s1.interfaces().get(1), s2.interfaces().get(1), "eth0 unchanged: the previous row itself");
        assertNotSame(lo1, lo2, "lo's counters moved: a new row");
        assertEquals(4, lo2.stats().rxBytes());
        assertSame(lo1.ipv4(), lo2.ipv4(), "... whose unchanged IPv4 settings are the previous object");
        assertSame(lo1.ipv6(), lo2.ipv6());
        assertNotSame(s1.interfaces().get(2), s2.interfaces().get(2), "v3 went down: a new row");
        assertSame(s1.interfaces().get(2).stats(), s2.interfaces().get(2).stats(), "with the previous, equal counters");
        assertEquals(20, s2.interfaces().get(2).lastChangeNanos());
        // read the same once more: every row is the previous one, the new ones from the last refresh included
        NetnsSnapshot s3 = assemble(reading(List.of(lo, link(2, "eth0", 6, true), link(3, "v3", 2, true)), nc), s2, 30);
        for (int i = 0; i < 3; i++) {
            assertSame(s2.interfaces().get(i), s3.interfaces().get(i), "row " + i);
        }
        assertEquals(20, s3.interfaces().get(2).lastChangeNanos(), "v3's change time stays that of its change");
    }

    @Test
    void anUnchangedAddressIsThePreviousEntryAndAChangedOneIsNew() {
        byte[] a1 = {10, 0, 0, 1};
        byte[] a2 = {10, 0, 0, 2};
        List<AddressInfo> read1 = List.of(new AddressInfo(Native.AF_INET, 2, 24, 0, 0, a1.clone(), new byte[0], "", -1, -1),
                new AddressInfo(Native.AF_INET, 2, 24, 0, 0, a2.clone(), new byte[0], "", -1, -1));
        List<IpAddressEntry> e1 = SnapshotAssembler.addresses(read1, null, 10);
        NetnsSnapshot prev = new NetnsSnapshot("c", ID, 10, 1, List.of(), false, false, 64, 30, 64, 0, 0, 0, e1,
                nlagent.model.IpStatistics.NONE, List.of(), List.of());
        List<AddressInfo> read2 = List.of(new AddressInfo(Native.AF_INET, 2, 24, 0, 0, a1.clone(), new byte[0], "", -1, -1),
                new AddressInfo(Native.AF_INET, 2, 16, 0, 0, a2.clone(), new byte[0], "", -1, -1));
        List<IpAddressEntry> e2 = SnapshotAssembler.addresses(read2, prev, 20);
        assertSame(e1.get(0), e2.get(0));
        assertNotSame(e1.get(1), e2.get(1));
        assertEquals(16, e2.get(1).prefixLength());
        assertEquals(20, e2.get(1).lastChangedNanos());
    }

    /**
     * A namespace's neighbour tables are dumped from its first read on: the ARP/ND times going from unknown to
     * known is learning them, not a change of the rows, so neither table's last change moves; a later change does.
     */
    @Test
    void neighbourTimesLearntAtTheFirstReadMoveNoLastChange() {
        NetconfTable nc = NetconfTable.of(List.of(fwd(Native.AF_INET, 2, 0)));
        KernelReading r = reading(s2Links(), nc);
        // the kernel's IPv6 retransmit time is one value in both the link dump and the neighbour tables (1000 here)
        KernelReading full = new KernelReading(r.links(), Map.of(
                KernelReading.neighKey(Native.AF_INET, 2), new NeighParms(Native.AF_INET, 2, 1236, 22224),
                KernelReading.neighKey(Native.AF_INET6, 2), new NeighParms(Native.AF_INET6, 2, 1000, 45680)),
                nc, r.linkLocal(), 64, 30, 64, 100);
        KernelReading withoutNeigh = new KernelReading(r.links(), Map.of(), nc, r.linkLocal(), 64, 30, 64, 100);
        NetnsSnapshot s1 = assemble(withoutNeigh, null, 10);
        assertEquals(-1, s1.interfaces().get(1).ipv4().retransTimeMs());
        NetnsSnapshot s2 = assemble(full, s1, 20);
        assertEquals(1236, s2.interfaces().get(1).ipv4().retransTimeMs());
        assertEquals(0, s2.ipv4LastChangeNanos(), "unknown -> known: not a change");
        assertEquals(0, s2.ipv6LastChangeNanos(), "unknown -> known: not a change");
        NetnsSnapshot s3 = assemble(reading(s2Links(), nc, 30000, 2), s2, 30);
        assertEquals(30, s3.ipv6LastChangeNanos(), "known times that change move it");
    }

    @Test
    void ipv4LastChangeMovesWithServedValuesNotWithTheDevconfArray() {
        NetconfTable nc = NetconfTable.of(List.of(fwd(Native.AF_INET, 2, 0)));
        NetnsSnapshot s1 = assemble(reading(s2Links(), nc), null, 10);
        // an IPv4 devconf value nothing serves (read only by full link dumps, which come up to ten minutes late)
        LinkInfo eth0 = s2Links().get(1);
        int[] v4 = eth0.inetConf().clone();
        v4[5] = 1;
        LinkInfo changed = new LinkInfo(2, "eth0", 1, 0x1043, 1500, new byte[6], 6, "", "veth", new long[] {1, 2, 3}, v4, eth0.inet6());
        NetnsSnapshot s2 = assemble(reading(List.of(s2Links().get(0), changed), nc), s1, 20);
        assertEquals(0, s2.ipv4LastChangeNanos(), "the devconf array alone does not move it");
        assertEquals(1, s2.interfaces().get(1).ipv4().devconf()[5], "though the row holds the new array");
        // a served value: forwarding of eth0 (a netconf notification merged)
        NetnsSnapshot s3 = assemble(reading(List.of(s2Links().get(0), changed), nc.merge(fwd(Native.AF_INET, 2, 1))), s2, 30);
        assertEquals(30, s3.ipv4LastChangeNanos());
    }

    /**
     * ipv6InterfaceTableLastChange moves with what ipv6InterfaceTable serves (RFC 4293: a row added or deleted,
     * its identifier, enable status, reachable or retransmit time, forwarding), not with the IFLA_INET6_CONF array,
     * the flags or the token kept beside them.
     */
    @Test
    void ipv6LastChangeMovesWithServedValuesNotWithTheRest() {
        NetconfTable nc = NetconfTable.of(List.of(fwd(Native.AF_INET6, 2, 0)));
        NetnsSnapshot s1 = assemble(reading(s2Links(), nc), null, 10);
        LinkInfo eth0 = s2Links().get(1);
        LinkInfo.Inet6Info i6 = eth0.inet6();
        int[] conf = i6.conf();
        conf[Rtnl.DEVCONF_HOPLIMIT] = 7; // served elsewhere (ipv6DefaultHopLimit is the namespace's), not in this table
        byte[] token = new byte[16];
        token[15] = 9;
        LinkInfo unserved = withInet6(eth0, 0x1043, new LinkInfo.Inet6Info(0x80000000 | 0x10, conf, 65000, i6.retransTimeMs(), token));
        NetnsSnapshot s2 = assemble(reading(List.of(s2Links().get(0), unserved), nc), s1, 20);
        assertEquals(0, s2.ipv6LastChangeNanos(), "the devconf array, other flags, the token and max_reasm_len do not move it");
        assertEquals(7, s2.interfaces().get(1).ipv6().devconf()[Rtnl.DEVCONF_HOPLIMIT], "though the row holds them");

        // enable status: the interface goes down (ipv6InterfaceEnableStatus down(2))
        NetnsSnapshot s3 = assemble(reading(List.of(s2Links().get(0), withInet6(unserved, 0x1042, unserved.inet6())), nc), s2, 30);
        assertEquals(30, s3.ipv6LastChangeNanos(), "enable status");
        NetnsSnapshot s4 = assemble(reading(List.of(s2Links().get(0), unserved), nc), s3, 40);
        assertEquals(40, s4.ipv6LastChangeNanos(), "enable status back");
        // forwarding of eth0 (a netconf notification merged)
        NetnsSnapshot s5 = assemble(reading(List.of(s2Links().get(0), unserved), nc.merge(fwd(Native.AF_INET6, 2, 1))), s4, 50);
        assertEquals(50, s5.ipv6LastChangeNanos(), "forwarding");
        NetconfTable on = nc.merge(fwd(Native.AF_INET6, 2, 1));
        // the base reachable time (ipv6InterfaceReachableTime), then the identifier (the link-local address's last 8 bytes)
        NetnsSnapshot s6 = assemble(reading(List.of(s2Links().get(0), unserved), on, 30000, 2), s5, 60);
        assertEquals(60, s6.ipv6LastChangeNanos(), "reachable time");
        NetnsSnapshot s7 = assemble(reading(List.of(s2Links().get(0), unserved), on, 30000, 3), s6, 70);
        assertEquals(70, s7.ipv6LastChangeNanos(), "identifier");
        // IPv6 disabled by sysctl on a device that stays up: enable status
        int[] off = unserved.inet6().conf();
        off[Rtnl.DEVCONF_DISABLE_IPV6] = 1;
        LinkInfo disabled = withInet6(unserved, 0x1043, new LinkInfo.Inet6Info(unserved.inet6().flags(), off, 65000, 1000, token));
        NetnsSnapshot s8 = assemble(reading(List.of(s2Links().get(0), disabled), on, 30000, 3), s7, 80);
        assertEquals(80, s8.ipv6LastChangeNanos(), "disabled");
        // IF_READY cleared (no carrier yet): the IPV6-MIB's ipv6IfTable row goes though nothing else moved
        LinkInfo notReady = withInet6(unserved, 0x1043, new LinkInfo.Inet6Info(0x10, off, 65000, 1000, token)); // still disabled
        NetnsSnapshot s9 = assemble(reading(List.of(s2Links().get(0), notReady), on, 30000, 3), s8, 90);
        assertEquals(90, s9.ipv6LastChangeNanos(), "IF_READY");
        // the row goes: no IPv6 on eth0 any more
        NetnsSnapshot s10 = assemble(reading(List.of(s2Links().get(0), withInet6(unserved, 0x1043, null)), on, 30000, 3), s9, 100);
        assertEquals(100, s10.ipv6LastChangeNanos(), "row deleted");
        // and comes back
        NetnsSnapshot s11 = assemble(reading(List.of(s2Links().get(0), unserved), on, 30000, 3), s10, 110);
        assertEquals(110, s11.ipv6LastChangeNanos(), "row added");
        NetnsSnapshot s12 = assemble(reading(List.of(s2Links().get(0), unserved), on, 30000, 3), s11, 120);
        assertEquals(110, s12.ipv6LastChangeNanos(), "nothing changed");
    }

    private static LinkInfo withInet6(LinkInfo l, int flags, LinkInfo.Inet6Info inet6) {
        return new LinkInfo(l.ifIndex(), l.name(), l.arphrdType(), flags, l.mtu(), l.hwAddress(), l.operState(), l.alias(), l.kind(),
                l.stats64(), l.inetConf(), inet6);
    }

    private static List<LinkInfo> s2Links() {
        return List.of(link(1, "lo", 0, true), link(2, "eth0", 6, true));
    }
}
