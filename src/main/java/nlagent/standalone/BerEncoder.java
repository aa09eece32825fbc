package nlagent.standalone;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;

/**
 * BER encoding of varbinds and of the SNMPv2c response message for the lean path, byte for byte
 * what snmp4j encodes for the same values (minimal lengths and integers; unsigned types with a
 * leading zero octet when the top bit is set), so that an answer does not depend on which path
 * built it. Stateless; every method writes backwards-free into an array the caller sized with the
 * matching {@code ...Length} method.
 */
final class BerEncoder {
    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int RESPONSE = 0xA2;
    static final int TOO_BIG = 1;
    private static final int VERSION_2C = 1;

    private BerEncoder() {
    }

    /** Octets of a definite length field for {@code len}. */
    static int lengthOfLength(int len) {
        return len < 0x80 ? 1 : len <= 0xFF ? 2 : len <= 0xFFFF ? 3 : len <= 0xFF_FFFF ? 4 : 5;
    }

    /** Tag + length + content octets of a TLV with {@code contentLength}. */
    static int tlvLength(int contentLength) {
        return 1 + lengthOfLength(contentLength) + contentLength;
    }

    static int writeHeader(byte[] b, int pos, int tag, int len) {
        b[pos++] = (byte) tag;
        if (len < 0x80) {
            b[pos++] = (byte) len;
            return pos;
        }
        int n = lengthOfLength(len) - 1;
        b[pos++] = (byte) (0x80 | n);
        for (int i = n - 1; i >= 0; i--) {
            b[pos++] = (byte) (len >>> (8 * i));
        }
        return pos;
    }

    /** Content octets of a signed INTEGER. */
    static int signedLength(long v) {
        int n = 1;
        while (n < 8 && (v >> (8 * n - 1)) != 0 && (v >> (8 * n - 1)) != -1) {
            n++;
        }
        return n;
    }

    /** Content octets of an unsigned value (Counter32, Gauge32, TimeTicks, Counter64): a zero first octet when the top bit is set. */
    static int unsignedLength(long v) {
        int bits = 64 - Long.numberOfLeadingZeros(v);
        return bits == 0 ? 1 : bits / 8 + 1;
    }

    private static int writeNumber(byte[] b, int pos, long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            b[pos++] = i >= 8 ? 0 : (byte) (v >>> (8 * i)); // the ninth octet of a 64-bit unsigned value is the leading zero
        }
        return pos;
    }

    /** Content octets of an OID (X.690 8.19). */
    static int oidContentLength(Oid oid) {
        int n = oid.size();
        if (n < 2) {
            return 1; // snmp4j writes a single 0 for an OID of fewer than two arcs
        }
        int len = subidLength(Integer.toUnsignedLong(oid.get(0)) * 40 + Integer.toUnsignedLong(oid.get(1)));
        for (int i = 2; i < n; i++) {
            len += subidLength(Integer.toUnsignedLong(oid.get(i)));
        }
        return len;
    }

    /** Content octets of the OID {@code prefix ++ suffix}, as {@link #oidContentLength(Oid)} of that name. */
    static int oidContentLength(int[] prefix, int[] suffix) {
        int n = prefix.length + suffix.length;
        if (n < 2) {
            return 1;
        }
        int len = subidLength(firstSubid(prefix, suffix));
        for (int i = 2; i < n; i++) {
            len += subidLength(Integer.toUnsignedLong(arc(prefix, suffix, i)));
        }
        return len;
    }

    /** Writes the content octets of the OID {@code prefix ++ suffix} (no header). */
    static int writeOidContent(byte[] b, int pos, int[] prefix, int[] suffix) {
        int n = prefix.length + suffix.length;
        if (n < 2) {
            return writeSubid(b, pos, 0);
        }
        pos = writeSubid(b, pos, firstSubid(prefix, suffix));
        for (int i = 2; i < n; i++) {
            pos = writeSubid(b, pos, Integer.toUnsignedLong(arc(prefix, suffix, i)));
        }
        return pos;
    }

    /** Content octets of {@code arcs} as sub-identifiers after an OID's first two (each one on its own). */
    static int subidsLength(int[] arcs) {
        int len = 0;
        for (int a : arcs) {
            len += subidLength(Integer.toUnsignedLong(a));
        }
        return len;
    }

    static int writeSubids(byte[] b, int pos, int[] arcs) {
        for (int a : arcs) {
            pos = writeSubid(b, pos, Integer.toUnsignedLong(a));
        }
        return pos;
    }

    private static int arc(int[] prefix, int[] suffix, int i) {
        return i < prefix.length ? prefix[i] : suffix[i - prefix.length];
    }

    /** X.690 8.19.4: the first two arcs as one sub-identifier. */
    private static long firstSubid(int[] prefix, int[] suffix) {
        return Integer.toUnsignedLong(arc(prefix, suffix, 0)) * 40 + Integer.toUnsignedLong(arc(prefix, suffix, 1));
    }

    private static int subidLength(long v) {
        int bits = 64 - Long.numberOfLeadingZeros(v);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }

    private static int writeSubid(byte[] b, int pos, long v) {
        int n = subidLength(v);
        for (int i = n - 1; i > 0; i--) {
            b[pos++] = (byte) (0x80 | (v >>> (7 * i)));
        }
        b[pos++] = (byte) (v & 0x7F);
        return pos;
    }

    static int writeOid(byte[] b, int pos, Oid oid) {
        int n = oid.size();
        pos = writeHeader(b, pos, OBJECT_IDENTIFIER, oidContentLength(oid));
        if (n < 2) {
            return writeSubid(b, pos, 0);
        }
        pos = writeSubid(b, pos, Integer.toUnsignedLong(oid.get(0)) * 40 + Integer.toUnsignedLong(oid.get(1)));
        for (int i = 2; i < n; i++) {
            pos = writeSubid(b, pos, Integer.toUnsignedLong(oid.get(i)));
        }
        return pos;
    }

    /** Tag + length + content octets of {@code v}. */
    static int valueLength(MibValue v) {
        switch (v.type()) {
            case INTEGER32:
                return 2 + signedLength((int) v.number());
            case OCTET_STRING:
            case IP_ADDRESS:
                return tlvLength(v.bytesLength());
            case OBJECT_IDENTIFIER:
                return tlvLength(oidContentLength(v.oidValue()));
            case COUNTER32:
            case GAUGE32:
            case TIME_TICKS:
            case COUNTER64:
                return 2 + unsignedLength(v.number());
            default:
                return 2; // the exceptions: tag and a zero length
        }
    }

    static int writeValue(byte[] b, int pos, MibValue v) {
        switch (v.type()) {
            case INTEGER32: {
                long x = (int) v.number();
                int n = signedLength(x);
                pos = writeHeader(b, pos, INTEGER, n);
                return writeNumber(b, pos, x, n);
            }
            case OCTET_STRING:
            case IP_ADDRESS:
                pos = writeHeader(b, pos, v.type() == MibValue.Type.OCTET_STRING ? OCTET_STRING : 0x40, v.bytesLength());
                v.copyBytes(b, pos);
                return pos + v.bytesLength();
            case OBJECT_IDENTIFIER:
                return writeOid(b, pos, v.oidValue());
            case COUNTER32:
            case GAUGE32:
            case TIME_TICKS:
            case COUNTER64: {
                int n = unsignedLength(v.number());
                pos = writeHeader(b, pos, unsignedTag(v.type()), n);
                return writeNumber(b, pos, v.number(), n);
            }
            case NO_SUCH_OBJECT:
                return writeHeader(b, pos, 0x80, 0);
            case NO_SUCH_INSTANCE:
                return writeHeader(b, pos, 0x81, 0);
            case END_OF_MIB_VIEW:
                return writeHeader(b, pos, 0x82, 0);
            default:
                throw new IllegalArgumentException("unknown value type " + v.type());
        }
    }

    private static int unsignedTag(MibValue.Type t) {
        switch (t) {
            case COUNTER32:
                return 0x41;
            case GAUGE32:
                return 0x42;
            case TIME_TICKS:
                return 0x43;
            default:
                return 0x46; // Counter64
        }
    }

    /** BER length of a response PDU with {@code requestId}, error fields 0..127 and {@code varBindBytes} of varbinds. */
    static int responsePduLength(int requestId, int varBindBytes) {
        return tlvLength(pduContentLength(requestId, varBindBytes));
    }

    private static int pduContentLength(int requestId, int varBindBytes) {
        return 2 + signedLength(requestId) + 3 + 3 + tlvLength(varBindBytes);
    }

    /**
     * Octets of a response message ({@link #writeResponseHeader}) before its varbinds, the community's
     * octets not counted, at most: the message's and the PDU's SEQUENCE headers and the community's and
     * the varbind list's tag and length, 4 each for any length below 65,536 (a UDP datagram's), the
     * version 3, the request ID 6, error status and index 3 each.
     */
    static final int RESPONSE_HEADER_MAX_OCTETS = 4 + 3 + 4 + 4 + 6 + 3 + 3 + 4;

    /**
     * Writes an SNMPv2c response message up to its varbinds into {@code b} from 0 (at most the
     * community's length + {@link #RESPONSE_HEADER_MAX_OCTETS} octets): SEQUENCE { version 1, community, Response-PDU { requestId,
     * errorStatus, errorIndex (both 0..127), varbinds } }, where the varbinds are the next
     * {@code varBindBytes} octets (encoded varbinds, back to back), to be written after it.
     *
     * @return the header's length
     */
    static int writeResponseHeader(byte[] b, byte[] community, int requestId, int errorStatus, int errorIndex,
                                   int varBindBytes) {
        int pduContent = pduContentLength(requestId, varBindBytes);
        int msgContent = 3 + tlvLength(community.length) + tlvLength(pduContent);
        int pos = writeHeader(b, 0, SEQUENCE, msgContent);
        pos = writeHeader(b, pos, INTEGER, 1);
        b[pos++] = VERSION_2C;
        pos = writeHeader(b, pos, OCTET_STRING, community.length);
        System.arraycopy(community, 0, b, pos, community.length);
        pos += community.length;
        pos = writeHeader(b, pos, RESPONSE, pduContent);
        int n = signedLength(requestId);
        pos = writeHeader(b, pos, INTEGER, n);
        pos = writeNumber(b, pos, requestId, n);
        pos = writeHeader(b, pos, INTEGER, 1);
        b[pos++] = (byte) errorStatus;
        pos = writeHeader(b, pos, INTEGER, 1);
        b[pos++] = (byte) errorIndex;
        return writeHeader(b, pos, SEQUENCE, varBindBytes);
    }
}
