package nlagent.mib.netns;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.LinkStats;

/**
 * How net-snmp 5.9.3 on Linux derives IF-MIB values from what the kernel reports (read from
 * agent/mibgroup/if-mib/data_access/interface_linux.c, interface_ioctl.c, interface.c and
 * ifTable/ifXTable.c, and checked against a live snmpd). Kept in one place so that every frontend
 * serves the same numbers and the reasons stay next to the rules.
 */
public final class NetSnmpCompat {
    private NetSnmpCompat() {
    }

    // IANAifType values used below
    public static final int IANA_OTHER = 1, IANA_ETHERNET_CSMACD = 6, IANA_ISO88025_TOKEN_RING = 9, IANA_FDDI = 15,
            IANA_PPP = 23, IANA_SOFTWARE_LOOPBACK = 24, IANA_SLIP = 28, IANA_ARCNET = 35, IANA_ATM = 37,
            IANA_LOCALTALK = 42, IANA_HIPPI = 47, IANA_TUNNEL = 131, IANA_INFINIBAND = 199;

    /** net-snmp's NOMINAL_LINK_SPEED and its guesses for loopback and token ring. */
    private static final long TEN_MBPS = 10_000_000L;
    private static final long FOUR_MBPS = 4_000_000L;

    /**
     * ifType from the ARPHRD type (netsnmp_convert_arphrd_type). Everything not listed there is
     * other(1): net-snmp only guesses from the name when the SIOCGIFHWADDR ioctl fails, which it
     * does not for a live device.
     */
    public static int ifType(int arphrd) {
        switch (arphrd) {
            case 1: // ARPHRD_ETHER
                return IANA_ETHERNET_CSMACD;
            case 768: case 769: case 778: case 776: // TUNNEL, TUNNEL6, IPGRE, SIT
                return IANA_TUNNEL;
            case 32: // INFINIBAND
                return IANA_INFINIBAND;
            case 256: case 257: case 258: case 259: // SLIP, CSLIP, SLIP6, CSLIP6
                return IANA_SLIP;
            case 512: // PPP
                return IANA_PPP;
            case 772: // LOOPBACK
                return IANA_SOFTWARE_LOOPBACK;
            case 774: // FDDI
                return IANA_FDDI;
            case 7: // ARCNET
                return IANA_ARCNET;
            case 773: // LOCALTLK
                return IANA_LOCALTALK;
            case 780: // HIPPI
                return IANA_HIPPI;
            case 19: // ATM
                return IANA_ATM;
            default:
                return IANA_OTHER;
        }
    }

    /**
     * ifPhysAddress / ipv6IfPhysicalAddress: net-snmp copies the first 6 bytes of SIOCGIFHWADDR
     * (zero-padded when the device address is shorter) and serves an empty string when all six are
     * zero (loopback, tun, most tunnels).
     */
    public static byte[] physAddress(byte[] hw) {
        byte[] six = new byte[6];
        System.arraycopy(hw, 0, six, 0, Math.min(6, hw.length));
        for (byte b : six) {
            if (b != 0) {
                return six;
            }
        }
        return new byte[0];
    }

    /**
     * Interface speed in bit/s. Ethernet devices: the ethtool speed, 0 when unknown (net-snmp's
     * fallback to a nominal 10 Mb/s depends on IFF_RUNNING, which it tests before reading the
     * flags, so the fallback is always 0). Other types: net-snmp's guesses (loopback 10 Mb/s).
     */
    public static long speedBitsPerSecond(InterfaceSnapshot i) {
        int type = ifType(i.arphrdType());
        if (type == IANA_ETHERNET_CSMACD) {
            return i.speedMbps() > 0 ? i.speedMbps() * 1_000_000L : 0;
        }
        if (type == IANA_SOFTWARE_LOOPBACK) {
            return TEN_MBPS;
        }
        if (type == IANA_ISO88025_TOKEN_RING) {
            return FOUR_MBPS;
        }
        return 0;
    }

    /** ifSpeed: bit/s, latched at 2^32-1 (RFC 2863: then ifHighSpeed carries the value). */
    public static long ifSpeed(InterfaceSnapshot i) {
        return Math.min(speedBitsPerSecond(i), 0xFFFF_FFFFL);
    }

    /** ifHighSpeed: units of 1,000,000 bit/s. */
    public static long ifHighSpeed(InterfaceSnapshot i) {
        return speedBitsPerSecond(i) / 1_000_000L;
    }

    /** ifAdminStatus: up(1) when IFF_UP, else down(2). */
    public static int adminStatus(InterfaceSnapshot i) {
        return (i.flags() & InterfaceSnapshot.IFF_UP) != 0 ? 1 : 2;
    }

    /** ifOperStatus: up(1) when IFF_UP and IFF_RUNNING, else down(2) (net-snmp ignores IFLA_OPERSTATE). */
    public static int operStatus(InterfaceSnapshot i) {
        int f = i.flags();
        return (f & InterfaceSnapshot.IFF_UP) != 0 && (f & InterfaceSnapshot.IFF_RUNNING) != 0 ? 1 : 2;
    }

    /** ifConnectorPresent: false(2) for loopback devices, true(1) for everything else. */
    public static int connectorPresent(InterfaceSnapshot i) {
        return (i.flags() & InterfaceSnapshot.IFF_LOOPBACK) != 0 ? 2 : 1;
    }

    /** ifPromiscuousMode: true(1) when IFF_PROMISC. */
    public static int promiscuousMode(InterfaceSnapshot i) {
        return (i.flags() & InterfaceSnapshot.IFF_PROMISC) != 0 ? 1 : 2;
    }

    /** Received packets less multicast: net-snmp's unicast count (it has no broadcast counter). */
    public static long inUcastPkts(LinkStats s) {
        return Long.compareUnsigned(s.rxPackets(), s.multicast()) >= 0 ? s.rxPackets() - s.multicast() : 0;
    }

    /** /proc/net/dev's rx "drop" column: rx_dropped + rx_missed_errors. */
    public static long inDiscards(LinkStats s) {
        return s.rxDropped() + s.rxMissedErrors();
    }

    /** Transmitted packets, all counted as unicast; "lo" gets its rx count when tx reads 0 (an old-kernel workaround net-snmp still applies). */
    public static long outUcastPkts(InterfaceSnapshot i) {
        LinkStats s = i.stats();
        if (i.name().equals("lo") && s.rxPackets() != 0 && s.txPackets() == 0) {
            return s.rxPackets();
        }
        return s.txPackets();
    }

    /**
     * The IPv6 interface identifier net-snmp derives (netsnmp_derive_interface_id): modified EUI-64
     * from a 6-byte MAC for Ethernet-like types, empty for loopback and anything else.
     */
    public static byte[] ipv6InterfaceIdentifier(InterfaceSnapshot i) {
        int type = ifType(i.arphrdType());
        byte[] hw = i.hwAddress();
        if ((type == IANA_ETHERNET_CSMACD || type == IANA_FDDI || type == IANA_ISO88025_TOKEN_RING) && hw.length == 6) {
            return new byte[] {(byte) (hw[0] ^ 2), hw[1], hw[2], (byte) 0xFF, (byte) 0xFE, hw[3], hw[4], hw[5]};
        }
        return new byte[0];
    }

    /** net-snmp hard-codes the reassembly maximum to 65535 (ip_frag_reasm's limit) for IPv4 and IPv6. */
    public static final int REASM_MAX_SIZE = 65535;
}
