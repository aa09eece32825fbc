package nlagent.mib.netns;

import static nlagent.mib.oid.IpAddressMib.INET_IPV4;
import static nlagent.mib.oid.IpAddressMib.INET_IPV6;
import static nlagent.mib.oid.IpStatsMib.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.oid.IpMib;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.IpCounters;
import nlagent.model.IpStat;
import nlagent.model.NetnsSnapshot;

/**
 * IP statistics of one namespace: the ip group counters (4.3–4.19, 4.23), ipSystemStatsTable (IPv4
 * from /proc/net/snmp + netstat, IPv6 from /proc/net/snmp6), ipIfStatsTableLastChange and
 * ipIfStatsTable (IPv6 rows from IFLA_INET6_STATS: Linux keeps no per-interface IPv4 counters), and
 * IPV6-MIB ipv6IfStatsTable. Columns and derived values follow net-snmp 5.9.3
 * (ip-mib/data_access/systemstats_linux.c, systemstats_common.c): a column is served when its
 * source counter exists; InForwDatagrams, OutFragReqds and OutTransmits are computed as net-snmp does.
 */
final class IpStatsObjects {
    private IpStatsObjects() {
    }

    /** net-snmp's ipSystemStatsRefreshRate (ms): its statistics cache lifetime. */
    static final long REFRESH_RATE_MS = 60_000;
    private static final int LAST_COLUMN = REFRESH_RATE;

    /** The ip group counters and their source (ipRoutingDiscards: Linux has no such counter, net-snmp serves 0). */
    private static final int[] IP_SCALARS = {IP_IN_RECEIVES, IP_IN_HDR_ERRORS, IP_IN_ADDR_ERRORS, IP_FORW_DATAGRAMS,
        IP_IN_UNKNOWN_PROTOS, IP_IN_DISCARDS, IP_IN_DELIVERS, IP_OUT_REQUESTS, IP_OUT_DISCARDS, IP_OUT_NO_ROUTES,
        IP_REASM_REQDS, IP_REASM_OKS, IP_REASM_FAILS, IP_FRAG_OKS, IP_FRAG_FAILS, IP_FRAG_CREATES};
    private static final IpStat[] IP_SCALAR_SOURCES = {IpStat.IN_RECEIVES, IpStat.IN_HDR_ERRORS, IpStat.IN_ADDR_ERRORS,
        IpStat.OUT_FORW_DATAGRAMS, IpStat.IN_UNKNOWN_PROTOS, IpStat.IN_DISCARDS, IpStat.IN_DELIVERS, IpStat.OUT_REQUESTS,
        IpStat.OUT_DISCARDS, IpStat.OUT_NO_ROUTES, IpStat.REASM_REQDS, IpStat.REASM_OKS, IpStat.REASM_FAILS,
        IpStat.FRAG_OKS, IpStat.FRAG_FAILS, IpStat.FRAG_CREATES};

    /** ipv6IfStatsTable columns 1..20 in order. */
    private static final IpStat[] IPV6_IF_STATS = {IpStat.IN_RECEIVES, IpStat.IN_HDR_ERRORS, IpStat.IN_TOO_BIG_ERRORS,
        IpStat.IN_NO_ROUTES, IpStat.IN_ADDR_ERRORS, IpStat.IN_UNKNOWN_PROTOS, IpStat.IN_TRUNCATED_PKTS, IpStat.IN_DISCARDS,
        IpStat.IN_DELIVERS, IpStat.OUT_FORW_DATAGRAMS, IpStat.OUT_REQUESTS, IpStat.OUT_DISCARDS, IpStat.FRAG_OKS,
        IpStat.FRAG_FAILS, IpStat.FRAG_CREATES, IpStat.REASM_REQDS, IpStat.REASM_OKS, IpStat.REASM_FAILS,
        IpStat.IN_MCAST_PKTS, IpStat.OUT_MCAST_PKTS};

    /** Counter64 columns of ipSystemStatsEntry / ipIfStatsEntry. */
    private static final boolean[] HC = new boolean[LAST_COLUMN + 1];

    static {
        for (int c : new int[] {HC_IN_RECEIVES, HC_IN_OCTETS, HC_IN_FORW_DATAGRAMS, HC_IN_DELIVERS, HC_OUT_REQUESTS,
            HC_OUT_FORW_DATAGRAMS, HC_OUT_TRANSMITS, HC_OUT_OCTETS, HC_IN_MCAST_PKTS, HC_IN_MCAST_OCTETS, HC_OUT_MCAST_PKTS,
            HC_OUT_MCAST_OCTETS, HC_IN_BCAST_PKTS, HC_OUT_BCAST_PKTS}) {
            HC[c] = true;
        }
    }

    /** The ip group counters, ipSystemStatsTable and ipIfStatsTableLastChange: a few dozen bindings. */
    private static List<Oid> systemRoots() {
        List<Oid> s = new ArrayList<>();
        for (int c : IP_SCALARS) {
            s.add(IpMib.IP.append(c));
        }
        s.add(IpMib.IP.append(IP_ROUTING_DISCARDS));
        s.add(IP_SYSTEM_STATS_TABLE);
        s.add(IP_IF_STATS_TABLE_LAST_CHANGE);
        return List.copyOf(s);
    }

    static final List<Oid> SYSTEM_SUBTREES = systemRoots();
    /** ipIfStatsTable: ~45 columns per interface with IPv6. */
    static final List<Oid> IF_STATS_SUBTREES = List.of(IP_IF_STATS_TABLE);
    /** IPV6-MIB ipv6IfStatsTable: 20 columns per interface with IPv6. */
    static final List<Oid> IPV6_IF_STATS_SUBTREES = List.of(IPV6_IF_STATS_TABLE);
    static final List<Oid> SUBTREES = concat(SYSTEM_SUBTREES, IF_STATS_SUBTREES, IPV6_IF_STATS_SUBTREES);

    @SafeVarargs
    private static List<Oid> concat(List<Oid>... lists) {
        List<Oid> all = new ArrayList<>();
        for (List<Oid> l : lists) {
            all.addAll(l);
        }
        return List.copyOf(all);
    }

    /** All of the statistics; the three groups below add the same in parts (a poll reads few of them). */
    static void addTo(SortedMibView.Builder b, NetnsSnapshot snap, Uptime uptime) {
        addSystemStats(b, snap, uptime);
        addIfStats(b, snap);
        addIpv6IfStats(b, snap);
    }

    /** The ip group counters, ipSystemStatsTable and ipIfStatsTableLastChange. */
    static void addSystemStats(SortedMibView.Builder b, NetnsSnapshot snap, Uptime uptime) {
        for (Oid root : SYSTEM_SUBTREES) {
            b.subtree(root);
        }
        for (int c : IP_SCALARS) {
            b.object(IpMib.IP.append(c));
        }
        b.object(IpMib.IP.append(IP_ROUTING_DISCARDS)).object(IP_IF_STATS_TABLE_LAST_CHANGE);
        for (int c = IN_RECEIVES; c <= LAST_COLUMN; c++) {
            b.object(IP_SYSTEM_STATS_ENTRY.append(c));
        }

        IpCounters v4 = snap.ipStatistics().ipv4();
        for (int i = 0; i < IP_SCALARS.length; i++) {
            if (v4.has(IP_SCALAR_SOURCES[i])) {
                b.add(IpMib.IP.append(IP_SCALARS[i], 0), MibValue.counter32(v4.get(IP_SCALAR_SOURCES[i])));
            }
        }
        if (!v4.isEmpty()) {
            b.add(IpMib.IP.append(IP_ROUTING_DISCARDS, 0), MibValue.counter32(0));
        }

        long[][] system = {columns(v4, true), columns(snap.ipStatistics().ipv6(), false)};
        for (int c = IN_RECEIVES; c <= LAST_COLUMN; c++) {
            for (int v = 0; v < 2; v++) {
                if (system[v][c] >= 0) {
                    b.add(IP_SYSTEM_STATS_ENTRY.append(c, v == 0 ? INET_IPV4 : INET_IPV6), value(c, system[v][c]));
                }
            }
        }

        b.add(IP_IF_STATS_TABLE_LAST_CHANGE.append(0), MibValue.timeTicks(
                uptime.timeStamp(Math.max(snap.interfacesLastChangeNanos(), snap.ipv6LastChangeNanos()))));
    }

    /** ipIfStatsTable: the IPv6 rows (Linux keeps no per-interface IPv4 counters); nothing to take over. */
    static void addIfStats(SortedMibView.Builder b, NetnsSnapshot snap) {
        addIfStats(b, snap, null);
    }

    /**
     * ipIfStatsTable, a row whose counters are the very object {@code previous} (the per-interface counters the
     * builder's previous view was built from; null: none) held for its interface taking the previous view's
     * values ({@link SortedMibView.Builder#addPreviousValue}). A refresh keeps the previous object for counters
     * that did not move (nlagent.model.Reuse), and a poll moves few: the others' values are not allocated again,
     * which a spaced poll otherwise left for the old generation to collect (bench/README.md, fourteenth round).
     */
    static void addIfStats(SortedMibView.Builder b, NetnsSnapshot snap, Map<Integer, IpCounters> previous) {
        b.subtree(IP_IF_STATS_TABLE);
        for (int c = IN_RECEIVES; c <= LAST_COLUMN; c++) {
            if (c != OUT_NO_ROUTES) {
                b.object(IP_IF_STATS_ENTRY.append(c));
            }
        }
        Map<Integer, IpCounters> perIf = snap.ipStatistics().ipv6Interfaces();
        // per row: whether its counters are the previous view's very object (once, not per column), and its column
        // values, computed when a column first needs them (never for a row that takes the previous values)
        boolean[] same = new boolean[perIf.size()];
        if (previous != null) {
            int r = 0;
            for (Map.Entry<Integer, IpCounters> e : perIf.entrySet()) {
                same[r++] = previous.get(e.getKey()) == e.getValue();
            }
        }
        long[][] ifColumns = new long[perIf.size()][];
        for (int c = IN_RECEIVES; c <= LAST_COLUMN; c++) {
            if (c == OUT_NO_ROUTES) {
                continue; // ipIfStatsEntry has no column 22
            }
            Oid column = IP_IF_STATS_ENTRY.append(c, INET_IPV6);
            int row = 0;
            for (Map.Entry<Integer, IpCounters> e : perIf.entrySet()) {
                int ifIndex = e.getKey();
                int at = row++;
                if (same[at] && b.addPreviousValue(column, ifIndex)) {
                    continue;
                }
                if (ifColumns[at] == null) {
                    ifColumns[at] = columns(e.getValue(), false);
                }
                long x = ifColumns[at][c];
                if (x >= 0) {
                    b.add(column, ifIndex, value(c, x));
                }
            }
        }
    }

    /** IPV6-MIB ipv6IfStatsTable; nothing to take over. */
    static void addIpv6IfStats(SortedMibView.Builder b, NetnsSnapshot snap) {
        addIpv6IfStats(b, snap, null);
    }

    /** IPV6-MIB ipv6IfStatsTable, rows whose counters did not move taking the previous values as in {@link #addIfStats(SortedMibView.Builder, NetnsSnapshot, Map)}. */
    static void addIpv6IfStats(SortedMibView.Builder b, NetnsSnapshot snap, Map<Integer, IpCounters> previous) {
        b.subtree(IPV6_IF_STATS_TABLE);
        for (int c = 1; c <= IPV6_IF_STATS.length; c++) {
            b.object(IPV6_IF_STATS_ENTRY.append(c));
        }
        Map<Integer, IpCounters> perIf = snap.ipStatistics().ipv6Interfaces();
        // the rows once, not one map lookup (and a boxed ifIndex) per row and column
        List<InterfaceSnapshot> interfaces = snap.interfaces();
        IpCounters[] rows = new IpCounters[interfaces.size()];
        boolean[] same = new boolean[rows.length];
        for (int r = 0; r < rows.length; r++) {
            InterfaceSnapshot i = interfaces.get(r);
            rows[r] = Ipv6MibObjects.hasIpv6Row(i) ? perIf.get(i.ifIndex()) : null;
            same[r] = rows[r] != null && previous != null && previous.get(i.ifIndex()) == rows[r];
        }
        for (int c = 1; c <= IPV6_IF_STATS.length; c++) {
            Oid column = IPV6_IF_STATS_ENTRY.append(c);
            IpStat stat = IPV6_IF_STATS[c - 1];
            for (int r = 0; r < rows.length; r++) {
                IpCounters s = rows[r];
                if (s != null && s.has(stat)) {
                    int ifIndex = interfaces.get(r).ifIndex();
                    if (!same[r] || !b.addPreviousValue(column, ifIndex)) {
                        b.add(column, ifIndex, MibValue.counter32(s.get(stat)));
                    }
                }
            }
        }
    }

    private static MibValue value(int column, long v) {
        if (column == DISCONTINUITY_TIME) {
            return MibValue.timeTicks(v);
        }
        if (column == REFRESH_RATE) {
            return MibValue.gauge32(v);
        }
        return HC[column] ? MibValue.counter64(v) : MibValue.counter32(v);
    }

    /**
     * ipSystemStatsEntry / ipIfStatsEntry column values (index = column, -1 = not served) from one
     * counter set. IPv6 sources (/proc/net/snmp6, IFLA_INET6_STATS) have no broadcast packet counts.
     * Discontinuity time 0: a row's counters never restart while the row exists (an ifIndex is not
     * reused within a namespace, and a namespace's counters live as long as it does).
     */
    static long[] columns(IpCounters s, boolean ipv4) {
        long[] col = new long[LAST_COLUMN + 1];
        java.util.Arrays.fill(col, -1);
        if (s.isEmpty()) {
            return col;
        }
        pair(col, IN_RECEIVES, s.get(IpStat.IN_RECEIVES));
        pair(col, IN_OCTETS, s.get(IpStat.IN_OCTETS));
        col[IN_HDR_ERRORS] = s.get(IpStat.IN_HDR_ERRORS);
        col[IN_NO_ROUTES] = s.get(IpStat.IN_NO_ROUTES);
        col[IN_ADDR_ERRORS] = s.get(IpStat.IN_ADDR_ERRORS);
        col[IN_UNKNOWN_PROTOS] = s.get(IpStat.IN_UNKNOWN_PROTOS);
        col[IN_TRUNCATED_PKTS] = s.get(IpStat.IN_TRUNCATED_PKTS);
        if (s.has(IpStat.IN_NO_ROUTES) && s.has(IpStat.OUT_FORW_DATAGRAMS)) {
            pair(col, IN_FORW_DATAGRAMS, s.get(IpStat.IN_NO_ROUTES) + s.get(IpStat.OUT_FORW_DATAGRAMS));
        }
        col[REASM_REQDS] = s.get(IpStat.REASM_REQDS);
        col[REASM_OKS] = s.get(IpStat.REASM_OKS);
        col[REASM_FAILS] = s.get(IpStat.REASM_FAILS);
        col[IN_DISCARDS] = s.get(IpStat.IN_DISCARDS);
        pair(col, IN_DELIVERS, s.get(IpStat.IN_DELIVERS));
        pair(col, OUT_REQUESTS, s.get(IpStat.OUT_REQUESTS));
        col[OUT_NO_ROUTES] = s.get(IpStat.OUT_NO_ROUTES);
        pair(col, OUT_FORW_DATAGRAMS, s.get(IpStat.OUT_FORW_DATAGRAMS));
        col[OUT_DISCARDS] = s.get(IpStat.OUT_DISCARDS);
        boolean frag = s.has(IpStat.FRAG_OKS) && s.has(IpStat.FRAG_FAILS);
        long fragReqds = frag ? s.get(IpStat.FRAG_OKS) + s.get(IpStat.FRAG_FAILS) : -1;
        col[OUT_FRAG_REQDS] = fragReqds;
        col[OUT_FRAG_OKS] = s.get(IpStat.FRAG_OKS);
        col[OUT_FRAG_FAILS] = s.get(IpStat.FRAG_FAILS);
        col[OUT_FRAG_CREATES] = s.get(IpStat.FRAG_CREATES);
        if (frag && s.has(IpStat.OUT_REQUESTS) && s.has(IpStat.OUT_FORW_DATAGRAMS) && s.has(IpStat.OUT_NO_ROUTES)
                && s.has(IpStat.FRAG_CREATES) && s.has(IpStat.OUT_DISCARDS)) {
            // net-snmp: OutRequests + OutForwDatagrams + FragCreates - FragReqds - OutNoRoutes - OutDiscards
            // (never below 0: the kernel's counters are read one by one, not atomically)
            pair(col, OUT_TRANSMITS, Math.max(0, s.get(IpStat.OUT_REQUESTS) + s.get(IpStat.OUT_FORW_DATAGRAMS)
                    + s.get(IpStat.FRAG_CREATES) - fragReqds - s.get(IpStat.OUT_NO_ROUTES) - s.get(IpStat.OUT_DISCARDS)));
        }
        pair(col, OUT_OCTETS, s.get(IpStat.OUT_OCTETS));
        pair(col, IN_MCAST_PKTS, s.get(IpStat.IN_MCAST_PKTS));
        pair(col, IN_MCAST_OCTETS, s.get(IpStat.IN_MCAST_OCTETS));
        pair(col, OUT_MCAST_PKTS, s.get(IpStat.OUT_MCAST_PKTS));
        pair(col, OUT_MCAST_OCTETS, s.get(IpStat.OUT_MCAST_OCTETS));
        if (ipv4) {
            pair(col, IN_BCAST_PKTS, s.get(IpStat.IN_BCAST_PKTS));
            pair(col, OUT_BCAST_PKTS, s.get(IpStat.OUT_BCAST_PKTS));
        }
        col[DISCONTINUITY_TIME] = 0;
        col[REFRESH_RATE] = REFRESH_RATE_MS;
        return col;
    }

    /** A 32-bit column and its HC twin (the next column) from one counter. */
    private static void pair(long[] col, int column, long v) {
        col[column] = v;
        col[column + 1] = v;
    }
}
