package nlagent.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import nlagent.model.Reuse;
import nlagent.model.InterfaceSnapshot;
import nlagent.model.IpAddressEntry;
import nlagent.model.Ipv4Conf;
import nlagent.model.Ipv6Conf;
import nlagent.model.LinkStats;
import nlagent.model.NetnsId;
import nlagent.model.NetnsSnapshot;
import nlagent.netlink.AddressInfo;
import nlagent.netlink.LinkInfo;
import nlagent.netlink.NeighParms;
import nlagent.netlink.Rtnl;
import nlagent.sys.Native;

/**
 * Joins one {@link KernelReading} (links, neightbl, netconf, scalars) into an immutable
 * {@link NetnsSnapshot}, carrying change times over from the previous snapshot: an interface's
 * lastChange moves when it appears or its operational state changes; the namespace's
 * interfacesLastChange when the set of ifindexes changes; ipv4/ipv6LastChange when a value any row's
 * IPv4/IPv6 settings serve (or the ALL forwarding flag) changes ({@code ipv4Changed}, {@code ipv6Changed}).
 * The first snapshot has 0 everywhere ("no change since the agent started").
 */
final class SnapshotAssembler {
    private SnapshotAssembler() {
    }

    /** Speed of a link, given its previous row (null when new); may ask the kernel. */
    @FunctionalInterface
    interface SpeedSource {
        long speedMbps(LinkInfo link, InterfaceSnapshot previous);
    }

    static NetnsSnapshot assemble(String context, NetnsId id, KernelReading r, NetnsSnapshot prev, long nowNanos,
                                  SpeedSource speeds) {
        return assemble(context, id, r, null, prev, nowNanos, speeds);
    }

    /**
     * @param before the reading {@code prev} was assembled from (null: unknown). When {@code r} holds the
     *               very neighbour-table, netconf and link-local tables of {@code before} (a refresh keeps
     *               them while their dumps read the same), a link that is the very object {@code before}
     *               held at the same position gets its previous row as it is: every input of the row is then
     *               unchanged. On a host of 1,000 idle pods that is nearly every row of a refresh.
     */
    static NetnsSnapshot assemble(String context, NetnsId id, KernelReading r, KernelReading before, NetnsSnapshot prev,
                                  long nowNanos, SpeedSource speeds) {
        Map<Integer, InterfaceSnapshot> rowsBefore = new HashMap<>();
        if (prev != null) {
            for (InterfaceSnapshot i : prev.interfaces()) {
                rowsBefore.put(i.ifIndex(), i);
            }
        }
        boolean sameTables = prev != null && before != null && r.neigh() == before.neigh() && r.netconf() == before.netconf()
                && r.linkLocal() == before.linkLocal();
        List<LinkInfo> linksBefore = before == null ? List.of() : before.links();
        List<InterfaceSnapshot> rows = new ArrayList<>(r.links().size());
        boolean v4Changed = false;
        boolean v6Changed = false;
        for (int p = 0; p < r.links().size(); p++) {
            LinkInfo l = r.links().get(p);
            InterfaceSnapshot old = rowsBefore.get(l.ifIndex());
            if (sameTables && old != null && p < linksBefore.size() && linksBefore.get(p) == l) {
                rows.add(old); // the row's every input is the one it was built from
                continue;
            }
            Ipv4Conf v4 = ipv4(l, r);
            Ipv6Conf v6 = ipv6(l, r);
            long lastChange;
            if (prev == null) {
                lastChange = 0;
            } else if (old == null || old.operState() != l.operState()) {
                lastChange = nowNanos;
            } else {
                lastChange = old.lastChangeNanos();
            }
            if (old != null) {
                v4Changed |= ipv4Changed(old.ipv4(), v4);
                v6Changed |= ipv6Changed(old, v6, l.flags(), l.hwAddress());
            }
            LinkStats stats = stats(l.stats64());
            if (old != null) { // unchanged parts stay the previous snapshot's objects (Reuse)
                stats = Reuse.previousIfEqual(old.stats(), stats);
                v4 = Reuse.previousIfEqual(old.ipv4(), v4);
                v6 = Reuse.previousIfEqual(old.ipv6(), v6);
            }
            rows.add(Reuse.previousIfEqual(old, new InterfaceSnapshot(l.ifIndex(), l.name(), l.arphrdType(), l.flags(), l.mtu(),
                    l.hwAddress(), l.operState(), l.alias(), l.kind(), stats, speeds.speedMbps(l, old), lastChange, v4, v6)));
        }
        rows.sort(Comparator.comparingInt(InterfaceSnapshot::ifIndex));
        dropDuplicateIndexes(rows);

        boolean v4Forwarding = r.netconf().forwarding(Native.AF_INET, Rtnl.NETCONFA_IFINDEX_ALL, 0) != 0;
        boolean v6Forwarding = r.netconf().forwarding(Native.AF_INET6, Rtnl.NETCONFA_IFINDEX_ALL, 0) != 0;
        long ifChange = 0;
        long v4Change = 0;
        long v6Change = 0;
        if (prev != null) {
            boolean setChanged = rows.size() != rowsBefore.size() || rows.stream().anyMatch(i -> !rowsBefore.containsKey(i.ifIndex()));
            ifChange = setChanged ? nowNanos : prev.interfacesLastChangeNanos();
            v4Change = v4Changed || setChanged || v4Forwarding != prev.ipv4Forwarding() ? nowNanos : prev.ipv4LastChangeNanos();
            v6Change = v6Changed || setChanged || v6Forwarding != prev.ipv6Forwarding() ? nowNanos : prev.ipv6LastChangeNanos();
        }
        return new NetnsSnapshot(context, id, r.readAtNanos(), prev == null ? 1 : prev.generation() + 1, rows,
                v4Forwarding, v6Forwarding, r.ipDefaultTtl(), r.ipfragTimeSeconds(), r.ipv6HopLimit(),
                ifChange, v4Change, v6Change,
                // the same list: a refresh that kept the addresses (NetnsHandle#refreshKind), the same rows
                prev != null && before != null && r.addresses() == before.addresses() ? prev.addresses() : addresses(r.addresses(), prev, nowNanos),
                r.ipStatistics(),
                List.of(), List.of()); // neighbours and routes: the handle's tables add them (NetnsSnapshot.withRouting)
    }

    /**
     * The addresses with their created / last-changed times: an address (same interface and bytes)
     * keeps its created time; its last change moves when flags, prefix, broadcast or lifetimes change
     * (net-snmp's rule, so a finite lifetime counting down moves it on every refresh).
     */
    static List<IpAddressEntry> addresses(List<AddressInfo> read, NetnsSnapshot prev, long nowNanos) {
        List<IpAddressEntry> old = prev == null ? List.of() : prev.addresses();
        Map<AddressKey, IpAddressEntry> before = new HashMap<>();
        for (IpAddressEntry e : old) {
            before.put(new AddressKey(e.ifIndex(), java.nio.ByteBuffer.wrap(e.address())), e);
        }
        List<IpAddressEntry> out = new ArrayList<>(read.size());
        for (int family : new int[] {Native.AF_INET, Native.AF_INET6}) {
            for (AddressInfo a : read) {
                if (a.family() != family) {
                    continue;
                }
                IpAddressEntry was = before.get(new AddressKey(a.ifIndex(), java.nio.ByteBuffer.wrap(a.address())));
                long created = prev == null ? 0 : was == null ? nowNanos : was.createdNanos();
                IpAddressEntry e = new IpAddressEntry(a.family(), a.ifIndex(), a.address(), a.prefixLen(), a.flags(), a.broadcast(),
                        a.preferredLifetimeSeconds(), a.validLifetimeSeconds(), created, created);
                long changed = was == null ? created : was.sameState(e) ? was.lastChangedNanos() : nowNanos;
                out.add(Reuse.previousIfEqual(was, new IpAddressEntry(a.family(), a.ifIndex(), a.address(), a.prefixLen(), a.flags(),
                        a.broadcast(), a.preferredLifetimeSeconds(), a.validLifetimeSeconds(), created, changed)));
            }
        }
        return out;
    }

    private record AddressKey(int ifIndex, java.nio.ByteBuffer address) {
    }

    /** An interrupted link dump accepted as is (see NlSocket.MAX_DUMP_ATTEMPTS) may repeat an ifindex. */
    private static void dropDuplicateIndexes(List<InterfaceSnapshot> rows) {
        for (int i = rows.size() - 1; i > 0; i--) {
            if (rows.get(i).ifIndex() == rows.get(i - 1).ifIndex()) {
                rows.remove(i);
            }
        }
    }

    /**
     * Whether an interface's IPv4 values as served changed (forwarding, the ARP times), for
     * ipv4InterfaceTableLastChange; not the IFLA_INET_CONF array kept beside them, most of whose
     * values change without a notification and are read only by full link dumps (NetnsHandle: on a link
     * notification, or every ten minutes), so the time would move a full link dump late.
     */
    private static boolean ipv4Changed(Ipv4Conf before, Ipv4Conf now) {
        if (before == null || now == null) {
            return before != now;
        }
        return before.forwarding() != now.forwarding() || timeChanged(before.retransTimeMs(), now.retransTimeMs())
                || timeChanged(before.baseReachableTimeMs(), now.baseReachableTimeMs());
    }

    /**
     * An ARP/ND time as served changed: not when it was unknown (-1: a namespace's neighbour tables are dumped
     * from its first read on, NetnsHandle#neighTables), which is learning it, not a change of the row.
     */
    private static boolean timeChanged(long was, long now) {
        return was != -1 && was != now;
    }

    /**
     * Whether an interface's IPv6 rows as served changed, for ipv6InterfaceTableLastChange (RFC 4293: a row added
     * or deleted, or its identifier, enable status, reachable or retransmit time or forwarding modified; its
     * reassembly size is fixed) and the IPV6-MIB's ipv6IfTable, whose rows come and go with IF_READY
     * ({@link Ipv6Conf#ready()}): not the rest {@link Ipv6Conf} keeps (the IFLA_INET6_CONF array, other flags,
     * the token), whose changes serve nothing there. The identifier is the link-local address's last 8 bytes, or
     * made from the hardware address when there is none (NetSnmpCompat.ipv6InterfaceIdentifier, for some link
     * types: any hardware address change counts here).
     */
    private static boolean ipv6Changed(InterfaceSnapshot before, Ipv6Conf now, int flagsNow, byte[] hwNow) {
        Ipv6Conf was = before.ipv6();
        if (was == null || now == null) {
            return was != now;
        }
        byte[] llWas = was.linkLocalAddress();
        byte[] llNow = now.linkLocalAddress();
        return was.forwarding() != now.forwarding() || timeChanged(was.retransTimeMs(), now.retransTimeMs())
                || timeChanged(was.baseReachableTimeMs(), now.baseReachableTimeMs()) || was.ready() != now.ready()
                || was.enabledWith(before.flags()) != now.enabledWith(flagsNow)
                || llWas.length != llNow.length
                || llNow.length == 16 && !java.util.Arrays.equals(llWas, 8, 16, llNow, 8, 16)
                || llNow.length == 0 && !java.util.Arrays.equals(before.hwAddress(), hwNow);
    }

    private static Ipv4Conf ipv4(LinkInfo l, KernelReading r) {
        if (l.inetConf() == null) {
            return null;
        }
        int[] conf = l.inetConf();
        int confForwarding = conf.length >= Rtnl.IPV4_DEVCONF_FORWARDING ? conf[Rtnl.IPV4_DEVCONF_FORWARDING - 1] : 0;
        int fwd = r.netconf().forwarding(Native.AF_INET, l.ifIndex(), confForwarding);
        NeighParms n = r.neigh(Native.AF_INET, l.ifIndex());
        return new Ipv4Conf(fwd != 0, n == null ? -1 : n.retransTimeMs(), n == null ? -1 : n.baseReachableTimeMs(), conf);
    }

    private static Ipv6Conf ipv6(LinkInfo l, KernelReading r) {
        LinkInfo.Inet6Info i6 = l.inet6();
        if (i6 == null) {
            return null;
        }
        int[] conf = i6.conf();
        int confForwarding = conf.length > Rtnl.DEVCONF_FORWARDING ? conf[Rtnl.DEVCONF_FORWARDING] : 0;
        int fwd = r.netconf().forwarding(Native.AF_INET6, l.ifIndex(), confForwarding);
        boolean disabled = conf.length > Rtnl.DEVCONF_DISABLE_IPV6 && conf[Rtnl.DEVCONF_DISABLE_IPV6] != 0;
        NeighParms n = r.neigh(Native.AF_INET6, l.ifIndex());
        long retrans = n != null ? n.retransTimeMs() : i6.retransTimeMs();
        long base = n != null ? n.baseReachableTimeMs() : -1;
        return new Ipv6Conf(fwd != 0, retrans, base, i6.maxReasmLen(), i6.flags(), disabled, i6.token(), conf,
                r.linkLocal().get(l.ifIndex()));
    }

    /** struct rtnl_link_stats64 fields in order; fields an older kernel does not send read 0. */
    static LinkStats stats(long[] s) {
        if (s.length == 0) {
            return LinkStats.ZERO;
        }
        long[] f = s.length >= 25 ? s : java.util.Arrays.copyOf(s, 25);
        return new LinkStats(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13],
                f[14], f[15], f[16], f[17], f[18], f[19], f[20], f[21], f[22], f[23], f[24]);
    }
}
