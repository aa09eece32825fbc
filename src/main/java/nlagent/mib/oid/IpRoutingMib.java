package nlagent.mib.oid;

import nlagent.mib.Oid;

/**
 * The neighbour and route tables under the ip group: MIB-II/RFC 1213 ipRouteTable and
 * ipNetToMediaTable, IP-FORWARD-MIB (RFC 2096, RFC 4292) and the IP-MIB (RFC 4293) neighbour,
 * scope-zone and default-router tables, defined once.
 */
public final class IpRoutingMib {
    private IpRoutingMib() {
    }

    private static final Oid IP = IpMib.IP;

    /** ipRouteTable (RFC 1213), indexed by ipRouteDest. */
    public static final Oid IP_ROUTE_TABLE = IP.append(21);
    public static final Oid IP_ROUTE_ENTRY = IP_ROUTE_TABLE.append(1);
    public static final int IP_ROUTE_DEST = 1, IP_ROUTE_IF_INDEX = 2, IP_ROUTE_METRIC1 = 3, IP_ROUTE_METRIC2 = 4,
            IP_ROUTE_METRIC3 = 5, IP_ROUTE_METRIC4 = 6, IP_ROUTE_NEXT_HOP = 7, IP_ROUTE_TYPE = 8, IP_ROUTE_PROTO = 9,
            IP_ROUTE_AGE = 10, IP_ROUTE_MASK = 11, IP_ROUTE_METRIC5 = 12, IP_ROUTE_INFO = 13;

    /** ipNetToMediaTable (RFC 1213/4293), indexed by ifIndex and IPv4 address. */
    public static final Oid IP_NET_TO_MEDIA_TABLE = IP.append(22);
    public static final Oid IP_NET_TO_MEDIA_ENTRY = IP_NET_TO_MEDIA_TABLE.append(1);
    public static final int IP_NET_TO_MEDIA_IF_INDEX = 1, IP_NET_TO_MEDIA_PHYS_ADDRESS = 2,
            IP_NET_TO_MEDIA_NET_ADDRESS = 3, IP_NET_TO_MEDIA_TYPE = 4;

    /** ipForward (IP-FORWARD-MIB). */
    public static final Oid IP_FORWARD = IP.append(24);
    /** sysORTable identity of IP-FORWARD-MIB (ipForward MODULE-IDENTITY). */
    public static final Oid FORWARD_MODULE = IP_FORWARD;
    public static final Oid IP_CIDR_ROUTE_NUMBER = IP_FORWARD.append(3);
    public static final Oid IP_CIDR_ROUTE_TABLE = IP_FORWARD.append(4);
    public static final Oid IP_CIDR_ROUTE_ENTRY = IP_CIDR_ROUTE_TABLE.append(1);
    /** ipCidrRouteTable columns 1..16 (Dest, Mask, Tos, NextHop are also the index). */
    public static final int IP_CIDR_ROUTE_DEST = 1, IP_CIDR_ROUTE_MASK = 2, IP_CIDR_ROUTE_TOS = 3,
            IP_CIDR_ROUTE_NEXT_HOP = 4, IP_CIDR_ROUTE_IF_INDEX = 5, IP_CIDR_ROUTE_TYPE = 6, IP_CIDR_ROUTE_PROTO = 7,
            IP_CIDR_ROUTE_AGE = 8, IP_CIDR_ROUTE_INFO = 9, IP_CIDR_ROUTE_NEXT_HOP_AS = 10, IP_CIDR_ROUTE_METRIC1 = 11,
            IP_CIDR_ROUTE_METRIC2 = 12, IP_CIDR_ROUTE_METRIC3 = 13, IP_CIDR_ROUTE_METRIC4 = 14,
            IP_CIDR_ROUTE_METRIC5 = 15, IP_CIDR_ROUTE_STATUS = 16;
    public static final Oid INET_CIDR_ROUTE_NUMBER = IP_FORWARD.append(6);
    public static final Oid INET_CIDR_ROUTE_TABLE = IP_FORWARD.append(7);
    public static final Oid INET_CIDR_ROUTE_ENTRY = INET_CIDR_ROUTE_TABLE.append(1);
    /** inetCidrRouteTable columns 7..17 (1..6 are the not-accessible index). */
    public static final int INET_CIDR_ROUTE_IF_INDEX = 7, INET_CIDR_ROUTE_TYPE = 8, INET_CIDR_ROUTE_PROTO = 9,
            INET_CIDR_ROUTE_AGE = 10, INET_CIDR_ROUTE_NEXT_HOP_AS = 11, INET_CIDR_ROUTE_METRIC1 = 12,
            INET_CIDR_ROUTE_METRIC2 = 13, INET_CIDR_ROUTE_METRIC3 = 14, INET_CIDR_ROUTE_METRIC4 = 15,
            INET_CIDR_ROUTE_METRIC5 = 16, INET_CIDR_ROUTE_STATUS = 17;
    public static final Oid INET_CIDR_ROUTE_DISCARDS = IP_FORWARD.append(8);

    /** ipNetToPhysicalTable (RFC 4293), indexed by ifIndex, InetAddressType, InetAddress. */
    public static final Oid IP_NET_TO_PHYSICAL_TABLE = IP.append(35);
    public static final Oid IP_NET_TO_PHYSICAL_ENTRY = IP_NET_TO_PHYSICAL_TABLE.append(1);
    public static final int IP_NET_TO_PHYSICAL_PHYS_ADDRESS = 4, IP_NET_TO_PHYSICAL_LAST_UPDATED = 5,
            IP_NET_TO_PHYSICAL_TYPE = 6, IP_NET_TO_PHYSICAL_STATE = 7, IP_NET_TO_PHYSICAL_ROW_STATUS = 8;

    /** ipv6ScopeZoneIndexTable (RFC 4293), indexed by ifIndex; columns 2..13 (LinkLocal .. D). */
    public static final Oid IPV6_SCOPE_ZONE_INDEX_TABLE = IP.append(36);
    public static final Oid IPV6_SCOPE_ZONE_INDEX_ENTRY = IPV6_SCOPE_ZONE_INDEX_TABLE.append(1);
    public static final int IPV6_SCOPE_ZONE_INDEX_LINK_LOCAL = 2, IPV6_SCOPE_ZONE_INDEX_LAST = 13;

    /** ipDefaultRouterTable (RFC 4293), indexed by InetAddressType, InetAddress, ifIndex. */
    public static final Oid IP_DEFAULT_ROUTER_TABLE = IP.append(37);
    public static final Oid IP_DEFAULT_ROUTER_ENTRY = IP_DEFAULT_ROUTER_TABLE.append(1);
    public static final int IP_DEFAULT_ROUTER_LIFETIME = 4, IP_DEFAULT_ROUTER_PREFERENCE = 5;

    /** The OID value { 0 0 } (ipRouteInfo, ipCidrRouteInfo, the default inetCidrRoutePolicy). */
    public static final Oid ZERO_DOT_ZERO = Oid.of(0, 0);
}
