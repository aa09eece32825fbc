package nlagent.mib.netns;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.TestSnapshots;
import nlagent.mib.VarBind;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;
import nlagent.time.ManualScheduler;

class NetnsMibBuilderTest {
    private final ManualScheduler clock = new ManualScheduler();

    private SortedMibView build(NetnsSnapshot s) {
        return new NetnsMibBuilder(new Uptime(clock, 0)).build(s);
    }

    private static MibValue get(SortedMibView v, String oid) {
        return v.get(Oid.parse(oid));
    }

    private NetnsSnapshot sample() {
        return TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback(),
                TestSnapshots.veth(5, "veth0", 10_000, true), TestSnapshots.veth(7, "veth1", -1, false)));
    }

    @Test
    void ifTableValuesFollowNetSnmp() {
        SortedMibView v = build(sample());
        assertEquals(MibValue.integer(3), get(v, "1.3.6.1.2.1.2.1.0"));
        assertEquals(MibValue.integer(24), get(v, "1.3.6.1.2.1.2.2.1.3.1"), "loopback is softwareLoopback");
        assertEquals(MibValue.integer(6), get(v, "1.3.6.1.2.1.2.2.1.3.5"), "veth is ethernetCsmacd");
        assertEquals(MibValue.gauge32(10_000_000), get(v, "1.3.6.1.2.1.2.2.1.5.1"), "net-snmp's 10 Mb/s for lo");
        assertEquals(MibValue.gauge32(0xFFFF_FFFFL), get(v, "1.3.6.1.2.1.2.2.1.5.5"), "10 Gb/s latches ifSpeed");
        assertEquals(MibValue.gauge32(10_000), get(v, "1.3.6.1.2.1.31.1.1.1.15.5"));
        assertEquals(MibValue.gauge32(0), get(v, "1.3.6.1.2.1.2.2.1.5.7"), "unknown speed reads 0");
        assertEquals(0, get(v, "1.3.6.1.2.1.2.2.1.6.1").bytesLength(), "all-zero MAC is empty");
        assertEquals(6, get(v, "1.3.6.1.2.1.2.2.1.6.5").bytesLength());
        assertEquals(MibValue.integer(2), get(v, "1.3.6.1.2.1.2.2.1.7.7"));
        assertEquals(MibValue.integer(2), get(v, "1.3.6.1.2.1.2.2.1.8.7"));
        assertEquals(MibValue.integer(1), get(v, "1.3.6.1.2.1.2.2.1.8.5"));
        assertEquals(MibValue.counter32(93), get(v, "1.3.6.1.2.1.2.2.1.11.5"), "rx packets less multicast");
        assertEquals(MibValue.counter32(3 + 5), get(v, "1.3.6.1.2.1.2.2.1.13.5"), "rx dropped + missed");
        assertEquals(MibValue.oid(Oid.of(0, 0)), get(v, "1.3.6.1.2.1.2.2.1.22.5"));
        assertEquals(MibValue.counter64(10_000), get(v, "1.3.6.1.2.1.31.1.1.1.6.5"));
        assertEquals(MibValue.integer(2), get(v, "1.3.6.1.2.1.31.1.1.1.17.1"), "no connector on loopback");
        assertEquals(MibValue.integer(1), get(v, "1.3.6.1.2.1.31.1.1.1.17.5"));
        assertEquals(MibValue.string("alias-veth0"), get(v, "1.3.6.1.2.1.31.1.1.1.18.5"));
    }

    @Test
    void everyIfTableAndIfXTableColumnIsPresentForEveryRow() {
        SortedMibView v = build(sample());
        for (int ifIndex : new int[] {1, 5, 7}) {
            for (int c = 1; c <= 22; c++) {
                assertFalse(get(v, "1.3.6.1.2.1.2.2.1." + c + "." + ifIndex).isException(), "ifTable col " + c);
            }
            for (int c = 1; c <= 19; c++) {
                assertFalse(get(v, "1.3.6.1.2.1.31.1.1.1." + c + "." + ifIndex).isException(), "ifXTable col " + c);
            }
        }
    }

    @Test
    void missingInstancesAndObjectsAreDistinguished() {
        SortedMibView v = build(sample());
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(v, "1.3.6.1.2.1.2.2.1.2.99"));
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(v, "1.3.6.1.2.1.2.1.1"));
        assertEquals(MibValue.NO_SUCH_OBJECT, get(v, "1.3.6.1.2.1.2.2.1.99.1"));
    }

    @Test
    void ipv6IfTableListsOnlyInterfacesWithIpv6Ready() {
        SortedMibView v = build(sample());
        assertEquals(MibValue.gauge32(2), get(v, "1.3.6.1.2.1.55.1.3.0"));
        assertEquals(MibValue.string("veth0"), get(v, "1.3.6.1.2.1.55.1.5.1.2.5"));
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(v, "1.3.6.1.2.1.55.1.5.1.2.7"));
        assertEquals(MibValue.integer(64), get(v, "1.3.6.1.2.1.55.1.5.1.7.5"), "EUI-64 identifier length");
        assertEquals(MibValue.integer(0), get(v, "1.3.6.1.2.1.55.1.5.1.7.1"));
        assertEquals(MibValue.integer(1), get(v, "1.3.6.1.2.1.55.1.1.0"), "forwarding(1)");
    }

    /** Above 65,535, where net-snmp's /proc/net/if_inet6 reader gives up (README, compatibility): still a row. */
    @Test
    void ipv6IfTableListsInterfacesWithAnyIfIndex() {
        SortedMibView v = build(TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback(),
                TestSnapshots.veth(65_535, "veth0", 10_000, true), TestSnapshots.veth(70_000, "veth1", 10_000, true))));
        assertEquals(MibValue.gauge32(3), get(v, "1.3.6.1.2.1.55.1.3.0"));
        assertEquals(MibValue.string("veth0"), get(v, "1.3.6.1.2.1.55.1.5.1.2.65535"));
        assertEquals(MibValue.string("veth1"), get(v, "1.3.6.1.2.1.55.1.5.1.2.70000"));
    }

    @Test
    void ipv6IdentifierIsTheLinkLocalAddressesWhenKnownElseEui64() {
        InterfaceSnapshot eui = TestSnapshots.veth(5, "veth0", 10_000, true);
        byte[] mac = eui.hwAddress();
        byte[] expectEui = {(byte) (mac[0] ^ 2), mac[1], mac[2], (byte) 0xFF, (byte) 0xFE, mac[3], mac[4], mac[5]};
        assertArrayEquals(expectEui, NetSnmpCompat.ipv6InterfaceIdentifier(eui), "no link-local known: EUI-64 of the MAC");

        // stable-privacy style link-local fe80::1234:5678:9abc:def0: the identifier in use is not the MAC's
        byte[] ll = new byte[16];
        ll[0] = (byte) 0xfe;
        ll[1] = (byte) 0x80;
        byte[] iid = {0x12, 0x34, 0x56, 0x78, (byte) 0x9a, (byte) 0xbc, (byte) 0xde, (byte) 0xf0};
        System.arraycopy(iid, 0, ll, 8, 8);
        nlagent.model.Ipv6Conf v6 = eui.ipv6();
        nlagent.model.Ipv6Conf withLl = new nlagent.model.Ipv6Conf(v6.forwarding(), v6.retransTimeMs(),
                v6.baseReachableTimeMs(), v6.maxReasmLen(), v6.inet6Flags(), v6.disabled(),
                v6.token(), v6.devconf(), ll);
        InterfaceSnapshot stable = new InterfaceSnapshot(eui.ifIndex(), eui.name(), eui.arphrdType(), eui.flags(),
                eui.mtu(), mac, eui.operState(), eui.alias(), eui.linkKind(), eui.stats(), eui.speedMbps(),
                eui.lastChangeNanos(), eui.ipv4(), withLl);
        SortedMibView v = build(TestSnapshots.snapshot("", 1, List.of(stable)));
        assertEquals(MibValue.octets(iid), get(v, "1.3.6.1.2.1.55.1.5.1.6.5"), "ipv6IfIdentifier");
        assertEquals(MibValue.octets(iid), get(v, "1.3.6.1.2.1.4.30.1.3.5"), "ipv6InterfaceIdentifier");
    }

    @Test
    void ipMibScalarsAndInterfaceTables() {
        SortedMibView v = build(sample());
        assertEquals(MibValue.integer(2), get(v, "1.3.6.1.2.1.4.1.0"));
        assertEquals(MibValue.integer(64), get(v, "1.3.6.1.2.1.4.2.0"));
        assertEquals(MibValue.integer(30), get(v, "1.3.6.1.2.1.4.13.0"));
        assertEquals(MibValue.integer(1), get(v, "1.3.6.1.2.1.4.25.0"));
        assertEquals(MibValue.integer(64), get(v, "1.3.6.1.2.1.4.26.0"));
        assertEquals(MibValue.integer(65535), get(v, "1.3.6.1.2.1.4.28.1.2.5"));
        assertEquals(MibValue.gauge32(1000), get(v, "1.3.6.1.2.1.4.28.1.4.5"));
        assertEquals(MibValue.gauge32(30000), get(v, "1.3.6.1.2.1.4.30.1.6.5"), "base reachable time");
        assertEquals(MibValue.integer(2), get(v, "1.3.6.1.2.1.4.30.1.5.7"), "down device: IPv6 down");
        assertEquals(8, get(v, "1.3.6.1.2.1.4.30.1.3.5").bytesLength());
    }

    @Test
    void walkIsOrderedAndStaysInsideDeclaredSubtrees() {
        SortedMibView v = build(sample());
        List<Oid> roots = NetnsMibBuilder.subtrees();
        assertEquals(roots, v.subtrees());
        List<Oid> walked = new ArrayList<>();
        VarBind vb = v.next(Oid.of(1), false, null);
        while (vb != null) {
            walked.add(vb.oid());
            Oid o = vb.oid();
            assertTrue(roots.stream().anyMatch(o::startsWith), o + " outside the subtrees");
            vb = v.next(o, false, null);
        }
        assertEquals(v.size(), walked.size());
        for (int i = 1; i < walked.size(); i++) {
            assertTrue(walked.get(i - 1).compareTo(walked.get(i)) < 0);
        }
    }

    @Test
    void timeStampsAreRelativeToAgentStart() {
        clock.advance(5, TimeUnit.SECONDS);
        Uptime up = new Uptime(clock, clock.nanos());
        InterfaceSnapshot lo = TestSnapshots.loopback();
        InterfaceSnapshot changed = new InterfaceSnapshot(3, "v", 1, TestSnapshots.UP_RUNNING, 1500, null, 6, "", "",
                null, 1000, clock.nanos() + TimeUnit.MILLISECONDS.toNanos(2_500), null, null);
        NetnsSnapshot s = new NetnsSnapshot("", lo.ifIndex() == 1 ? new nlagent.model.NetnsId(1, 1, 1) : null, 0, 1,
                List.of(lo, changed), false, false, 64, 30, 64, clock.nanos() + TimeUnit.SECONDS.toNanos(1), 0, 0);
        SortedMibView v = new NetnsMibBuilder(up).build(s);
        assertEquals(MibValue.timeTicks(0), get(v, "1.3.6.1.2.1.2.2.1.9.1"), "no change since start");
        assertEquals(MibValue.timeTicks(250), get(v, "1.3.6.1.2.1.2.2.1.9.3"));
        assertEquals(MibValue.timeTicks(100), get(v, "1.3.6.1.2.1.31.1.5.0"));
        assertEquals(MibValue.NO_SUCH_INSTANCE, get(v, "1.3.6.1.2.1.4.28.1.2.3"), "no IPv4 conf: no ipv4InterfaceTable row");
    }
}
