package nlagent.mib;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An SNMP value, independent of any SNMP library: the frontends (snmp4j responder, AgentX codec)
 * convert it to their wire form. Immutable. The three exception values stand for noSuchObject,
 * noSuchInstance and endOfMibView.
 */
public final class MibValue {

    /** Value kinds, with their SMI/BER tags for reference. */
    public enum Type {
        INTEGER32, OCTET_STRING, OBJECT_IDENTIFIER, IP_ADDRESS, COUNTER32, GAUGE32, TIME_TICKS, COUNTER64,
        NO_SUCH_OBJECT, NO_SUCH_INSTANCE, END_OF_MIB_VIEW
    }

    public static final MibValue NO_SUCH_OBJECT = new MibValue(Type.NO_SUCH_OBJECT, 0, null, null);
    public static final MibValue NO_SUCH_INSTANCE = new MibValue(Type.NO_SUCH_INSTANCE, 0, null, null);
    public static final MibValue END_OF_MIB_VIEW = new MibValue(Type.END_OF_MIB_VIEW, 0, null, null);
    private static final byte[] NO_BYTES = new byte[0];
    /**
     * Shared instances of the values most table cells hold (enums 1..2, zero counters, small
     * integers): a view of 2,000 interfaces then allocates a third fewer value objects.
     */
    private static final int SMALL_MAX = 255;
    private static final MibValue[] SMALL_INTEGERS = new MibValue[SMALL_MAX + 1];
    private static final MibValue COUNTER32_ZERO = new MibValue(Type.COUNTER32, 0, null, null);
    private static final MibValue GAUGE32_ZERO = new MibValue(Type.GAUGE32, 0, null, null);
    private static final MibValue TIME_TICKS_ZERO = new MibValue(Type.TIME_TICKS, 0, null, null);
    private static final MibValue COUNTER64_ZERO = new MibValue(Type.COUNTER64, 0, null, null);

    static {
        for (int i = 0; i <= SMALL_MAX; i++) {
            SMALL_INTEGERS[i] = new MibValue(Type.INTEGER32, i, null, null);
        }
    }

    private final Type type;
    private final long number;
    private final byte[] bytes;
    private final Oid oid;

    private MibValue(Type type, long number, byte[] bytes, Oid oid) {
        this.type = type;
        this.number = number;
        this.bytes = bytes;
        this.oid = oid;
    }

    public static MibValue integer(int v) {
        if (v >= 0 && v <= SMALL_MAX) {
            return SMALL_INTEGERS[v];
        }
        return new MibValue(Type.INTEGER32, v, null, null);
    }

    public static MibValue octets(byte[] v) {
        return new MibValue(Type.OCTET_STRING, 0, v.length == 0 ? NO_BYTES : v.clone(), null);
    }

    /** A DisplayString, UTF-8 encoded. */
    public static MibValue string(String v) {
        return new MibValue(Type.OCTET_STRING, 0, v.getBytes(StandardCharsets.UTF_8), null);
    }

    public static MibValue oid(Oid v) {
        return new MibValue(Type.OBJECT_IDENTIFIER, 0, null, Objects.requireNonNull(v));
    }

    public static MibValue ipAddress(byte[] v4) {
        if (v4.length != 4) {
            throw new IllegalArgumentException("IpAddress needs 4 bytes");
        }
        return new MibValue(Type.IP_ADDRESS, 0, v4.clone(), null);
    }

    /** Counter32: the low 32 bits of {@code v} (counters wrap). */
    public static MibValue counter32(long v) {
        long c = v & 0xFFFF_FFFFL;
        return c == 0 ? COUNTER32_ZERO : new MibValue(Type.COUNTER32, c, null, null);
    }

    /** Gauge32/Unsigned32: clamped to 0..2^32-1 (gauges latch, they do not wrap). */
    public static MibValue gauge32(long v) {
        long g = Math.max(0, Math.min(v, 0xFFFF_FFFFL));
        return g == 0 ? GAUGE32_ZERO : new MibValue(Type.GAUGE32, g, null, null);
    }

    /** TimeTicks in hundredths of a second, low 32 bits. */
    public static MibValue timeTicks(long centiseconds) {
        long t = centiseconds & 0xFFFF_FFFFL;
        return t == 0 ? TIME_TICKS_ZERO : new MibValue(Type.TIME_TICKS, t, null, null);
    }

    /** Counter64; {@code v} is read as unsigned. */
    public static MibValue counter64(long v) {
        return v == 0 ? COUNTER64_ZERO : new MibValue(Type.COUNTER64, v, null, null);
    }

    public Type type() {
        return type;
    }

    /** True for noSuchObject, noSuchInstance and endOfMibView. */
    public boolean isException() {
        return type == Type.NO_SUCH_OBJECT || type == Type.NO_SUCH_INSTANCE || type == Type.END_OF_MIB_VIEW;
    }

    /** Numeric value: signed for INTEGER32, unsigned 32-bit for COUNTER32/GAUGE32/TIME_TICKS, raw 64 bits for COUNTER64. */
    public long number() {
        return number;
    }

    /** Bytes of an OCTET_STRING or IP_ADDRESS (a copy). */
    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    /** Length of the bytes without copying them. */
    public int bytesLength() {
        return bytes == null ? 0 : bytes.length;
    }

    /** Copies the bytes into {@code dst} at {@code offset} without allocating. */
    public void copyBytes(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
    }

    /** Puts the bytes into {@code out} at its position without allocating (a direct buffer has no array to copy into). */
    public void putBytes(java.nio.ByteBuffer out) {
        out.put(bytes);
    }

    public Oid oidValue() {
        return oid;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MibValue)) {
            return false;
        }
        MibValue v = (MibValue) o;
        return type == v.type && number == v.number && Arrays.equals(bytes, v.bytes) && Objects.equals(oid, v.oid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, number, Arrays.hashCode(bytes), oid);
    }

    @Override
    public String toString() {
        switch (type) {
            case OCTET_STRING:
                return "STRING: " + new String(bytes, StandardCharsets.UTF_8);
            case OBJECT_IDENTIFIER:
                return "OID: " + oid;
            case IP_ADDRESS:
                return "IpAddress: " + (bytes[0] & 255) + "." + (bytes[1] & 255) + "." + (bytes[2] & 255) + "." + (bytes[3] & 255);
            case COUNTER64:
                return "Counter64: " + Long.toUnsignedString(number);
            case NO_SUCH_OBJECT:
            case NO_SUCH_INSTANCE:
            case END_OF_MIB_VIEW:
                return type.name();
            default:
                return type + ": " + number;
        }
    }
}
