package nlagent.mib.oid;

import nlagent.mib.Oid;

/** IP-MIB (RFC 4293) address objects: ipAddrTable, ipAddressPrefixTable, ipAddressSpinLock, ipAddressTable. */
public final class IpAddressMib {
    private IpAddressMib() {
    }

    /** ipAddrTable (4.20), deprecated but still walked by Cacti, Observium, LibreNMS discovery. */
    public static final Oid IP_ADDR_TABLE = IpMib.IP.append(20);
    public static final Oid IP_ADDR_ENTRY = IP_ADDR_TABLE.append(1);
    /** ipAddrEntry columns; 5 (ipAdEntReasmMaxSize) is not served (see README). */
    public static final int IP_AD_ENT_ADDR = 1, IP_AD_ENT_IF_INDEX = 2, IP_AD_ENT_NET_MASK = 3, IP_AD_ENT_BCAST_ADDR = 4;

    public static final Oid IP_ADDRESS_PREFIX_TABLE = IpMib.IP.append(32);
    public static final Oid IP_ADDRESS_PREFIX_ENTRY = IP_ADDRESS_PREFIX_TABLE.append(1);
    /** ipAddressPrefixEntry columns (1–4 are the index: IfIndex, Type, Prefix, Length). */
    public static final int PREFIX_ORIGIN = 5, PREFIX_ON_LINK_FLAG = 6, PREFIX_AUTONOMOUS_FLAG = 7,
            PREFIX_ADV_PREFERRED_LIFETIME = 8, PREFIX_ADV_VALID_LIFETIME = 9;

    public static final Oid IP_ADDRESS_SPIN_LOCK = IpMib.IP.append(33);

    public static final Oid IP_ADDRESS_TABLE = IpMib.IP.append(34);
    public static final Oid IP_ADDRESS_ENTRY = IP_ADDRESS_TABLE.append(1);
    /** ipAddressEntry columns (1–2 are the index: AddrType, Addr). */
    public static final int ADDRESS_IF_INDEX = 3, ADDRESS_TYPE = 4, ADDRESS_PREFIX = 5, ADDRESS_ORIGIN = 6, ADDRESS_STATUS = 7,
            ADDRESS_CREATED = 8, ADDRESS_LAST_CHANGED = 9, ADDRESS_ROW_STATUS = 10, ADDRESS_STORAGE_TYPE = 11;

    /** InetAddressType values used in the indexes (also the IPVersion index of the statistics tables). */
    public static final int INET_IPV4 = 1, INET_IPV6 = 2;
}
