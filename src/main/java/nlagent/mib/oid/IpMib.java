package nlagent.mib.oid;

import nlagent.mib.Oid;

/** IP-MIB (RFC 4293): the scalars and interface tables this agent serves, defined once. */
public final class IpMib {
    private IpMib() {
    }

    public static final Oid IP = Oid.parse("1.3.6.1.2.1.4");
    public static final Oid IP_FORWARDING = IP.append(1);
    public static final Oid IP_DEFAULT_TTL = IP.append(2);
    public static final Oid IP_REASM_TIMEOUT = IP.append(13);
    public static final Oid IPV6_IP_FORWARDING = IP.append(25);
    public static final Oid IPV6_IP_DEFAULT_HOP_LIMIT = IP.append(26);
    public static final Oid IPV4_INTERFACE_TABLE_LAST_CHANGE = IP.append(27);
    public static final Oid IPV4_INTERFACE_TABLE = IP.append(28);
    public static final Oid IPV4_INTERFACE_ENTRY = IPV4_INTERFACE_TABLE.append(1);
    public static final Oid IPV6_INTERFACE_TABLE_LAST_CHANGE = IP.append(29);
    public static final Oid IPV6_INTERFACE_TABLE = IP.append(30);
    public static final Oid IPV6_INTERFACE_ENTRY = IPV6_INTERFACE_TABLE.append(1);

    /** ipv4InterfaceTable columns (1, the index, is not-accessible). */
    public static final int IPV4_IF_REASM_MAX_SIZE = 2, IPV4_IF_ENABLE_STATUS = 3, IPV4_IF_RETRANSMIT_TIME = 4;

    /** ipv6InterfaceTable columns (1 is the index; 4 was never assigned). */
    public static final int IPV6_IF_REASM_MAX_SIZE = 2, IPV6_IF_IDENTIFIER = 3, IPV6_IF_ENABLE_STATUS = 5,
            IPV6_IF_REACHABLE_TIME = 6, IPV6_IF_RETRANSMIT_TIME = 7, IPV6_IF_FORWARDING = 8;

    /** sysORTable identity of IP-MIB (ipMIB MODULE-IDENTITY). */
    public static final Oid MODULE = Oid.parse("1.3.6.1.2.1.48");
}
