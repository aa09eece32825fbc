package nlagent.standalone;

import java.net.InetAddress;
import java.net.UnknownHostException;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;

/**
 * Which client addresses a community is accepted from: an IP literal, a CIDR prefix
 * ({@code 10.0.0.0/8}, {@code fd00::/8}) or {@code default} (any address). IPv4-mapped IPv6
 * clients are matched as IPv4.
 */
public final class SourceFilter {
    private final byte[] network; // null: any
    private final int prefixBits;
    private final String text;

    private SourceFilter(byte[] network, int prefixBits, String text) {
        this.network = network;
        this.prefixBits = prefixBits;
        this.text = text;
    }

    public static SourceFilter parse(String s, ConfigLine line) throws ConfigException {
        if (s.equals("default")) {
            return new SourceFilter(null, 0, s);
        }
        String addr = s;
        int bits = -1;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            addr = s.substring(0, slash);
            try {
                bits = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw line.error("bad prefix length in '" + s + "'");
            }
        }
        if (!addr.matches("[0-9.]+") && !addr.contains(":")) {
            throw line.error("source must be an IP address, ADDR/BITS or 'default', got '" + s + "'");
        }
        byte[] net;
        try {
            net = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw line.error("source must be an IP address, ADDR/BITS or 'default', got '" + s + "'");
        }
        int max = net.length * 8;
        if (bits < 0) {
            bits = max;
        }
        if (bits > max) {
            throw line.error("prefix length " + bits + " exceeds " + max + " in '" + s + "'");
        }
        return new SourceFilter(net, bits, s);
    }

    /** True when {@code client} lies inside this filter. */
    public boolean matches(InetAddress client) {
        if (network == null) {
            return true;
        }
        byte[] a = client.getAddress();
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = java.util.Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    @Override
    public String toString() {
        return text;
    }
}
