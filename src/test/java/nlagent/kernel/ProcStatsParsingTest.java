package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import nlagent.model.IpCounters;
import nlagent.model.IpStat;

/** The /proc/net statistics text and the IFLA_INET6_STATS array layouts. */
class ProcStatsParsingTest {

    @Test
    void snmpAndNetstatColumnsAreTakenByNameWhateverTheKernelAdds() {
        String snmp = "Ip: Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors ForwDatagrams InUnknownProtos InDiscards "
                + "InDelivers OutRequests OutDiscards OutNoRoutes ReasmTimeout ReasmReqds ReasmOKs ReasmFails FragOKs FragFails "
                + "FragCreates OutTransmits\n"
                + "Ip: 2 64 1402 1 2 3 4 5 1300 1401 6 7 8 9 10 11 12 13 14 1402\n"
                + "Icmp: InMsgs InErrors\nIcmp: 5 6\n";
        String netstat = "TcpExt: SyncookiesSent\nTcpExt: 0\n"
                + "IpExt: InNoRoutes InTruncatedPkts InMcastPkts OutMcastPkts InBcastPkts OutBcastPkts InOctets OutOctets "
                + "InMcastOctets OutMcastOctets InBcastOctets OutBcastOctets InCsumErrors InNoECTPkts\n"
                + "IpExt: 20 21 22 23 24 25 26000 27000 28 29 30 31 0 1402\n";
        IpCounters.Builder b = IpCounters.builder();
        ProcNetStats.addPairedLines(snmp, "Ip:", b);
        ProcNetStats.addPairedLines(netstat, "IpExt:", b);
        IpCounters c = b.build();
        assertEquals(1402, c.get(IpStat.IN_RECEIVES));
        assertEquals(3, c.get(IpStat.OUT_FORW_DATAGRAMS), "ForwDatagrams is IPv4's OutForwDatagrams");
        assertEquals(1401, c.get(IpStat.OUT_REQUESTS));
        assertEquals(14, c.get(IpStat.FRAG_CREATES));
        assertEquals(20, c.get(IpStat.IN_NO_ROUTES));
        assertEquals(27000, c.get(IpStat.OUT_OCTETS));
        assertFalse(c.has(IpStat.IN_TOO_BIG_ERRORS), "IPv4 has no such counter");
    }

    @Test
    void snmp6LinesAreTheIp6Group() {
        IpCounters c = ProcNetStats.parseSnmp6("Ip6InReceives                   \t14\nIp6OutRequests 16\nIcmp6InMsgs 3\n"
                + "Ip6InOctets 980\nIp6Bogus x\nUdp6InDatagrams 9\n");
        assertEquals(14, c.get(IpStat.IN_RECEIVES));
        assertEquals(16, c.get(IpStat.OUT_REQUESTS));
        assertEquals(980, c.get(IpStat.IN_OCTETS));
        assertFalse(c.has(IpStat.IN_DELIVERS));
        assertTrue(ProcNetStats.parseSnmp6("").isEmpty());
    }

    @Test
    void inet6StatsPositionsDependOnTheKernelRelease() {
        // the same traffic as each layout lays it out: 14 in, 980 in octets, 16 out requests, 1124 out octets
        long[] reordered = new long[38];
        reordered[0] = 38;
        reordered[1] = 14;
        reordered[2] = 980;
        reordered[4] = 14; // InNoECTPkts
        reordered[8] = 16;
        reordered[9] = 16; // OutTransmits
        reordered[10] = 1124;
        reordered[28] = 14; // InMcastPkts
        IpCounters n = IpstatsLayout.forRelease("6.18.44-amd64").counters(reordered);
        assertEquals(14, n.get(IpStat.IN_RECEIVES));
        assertEquals(16, n.get(IpStat.OUT_REQUESTS));
        assertEquals(1124, n.get(IpStat.OUT_OCTETS));
        assertEquals(0, n.get(IpStat.OUT_FORW_DATAGRAMS));
        assertEquals(14, n.get(IpStat.IN_MCAST_PKTS));

        long[] historical = new long[37];
        historical[0] = 37;
        historical[1] = 14;
        historical[2] = 980;
        historical[5] = 16;
        historical[6] = 1124;
        historical[23] = 14;
        IpCounters o = IpstatsLayout.forRelease("6.1.0-26-amd64").counters(historical);
        assertEquals(16, o.get(IpStat.OUT_REQUESTS));
        assertEquals(1124, o.get(IpStat.OUT_OCTETS));
        assertEquals(14, o.get(IpStat.IN_MCAST_PKTS));
        assertEquals(16, IpstatsLayout.forRelease("6.14.11").counters(historical).get(IpStat.OUT_REQUESTS));
        assertEquals(16, IpstatsLayout.forRelease("7.0.1").counters(reordered).get(IpStat.OUT_REQUESTS));
        assertFalse(IpstatsLayout.forRelease("6.1").counters(new long[4]).has(IpStat.OUT_REQUESTS), "too short: absent");
    }
}
