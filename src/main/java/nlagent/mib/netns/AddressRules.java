package nlagent.mib.netns;

import nlagent.model.IpAddressEntry;

/**
 * How an address's IP-MIB columns follow from the kernel's flags: net-snmp 5.9.3's Linux rules
 * (ip-mib/data_access/ipaddress_linux.c, ipaddress_ioctl.c, ipaddress_common.c), except
 * ipAddressStatus, which follows RFC 4293 where net-snmp's is wrong (README, compatibility).
 */
final class AddressRules {
    private AddressRules() {
    }

    // IFA_F_* (linux/if_addr.h)
    static final int IFA_F_TEMPORARY = 0x01, IFA_F_OPTIMISTIC = 0x04, IFA_F_DADFAILED = 0x08, IFA_F_DEPRECATED = 0x20,
            IFA_F_TENTATIVE = 0x40, IFA_F_PERMANENT = 0x80;

    // IpAddressOriginTC, IpAddressStatusTC, IpAddressPrefixOriginTC, StorageType, ipAddressType
    static final int ORIGIN_MANUAL = 2, ORIGIN_LINKLAYER = 5, ORIGIN_RANDOM = 6;
    static final int STATUS_PREFERRED = 1, STATUS_DEPRECATED = 2, STATUS_TENTATIVE = 6, STATUS_DUPLICATE = 7, STATUS_OPTIMISTIC = 8;
    static final int PREFIX_ORIGIN_WELLKNOWN = 3, PREFIX_ORIGIN_ROUTERADV = 5;
    static final int STORAGE_VOLATILE = 2, STORAGE_PERMANENT = 4;
    static final int TYPE_UNICAST = 1, TYPE_BROADCAST = 3;
    /** "Forever" in ifa_cacheinfo and in the prefix lifetimes (4294967295 = infinite, RFC 4293). */
    static final long INFINITE_LIFETIME = 0xFFFF_FFFFL;

    /**
     * net-snmp reads IPv6 flags from /proc/net/if_inet6, which prints only their low 8 bits
     * (the kernel casts to u8); its origin and prefix-origin rules see those.
     */
    private static int procFlags(IpAddressEntry a) {
        return a.flags() & 0xFF;
    }

    /** ipAddressOrigin: IPv4 manual, or random for 169.254/16 (APIPA); IPv6 by flags and scope. */
    static int origin(IpAddressEntry a) {
        byte[] b = a.address();
        if (a.isIpv4()) {
            return (b[0] & 0xFF) == 169 && (b[1] & 0xFF) == 254 ? ORIGIN_RANDOM : ORIGIN_MANUAL;
        }
        int f = procFlags(a);
        if (f == 0) {
            return ORIGIN_LINKLAYER; // kernel-made (SLAAC): not permanent, no other flag
        }
        if ((f & IFA_F_TEMPORARY) != 0) {
            return ORIGIN_RANDOM; // RFC 4941 privacy address
        }
        return isLinkLocal(b) ? ORIGIN_LINKLAYER : ORIGIN_MANUAL;
    }

    /**
     * ipAddressStatus per RFC 4293. IPv4 addresses are always preferred. net-snmp reports every
     * permanent (manually added) IPv6 address as preferred, even when it is deprecated, tentative or
     * failed DAD; we report what the kernel says.
     */
    static int status(IpAddressEntry a) {
        if (a.isIpv4()) {
            return STATUS_PREFERRED;
        }
        int f = a.flags();
        if ((f & IFA_F_DADFAILED) != 0) {
            return STATUS_DUPLICATE;
        }
        if ((f & IFA_F_TENTATIVE) != 0) {
            return (f & IFA_F_OPTIMISTIC) != 0 ? STATUS_OPTIMISTIC : STATUS_TENTATIVE;
        }
        return (f & IFA_F_DEPRECATED) != 0 ? STATUS_DEPRECATED : STATUS_PREFERRED;
    }

    /** What net-snmp 5.9.3 serves as ipAddressStatus (for the parity test and the README's list of differences). */
    static int netSnmpStatus(IpAddressEntry a) {
        if (a.isIpv4()) {
            return STATUS_PREFERRED;
        }
        int f = procFlags(a);
        if ((f & IFA_F_PERMANENT) != 0 || f == 0 || (f & IFA_F_TEMPORARY) != 0) {
            return STATUS_PREFERRED;
        }
        if ((f & IFA_F_DEPRECATED) != 0) {
            return STATUS_DEPRECATED;
        }
        return (f & IFA_F_TENTATIVE) != 0 ? STATUS_TENTATIVE : 5; // unknown(5)
    }

    /** ipAddressStorageType: link-layer (kernel-made) addresses are permanent, the rest volatile. */
    static int storageType(int origin) {
        return origin == ORIGIN_LINKLAYER ? STORAGE_PERMANENT : STORAGE_VOLATILE;
    }

    /** ipAddressPrefixOrigin from the address that defines the prefix (netsnmp_ipaddress_prefix_origin_copy). */
    static int prefixOrigin(IpAddressEntry a, int addressOrigin) {
        if (a.isIpv4()) {
            return addressOrigin == ORIGIN_RANDOM ? PREFIX_ORIGIN_WELLKNOWN : addressOrigin;
        }
        if (addressOrigin == ORIGIN_LINKLAYER) {
            return procFlags(a) == 0 ? PREFIX_ORIGIN_ROUTERADV : PREFIX_ORIGIN_WELLKNOWN;
        }
        return addressOrigin == ORIGIN_RANDOM ? PREFIX_ORIGIN_ROUTERADV : addressOrigin;
    }

    /** The prefix: the address with every bit past {@code prefixLength} cleared. */
    static byte[] prefix(byte[] address, int prefixLength) {
        byte[] p = new byte[address.length];
        int bytes = Math.min(prefixLength / 8, address.length);
        System.arraycopy(address, 0, p, 0, bytes);
        int bits = prefixLength % 8;
        if (bits != 0 && bytes < p.length) {
            p[bytes] = (byte) (address[bytes] & (0xFF << (8 - bits)));
        }
        return p;
    }

    /** An IPv4 netmask of {@code prefixLength} bits. */
    static byte[] netmask(int prefixLength) {
        long m = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
        return new byte[] {(byte) (m >>> 24), (byte) (m >>> 16), (byte) (m >>> 8), (byte) m};
    }

    static boolean isLinkLocal(byte[] v6) {
        return v6.length == 16 && (v6[0] & 0xFF) == 0xFE && (v6[1] & 0xC0) == 0x80;
    }
}
