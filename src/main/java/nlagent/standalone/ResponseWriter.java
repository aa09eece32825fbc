package nlagent.standalone;

import java.nio.ByteBuffer;
import java.util.Arrays;

import nlagent.mib.BindingSink;
import nlagent.mib.MibValue;
import nlagent.mib.Oid;

/**
 * The varbinds of one SNMPv2c response, BER-encoded as a walk hands them out: straight from the
 * view's name arrays and the value into one buffer, cut at a byte budget, then the message around
 * them ({@link #messageTo}). Before, each varbind of a GETBULK answer cost a name array, an
 * {@link Oid}, a binding object and an array of its own, copied once more into the message: at
 * K = 1,000 a poll is 80,000 varbinds (bench/README.md, "Encoding from the view's arrays").
 *
 * <p>A name's prefix (a column, the same array for all its rows) is encoded once and kept while the
 * walk stays in that column. The encoding is {@link BerEncoder}'s, byte for byte snmp4j's
 * ({@code LeanV2cPathTest}).
 *
 * <p>Not thread-safe: one per listen thread, reused request after request ({@link #start}); the
 * buffer grows to the largest answer (at most a message plus one varbind: GET and GETNEXT stop at
 * the size limit too) and stays. {@link #messageTo} writes the message into the caller's buffer (the
 * listen thread's direct buffer: the varbinds are copied once, into memory the kernel reads, with no
 * array per answer).
 */
final class ResponseWriter implements BindingSink {
    private byte[] buf = new byte[2048];
    /** Varbind octets written so far. */
    private int length;
    /** Varbind octets the answer may hold. */
    private int budget;
    private boolean full;
    /** The prefix whose OID content octets are in {@link #prefixOctets} (compared by identity: views never modify it). */
    private int[] encodedPrefix;
    private byte[] prefixOctets = new byte[64];
    private int prefixLength;
    /** The message header of {@link #messageTo}, grown to the longest community seen. */
    private byte[] header = new byte[64];

    /** Begins an answer of at most {@code budgetBytes} varbind octets (Integer.MAX_VALUE: unbounded). */
    ResponseWriter start(int budgetBytes) {
        length = 0;
        budget = budgetBytes;
        full = false;
        return this;
    }

    /** Adds the varbind {@code prefix ++ suffix} = {@code value} if it fits the budget; once one does not, none does. */
    @Override
    public boolean accept(int[] prefix, int[] suffix, MibValue value) {
        if (full) {
            return false;
        }
        boolean cached = prefix.length >= 2; // an OID's first two arcs share one sub-identifier: a prefix of 2+ arcs encodes alone
        int oidContent;
        if (cached) {
            if (prefix != encodedPrefix) {
                encodePrefix(prefix);
            }
            oidContent = prefixLength + BerEncoder.subidsLength(suffix);
        } else {
            oidContent = BerEncoder.oidContentLength(prefix, suffix);
        }
        int content = BerEncoder.tlvLength(oidContent) + BerEncoder.valueLength(value);
        int total = BerEncoder.tlvLength(content);
        if (total > budget - length) {
            full = true;
            return false;
        }
        ensure(total);
        int pos = BerEncoder.writeHeader(buf, length, BerEncoder.SEQUENCE, content);
        pos = BerEncoder.writeHeader(buf, pos, BerEncoder.OBJECT_IDENTIFIER, oidContent);
        if (cached) {
            System.arraycopy(prefixOctets, 0, buf, pos, prefixLength);
            pos = BerEncoder.writeSubids(buf, pos + prefixLength, suffix);
        } else {
            pos = BerEncoder.writeOidContent(buf, pos, prefix, suffix);
        }
        length = BerEncoder.writeValue(buf, pos, value);
        return true;
    }

    /** Adds {@code name} = {@code value} whatever the budget (GET and GETNEXT: their size is checked as a whole). */
    void add(Oid name, MibValue value) {
        int content = BerEncoder.tlvLength(BerEncoder.oidContentLength(name)) + BerEncoder.valueLength(value);
        ensure(BerEncoder.tlvLength(content));
        int pos = BerEncoder.writeHeader(buf, length, BerEncoder.SEQUENCE, content);
        pos = BerEncoder.writeOid(buf, pos, name);
        length = BerEncoder.writeValue(buf, pos, value);
    }

    /** Octets of the varbinds written so far. */
    int varBindBytes() {
        return length;
    }

    /**
     * The response message holding the varbinds written (errorStatus, errorIndex: 0..127), written
     * into {@code dst} from 0, which is then flipped (ready to send). The caller owns {@code dst}.
     *
     * @throws java.nio.BufferOverflowException when it does not fit (then dst holds part of it)
     */
    void messageTo(ByteBuffer dst, byte[] community, int requestId, int errorStatus, int errorIndex) {
        int most = community.length + BerEncoder.RESPONSE_HEADER_MAX_OCTETS;
        if (most > header.length) {
            header = new byte[Math.max(most, 2 * header.length)];
        }
        int h = BerEncoder.writeResponseHeader(header, community, requestId, errorStatus, errorIndex, length);
        dst.clear();
        dst.put(header, 0, h).put(buf, 0, length).flip();
    }

    private void encodePrefix(int[] prefix) {
        int n = BerEncoder.oidContentLength(prefix, Oid.NO_ARCS);
        if (n > prefixOctets.length) {
            prefixOctets = new byte[Math.max(n, 2 * prefixOctets.length)];
        }
        prefixLength = BerEncoder.writeOidContent(prefixOctets, 0, prefix, Oid.NO_ARCS);
        encodedPrefix = prefix;
    }

    private void ensure(int more) {
        if (more > buf.length - length) {
            buf = Arrays.copyOf(buf, Math.max(length + more, 2 * buf.length));
        }
    }
}
