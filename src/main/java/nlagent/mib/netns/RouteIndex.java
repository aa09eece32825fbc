package nlagent.mib.netns;

/** Builds table index arcs from addresses (SMI encodings of IpAddress and length-prefixed InetAddress). */
final class RouteIndex {
    private RouteIndex() {
    }

    /** {@code head} followed by the InetAddress index encoding: length, then one arc per byte. */
    static int[] withPrefix(int[] head, byte[] address) {
        int[] out = new int[head.length + 1 + address.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = address.length;
        for (int i = 0; i < address.length; i++) {
            out[head.length + 1 + i] = address[i] & 255;
        }
        return out;
    }

    /** An IpAddress index: one arc per byte. */
    static int[] arcs(byte[] address) {
        int[] out = new int[address.length];
        for (int i = 0; i < address.length; i++) {
            out[i] = address[i] & 255;
        }
        return out;
    }

    /** The arrays one after the other. */
    static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** IPv4 netmask of a prefix length, as 4 bytes. */
    static byte[] mask(int prefixLength) {
        long m = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
        return new byte[] {(byte) (m >>> 24), (byte) (m >>> 16), (byte) (m >>> 8), (byte) m};
    }
}
