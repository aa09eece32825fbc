package nlagent.mib.netns;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.TestSnapshots;
import nlagent.mib.oid.IpAddressMib;
import nlagent.model.IpAddressEntry;
import nlagent.model.IpCounters;
import nlagent.model.IpStat;
import nlagent.model.IpStatistics;
import nlagent.model.NetnsSnapshot;
import nlagent.time.ManualScheduler;

class IpAddressStatsViewTest {
    private static final long FOREVER = 0xFFFF_FFFFL;
    private final ManualScheduler clock = new ManualScheduler();

    private static IpAddressEntry v4(int ifIndex, int a, int b, int c, int d, int len, int... bcast) {
        byte[] bc = new byte[bcast.length];
        for (int i = 0; i < bcast.length; i++) {
            bc[i] = (byte) bcast[i];
        }
        return new IpAddressEntry(2, ifIndex, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}, len, 0x80, bc, FOREVER, FOREVER, 0, 0);
    }

    private static IpAddressEntry v6(int ifIndex, String hex, int len, int flags, long preferred) {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return new IpAddressEntry(10, ifIndex, b, len, flags, new byte[0], preferred, FOREVER, 0, 0);
    }

    private NetnsSnapshot snapshot(List<IpAddressEntry> addresses, IpStatistics stats) {
        NetnsSnapshot s = TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback(), TestSnapshots.veth(5, "veth0", 10_000, true)));
        return new NetnsSnapshot(s.context(), s.id(), s.takenAtNanos(), s.generation(), s.interfaces(), s.ipv4Forwarding(),
                s.ipv6Forwarding(), s.ipDefaultTtl(), s.ipReasmTimeoutSeconds(), s.ipv6HopLimit(), s.interfacesLastChangeNanos(),
                s.ipv4LastChangeNanos(), s.ipv6LastChangeNanos(), addresses, stats, List.of(), List.of());
    }

    private SortedMibView build(NetnsSnapshot s) {
        return new NetnsMibBuilder(new Uptime(clock, 0)).build(s);
    }

    private static List<String> under(SortedMibView v, String root) {
        List<String> out = new ArrayList<>();
        Oid r = Oid.parse(root);
        for (int i = 0; i < v.size(); i++) {
            if (v.nameAt(i).startsWith(r)) {
                out.add(v.nameAt(i) + "=" + v.valueAt(i));
            }
        }
        return out;
    }

    private final List<IpAddressEntry> addresses = List.of(
            v4(1, 127, 0, 0, 1, 8),
            v4(5, 10, 9, 0, 1, 24, 10, 9, 0, 255),
            v4(5, 10, 9, 0, 2, 24),
            v4(5, 169, 254, 3, 4, 16),
            v6(1, "00000000000000000000000000000001", 128, 0x80, FOREVER),
            v6(5, "fe80000000000000d4cbb5fffed17c01", 64, 0x80, FOREVER),
            v6(5, "20010db8000100000000000000000001", 64, 0xa0, 0), // permanent + deprecated
            v6(5, "20010db8000300000000000000000001", 64, 0xc0, FOREVER), // permanent + tentative
            v6(5, "20010db8000400000000000000000001", 64, 0x00, 1800)); // SLAAC

    @Test
    void everyAddressPointsAtAnExistingPrefixRowWhoseLastArcIsThePrefixLength() {
        SortedMibView v = build(snapshot(addresses, IpStatistics.NONE));
        List<String> pointers = under(v, IpAddressMib.IP_ADDRESS_ENTRY.append(IpAddressMib.ADDRESS_PREFIX).toString());
        assertEquals(10, pointers.size(), "9 addresses + the broadcast row: " + pointers);
        for (int i = 0; i < v.size(); i++) {
            Oid name = v.nameAt(i);
            if (!name.startsWith(IpAddressMib.IP_ADDRESS_ENTRY.append(IpAddressMib.ADDRESS_PREFIX))) {
                continue;
            }
            Oid target = v.valueAt(i).oidValue();
            assertFalse(v.get(target).isException(), name + " points at " + target + ", which does not exist");
            int addressLength = name.get(IpAddressMib.IP_ADDRESS_ENTRY.size() + 2);
            IpAddressEntry a = addresses.stream().filter(e -> e.address().length == addressLength
                    && Oid.of(unsigned(e.address())).equals(name.suffix(IpAddressMib.IP_ADDRESS_ENTRY.size() + 3))).findFirst().orElse(null);
            if (a != null) {
                assertEquals(a.prefixLength(), target.get(target.size() - 1), "prefix length of " + name);
            }
        }
    }

    private static int[] unsigned(byte[] b) {
        int[] o = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            o[i] = b[i] & 0xFF;
        }
        return o;
    }

    @Test
    void rowsFollowNetSnmpRulesAndStatusFollowsTheRfc() {
        SortedMibView v = build(snapshot(addresses, IpStatistics.NONE));
        String entry = "1.3.6.1.2.1.4.34.1.";
        // broadcast row: the interface's broadcast address with its first address's prefix
        assertEquals(MibValue.integer(3), v.get(Oid.parse(entry + "4.1.4.10.9.0.255")));
        assertEquals(MibValue.oid(Oid.parse("1.3.6.1.2.1.4.32.1.5.5.1.4.10.9.0.0.24")), v.get(Oid.parse(entry + "5.1.4.10.9.0.255")));
        assertEquals(MibValue.integer(6), v.get(Oid.parse(entry + "6.1.4.169.254.3.4")), "APIPA is random");
        assertEquals(MibValue.integer(3), v.get(Oid.parse("1.3.6.1.2.1.4.32.1.5.5.1.4.169.254.0.0.16")), "its prefix is wellknown");
        String dep = "2.16.32.1.13.184.0.1.0.0.0.0.0.0.0.0.0.1";
        String tent = "2.16.32.1.13.184.0.3.0.0.0.0.0.0.0.0.0.1";
        String slaac = "2.16.32.1.13.184.0.4.0.0.0.0.0.0.0.0.0.1";
        String ll = "2.16.254.128.0.0.0.0.0.0.212.203.181.255.254.209.124.1";
        assertEquals(MibValue.integer(2), v.get(Oid.parse(entry + "7." + dep)), "deprecated (net-snmp: preferred)");
        assertEquals(MibValue.integer(6), v.get(Oid.parse(entry + "7." + tent)), "tentative (net-snmp: preferred)");
        assertEquals(MibValue.integer(5), v.get(Oid.parse(entry + "6." + slaac)), "kernel-made: linklayer");
        assertEquals(MibValue.integer(4), v.get(Oid.parse(entry + "11." + slaac)), "linklayer rows are permanent");
        assertEquals(MibValue.integer(5), v.get(Oid.parse(entry + "6." + ll)));
        assertEquals(MibValue.integer(2), v.get(Oid.parse(entry + "11.2.16.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1")), "::1 manual, volatile");
        String pfx = "1.3.6.1.2.1.4.32.1.";
        assertEquals(MibValue.integer(3), v.get(Oid.parse(pfx + "5.5.2.16.254.128.0.0.0.0.0.0.0.0.0.0.0.0.0.0.64")), "fe80::/64 wellknown");
        assertEquals(MibValue.integer(5), v.get(Oid.parse(pfx + "5.5.2.16.32.1.13.184.0.4.0.0.0.0.0.0.0.0.0.0.64")), "SLAAC prefix: routerAdv");
        assertEquals(MibValue.gauge32(0), v.get(Oid.parse(pfx + "8.5.2.16.32.1.13.184.0.1.0.0.0.0.0.0.0.0.0.0.64")));
        assertEquals(MibValue.gauge32(1800), v.get(Oid.parse(pfx + "8.5.2.16.32.1.13.184.0.4.0.0.0.0.0.0.0.0.0.0.64")));
        assertEquals(MibValue.gauge32(FOREVER), v.get(Oid.parse(pfx + "8.5.1.4.10.9.0.0.24")), "IPv4: infinite, per MIB");
        // ipAddrTable: one row per IPv4 address, bcast bit from the broadcast address
        assertEquals(MibValue.integer(1), v.get(Oid.parse("1.3.6.1.2.1.4.20.1.4.10.9.0.1")));
        assertEquals(MibValue.integer(0), v.get(Oid.parse("1.3.6.1.2.1.4.20.1.4.10.9.0.2")));
        assertEquals(MibValue.ipAddress(new byte[] {(byte) 255, (byte) 255, 0, 0}), v.get(Oid.parse("1.3.6.1.2.1.4.20.1.3.169.254.3.4")));
        assertEquals(4, under(v, "1.3.6.1.2.1.4.20.1.1").size());
        assertTrue(under(v, "1.3.6.1.2.1.4.20.1.5").isEmpty(), "ipAdEntReasmMaxSize left out, as Debian's net-snmp");
        // the net-snmp rule, for the record: permanent addresses always preferred
        assertEquals(1, AddressRules.netSnmpStatus(addresses.get(6)));
        assertEquals(2, AddressRules.status(addresses.get(6)));
    }

    @Test
    void statisticsColumnsFollowNetSnmp() {
        IpCounters.Builder v4 = IpCounters.builder();
        String[] names = {"InReceives", "InHdrErrors", "InAddrErrors", "ForwDatagrams", "InUnknownProtos", "InDiscards",
            "InDelivers", "OutRequests", "OutDiscards", "OutNoRoutes", "ReasmTimeout", "ReasmReqds", "ReasmOKs", "ReasmFails",
            "FragOKs", "FragFails", "FragCreates", "InNoRoutes", "InTruncatedPkts", "InMcastPkts", "OutMcastPkts",
            "InBcastPkts", "OutBcastPkts", "InOctets", "OutOctets", "InMcastOctets", "OutMcastOctets"};
        for (int i = 0; i < names.length; i++) {
            v4.put(names[i], 100 + i);
        }
        v4.put(IpStat.IN_RECEIVES, 5_000_000_000L).put(IpStat.OUT_REQUESTS, 10_000);
        IpCounters v6 = IpCounters.builder().put("InReceives", 7).put("OutRequests", 9).put("OutForwDatagrams", 1)
                .put("FragCreates", 0).put("FragOKs", 0).put("FragFails", 0).put("OutNoRoutes", 2).put("OutDiscards", 3).build();
        SortedMibView v = build(snapshot(List.of(), new IpStatistics(v4.build(), v6, new java.util.TreeMap<>(Map.of(5, v6)))));
        String sys = "1.3.6.1.2.1.4.31.1.1.";
        assertEquals(MibValue.counter32(5_000_000_000L), v.get(Oid.parse(sys + "3.1")), "low 32 bits");
        assertEquals(MibValue.counter64(5_000_000_000L), v.get(Oid.parse(sys + "4.1")));
        assertEquals(MibValue.counter32(5_000_000_000L), v.get(Oid.parse("1.3.6.1.2.1.4.3.0")));
        // OutTransmits = OutRequests + OutForw + FragCreates - (FragOKs + FragFails) - OutNoRoutes - OutDiscards
        long transmits = 10_000 + 103 + 116 - (114 + 115) - 109 - 108;
        assertEquals(MibValue.counter64(transmits), v.get(Oid.parse(sys + "31.1")));
        assertEquals(MibValue.counter64(9 + 1 - 2 - 3), v.get(Oid.parse(sys + "31.2")));
        assertEquals(MibValue.counter64(117 + 103), v.get(Oid.parse(sys + "13.1")), "InForwDatagrams = InNoRoutes + OutForw");
        assertEquals(MibValue.counter64(121), v.get(Oid.parse(sys + "43.1")), "IPv4 broadcast");
        assertTrue(v.get(Oid.parse(sys + "43.2")).isException(), "no IPv6 broadcast column");
        assertTrue(v.get(Oid.parse(sys + "5.2")).isException(), "a counter the source lacks is left out");
        assertEquals(MibValue.gauge32(60_000), v.get(Oid.parse(sys + "47.2")));
        String ifs = "1.3.6.1.2.1.4.31.3.1.";
        assertEquals(MibValue.counter32(7), v.get(Oid.parse(ifs + "3.2.5")));
        assertTrue(under(v, ifs + "22").isEmpty(), "ipIfStatsEntry has no column 22");
        assertEquals(MibValue.counter32(9), v.get(Oid.parse("1.3.6.1.2.1.55.1.6.1.11.5")), "ipv6IfStatsOutRequests");
        assertTrue(under(v, "1.3.6.1.2.1.55.1.6.1.1.1").isEmpty(), "no IPv6 counters for lo in this snapshot");
    }
}
