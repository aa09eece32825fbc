package nlagent.mib.netns;

import static nlagent.mib.oid.IpAddressMib.*;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.model.IpAddressEntry;
import nlagent.model.NetnsSnapshot;

/**
 * IP-MIB addresses of one namespace: ipAddrTable (IPv4), ipAddressPrefixTable, ipAddressSpinLock
 * and ipAddressTable (IPv4 + IPv6), with net-snmp 5.9.3's row rules: an ipAddressTable row per
 * address plus, per interface whose IPv4 addresses carry a broadcast address, one broadcast(3) row;
 * a prefix row per distinct (interface, prefix) of those rows, its values from the first address
 * (in index order) in it; for an address on two interfaces, the first interface's row.
 */
final class IpAddressObjects {
    private IpAddressObjects() {
    }

    static final List<Oid> SUBTREES = List.of(IP_ADDR_TABLE, IP_ADDRESS_PREFIX_TABLE, IP_ADDRESS_SPIN_LOCK, IP_ADDRESS_TABLE);

    /** TestAndIncr starts at an arbitrary value (RFC 2579); nlagent implements no SET, so it never moves. */
    private static final int SPIN_LOCK = new SecureRandom().nextInt(Integer.MAX_VALUE);

    /** One ipAddressTable row. */
    private record Row(IpAddressEntry source, byte[] address, int type, int origin) {
        Oid prefixIndex() {
            byte[] p = AddressRules.prefix(address, source.prefixLength());
            return Oid.of(source.ifIndex()).append(inetIndex(p)).append(source.prefixLength());
        }
    }

    static void addTo(SortedMibView.Builder b, NetnsSnapshot snap, Uptime uptime) {
        for (Oid root : SUBTREES) {
            b.subtree(root);
        }
        b.object(IP_ADDRESS_SPIN_LOCK);
        for (int c = IP_AD_ENT_ADDR; c <= IP_AD_ENT_BCAST_ADDR; c++) {
            b.object(IP_ADDR_ENTRY.append(c));
        }
        for (int c = PREFIX_ORIGIN; c <= PREFIX_ADV_VALID_LIFETIME; c++) {
            b.object(IP_ADDRESS_PREFIX_ENTRY.append(c));
        }
        for (int c = ADDRESS_IF_INDEX; c <= ADDRESS_STORAGE_TYPE; c++) {
            b.object(IP_ADDRESS_ENTRY.append(c));
        }
        addIpAddrTable(b, snap);
        TreeMap<Oid, Row> rows = addressRows(snap);
        TreeMap<Oid, Row> prefixes = new TreeMap<>();
        for (Row r : rows.values()) {
            prefixes.putIfAbsent(r.prefixIndex(), r);
        }
        for (int c = PREFIX_ORIGIN; c <= PREFIX_ADV_VALID_LIFETIME; c++) {
            Oid column = IP_ADDRESS_PREFIX_ENTRY.append(c);
            for (Map.Entry<Oid, Row> e : prefixes.entrySet()) {
                b.add(column.append(e.getKey()), prefixValue(c, e.getValue()));
            }
        }
        b.add(IP_ADDRESS_SPIN_LOCK.append(0), MibValue.integer(SPIN_LOCK));
        for (int c = ADDRESS_IF_INDEX; c <= ADDRESS_STORAGE_TYPE; c++) {
            Oid column = IP_ADDRESS_ENTRY.append(c);
            for (Map.Entry<Oid, Row> e : rows.entrySet()) {
                b.add(column.append(e.getKey()), addressValue(c, e.getValue(), uptime));
            }
        }
    }

    /** ipAddrTable: one row per IPv4 address (first interface wins), as mibII/ipAddr.c reads SIOCGIFCONF. */
    private static void addIpAddrTable(SortedMibView.Builder b, NetnsSnapshot snap) {
        TreeMap<Oid, IpAddressEntry> v4 = new TreeMap<>();
        for (IpAddressEntry a : snap.addresses()) {
            if (a.isIpv4()) {
                v4.putIfAbsent(Oid.of(unsigned(a.address())), a);
            }
        }
        for (int c = IP_AD_ENT_ADDR; c <= IP_AD_ENT_BCAST_ADDR; c++) {
            Oid column = IP_ADDR_ENTRY.append(c);
            for (Map.Entry<Oid, IpAddressEntry> e : v4.entrySet()) {
                IpAddressEntry a = e.getValue();
                MibValue v = switch (c) {
                    case IP_AD_ENT_ADDR -> MibValue.ipAddress(a.address());
                    case IP_AD_ENT_IF_INDEX -> MibValue.integer(a.ifIndex());
                    case IP_AD_ENT_NET_MASK -> MibValue.ipAddress(AddressRules.netmask(a.prefixLength()));
                    // the least significant bit of the broadcast address (0 when the address has none)
                    default -> MibValue.integer(a.broadcast().length == 4 ? a.broadcast()[3] & 1 : 0);
                };
                b.add(column.append(e.getKey()), v);
            }
        }
    }

    /** ipAddressTable rows by index (type.length.address), first of duplicates kept. */
    private static TreeMap<Oid, Row> addressRows(NetnsSnapshot snap) {
        List<Row> inOrder = new ArrayList<>();
        Map<Integer, byte[]> lastBroadcast = new LinkedHashMap<>();
        Map<Integer, IpAddressEntry> firstV4 = new LinkedHashMap<>();
        for (IpAddressEntry a : snap.addresses()) {
            if (a.isIpv4()) {
                firstV4.putIfAbsent(a.ifIndex(), a);
                if (a.broadcast().length == 4) {
                    lastBroadcast.put(a.ifIndex(), a.broadcast());
                }
            }
        }
        for (IpAddressEntry a : snap.addresses()) {
            if (a.isIpv4() && firstV4.get(a.ifIndex()) == a && lastBroadcast.containsKey(a.ifIndex())) {
                // net-snmp: the interface's (last) broadcast address, with its first address's prefix
                inOrder.add(new Row(a, lastBroadcast.get(a.ifIndex()), AddressRules.TYPE_BROADCAST, AddressRules.origin(a)));
            }
            inOrder.add(new Row(a, a.address(), AddressRules.TYPE_UNICAST, AddressRules.origin(a)));
        }
        TreeMap<Oid, Row> rows = new TreeMap<>();
        for (Row r : inOrder) {
            rows.putIfAbsent(inetIndex(r.address), r);
        }
        return rows;
    }

    private static MibValue prefixValue(int column, Row r) {
        IpAddressEntry a = r.source;
        boolean v4 = a.isIpv4();
        return switch (column) {
            case PREFIX_ORIGIN -> MibValue.integer(AddressRules.prefixOrigin(a, r.origin));
            case PREFIX_ON_LINK_FLAG -> MibValue.integer(1); // true: the kernel installs the prefix route on-link
            case PREFIX_AUTONOMOUS_FLAG -> MibValue.integer(2); // false: as net-snmp, which has no RA information
            case PREFIX_ADV_PREFERRED_LIFETIME -> MibValue.gauge32(v4 ? AddressRules.INFINITE_LIFETIME : lifetime(a.preferredLifetimeSeconds()));
            default -> MibValue.gauge32(v4 ? AddressRules.INFINITE_LIFETIME : lifetime(a.validLifetimeSeconds()));
        };
    }

    private static long lifetime(long seconds) {
        return seconds < 0 ? 0 : seconds;
    }

    private static MibValue addressValue(int column, Row r, Uptime uptime) {
        IpAddressEntry a = r.source;
        return switch (column) {
            case ADDRESS_IF_INDEX -> MibValue.integer(a.ifIndex());
            case ADDRESS_TYPE -> MibValue.integer(r.type);
            // the prefix row's first column: NMSes read the prefix length from its last sub-identifier
            case ADDRESS_PREFIX -> MibValue.oid(IP_ADDRESS_PREFIX_ENTRY.append(PREFIX_ORIGIN).append(r.prefixIndex()));
            case ADDRESS_ORIGIN -> MibValue.integer(r.origin);
            case ADDRESS_STATUS -> MibValue.integer(r.type == AddressRules.TYPE_BROADCAST ? AddressRules.STATUS_PREFERRED
                    : AddressRules.status(a));
            case ADDRESS_CREATED -> MibValue.timeTicks(uptime.timeStamp(a.createdNanos()));
            case ADDRESS_LAST_CHANGED -> MibValue.timeTicks(uptime.timeStamp(a.lastChangedNanos()));
            case ADDRESS_ROW_STATUS -> MibValue.integer(1); // active
            default -> MibValue.integer(AddressRules.storageType(r.origin));
        };
    }

    /** An InetAddressType + InetAddress index: type, length, the address bytes. */
    static Oid inetIndex(byte[] address) {
        return Oid.of(address.length == 4 ? INET_IPV4 : INET_IPV6, address.length).append(unsigned(address));
    }

    private static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }
}
