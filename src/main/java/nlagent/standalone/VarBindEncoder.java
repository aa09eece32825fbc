package nlagent.standalone;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;

/**
 * Encodes one varbind named {@code prefix ++ suffix} (the arrays a {@link nlagent.mib.SortedMibView}
 * stores a name in) as BER: SEQUENCE { OBJECT IDENTIFIER, value }, byte for byte what snmp4j
 * encodes ({@link BerEncoder}). Two steps, {@link #measure} then {@link #write} of the same binding,
 * so that a caller can check the size against its budget before it writes.
 *
 * <p>A prefix (a column, the same array for all its rows) has its OID octets encoded once and kept
 * while the varbinds stay under it (compared by identity: views never modify a prefix). Not
 * thread-safe: one per writer.
 */
final class VarBindEncoder {
    /** The prefix whose OID content octets are in {@link #prefixOctets}. */
    private int[] encodedPrefix;
    private byte[] prefixOctets = new byte[64];
    private int prefixLength;
    /** Of the binding last measured: whether its OID is the cached prefix's octets ++ the suffix's, and its lengths. */
    private boolean cached;
    private int oidContent;
    private int content;

    /** Octets of the varbind (its whole SEQUENCE); remembered for the {@link #write} of the same binding. */
    int measure(int[] prefix, int[] suffix, MibValue value) {
        cached = prefix.length >= 2; // an OID's first two arcs share one sub-identifier: a prefix of 2+ arcs encodes alone
        if (cached) {
            if (prefix != encodedPrefix) {
                encodePrefix(prefix);
            }
            oidContent = prefixLength + BerEncoder.subidsLength(suffix);
        } else {
            oidContent = BerEncoder.oidContentLength(prefix, suffix);
        }
        content = BerEncoder.tlvLength(oidContent) + BerEncoder.valueLength(value);
        return BerEncoder.tlvLength(content);
    }

    /** Writes the binding last {@link #measure measured} at {@code pos} (room checked by the caller); returns the end. */
    int write(byte[] b, int pos, int[] prefix, int[] suffix, MibValue value) {
        pos = BerEncoder.writeHeader(b, pos, BerEncoder.SEQUENCE, content);
        pos = BerEncoder.writeHeader(b, pos, BerEncoder.OBJECT_IDENTIFIER, oidContent);
        if (cached) {
            System.arraycopy(prefixOctets, 0, b, pos, prefixLength);
            pos = BerEncoder.writeSubids(b, pos + prefixLength, suffix);
        } else {
            pos = BerEncoder.writeOidContent(b, pos, prefix, suffix);
        }
        return BerEncoder.writeValue(b, pos, value);
    }

    private void encodePrefix(int[] prefix) {
        int n = BerEncoder.oidContentLength(prefix, Oid.NO_ARCS);
        if (n > prefixOctets.length) {
            prefixOctets = new byte[Math.max(n, 2 * prefixOctets.length)];
        }
        prefixLength = BerEncoder.writeOidContent(prefixOctets, 0, prefix, Oid.NO_ARCS);
        encodedPrefix = prefix;
    }
}
