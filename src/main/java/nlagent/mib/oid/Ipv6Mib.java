package nlagent.mib.oid;

import nlagent.mib.Oid;

/** IPV6-MIB (RFC 2465): the general group scalars and ipv6IfTable, defined once. */
public final class Ipv6Mib {
    private Ipv6Mib() {
    }

    public static final Oid IPV6_MIB = Oid.parse("1.3.6.1.2.1.55");
    public static final Oid IPV6_MIB_OBJECTS = IPV6_MIB.append(1);
    public static final Oid IPV6_FORWARDING = IPV6_MIB_OBJECTS.append(1);
    public static final Oid IPV6_DEFAULT_HOP_LIMIT = IPV6_MIB_OBJECTS.append(2);
    public static final Oid IPV6_INTERFACES = IPV6_MIB_OBJECTS.append(3);
    public static final Oid IPV6_IF_TABLE_LAST_CHANGE = IPV6_MIB_OBJECTS.append(4);
    public static final Oid IPV6_IF_TABLE = IPV6_MIB_OBJECTS.append(5);
    public static final Oid IPV6_IF_ENTRY = IPV6_IF_TABLE.append(1);

    /** ipv6IfTable columns (1, ipv6IfIndex, is not-accessible). */
    public static final int IPV6_IF_DESCR = 2, IPV6_IF_LOWER_LAYER = 3, IPV6_IF_EFFECTIVE_MTU = 4,
            IPV6_IF_REASM_MAX_SIZE = 5, IPV6_IF_IDENTIFIER = 6, IPV6_IF_IDENTIFIER_LENGTH = 7,
            IPV6_IF_PHYSICAL_ADDRESS = 8, IPV6_IF_ADMIN_STATUS = 9, IPV6_IF_OPER_STATUS = 10,
            IPV6_IF_LAST_CHANGE = 11;

    /** sysORTable identity of IPV6-MIB. */
    public static final Oid MODULE = IPV6_MIB;
}
