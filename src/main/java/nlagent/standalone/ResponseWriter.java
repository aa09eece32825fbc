package nlagent.standalone;

import java.nio.ByteBuffer;
import java.util.Arrays;

import nlagent.mib.BindingSink;
import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;

/**
 * The varbinds of one SNMPv2c response, BER-encoded as a walk hands them out: straight from the
 * view's name arrays and the value into one buffer, cut at a byte budget, then the message around
 * them ({@link #messageTo}). Before, each varbind of a GETBULK answer cost a name array, an
 * {@link Oid}, a binding object and an array of its own, copied once more into the message: at
 * K = 1,000 a poll is 80,000 varbinds (bench/README.md, "Encoding from the view's arrays").
 *
 * <p>A run of a {@link SortedMibView} (a walk's GETBULK: its repeater's 25 bindings) is copied from the
 * view's {@link PreEncodedView}; a run of fewer than {@link #SHORT_RUN} whose chunk is not encoded yet (a
 * GETNEXT) and other bindings are encoded one by one ({@link VarBindEncoder}). The encoding
 * is {@link BerEncoder}'s, byte for byte snmp4j's ({@code LeanV2cPathTest}).
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
    private final VarBindEncoder encoder = new VarBindEncoder();
    /** A run shorter than this is encoded one by one unless its chunk is pre-encoded already. */
    static final int SHORT_RUN = 8;
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
        int total = encoder.measure(prefix, suffix, value);
        if (total > budget - length) {
            full = true;
            return false;
        }
        ensure(total);
        length = encoder.write(buf, length, prefix, suffix, value);
        return true;
    }

    /**
     * Adds bindings {@code first ..} of {@code view} while they fit the budget, copied from the view's
     * pre-encoded form ({@link PreEncodedView}): the same octets {@link #accept} writes for each.
     */
    @Override
    public int acceptRun(SortedMibView view, int first, int stop) {
        if (full) {
            return 0;
        }
        if (stop - first < SHORT_RUN) {
            PreEncodedView made = PreEncodedView.ifMade(view);
            if (made == null || !made.isEncodedAt(first)) {
                // a GETNEXT, or a GETBULK of a few: encoding the chunk for them would be up to CHUNK times the work,
                // and a form made for nothing would keep the previous view alive (SortedMibView#predecessor)
                return BindingSink.super.acceptRun(view, first, stop);
            }
        }
        PreEncodedView encoded = PreEncodedView.of(view);
        int i = first;
        while (i < stop) {
            PreEncodedView.Chunk c = encoded.chunkOf(i);
            int[] ends = c.ends();
            int j = i - c.base();
            int end = Math.min(stop - c.base(), ends.length);
            int from = c.start(j);
            int room = budget - length;
            int k = j;
            while (k < end && ends[k] - from <= room) {
                k++;
            }
            if (k > j) {
                int octets = ends[k - 1] - from;
                ensure(octets);
                System.arraycopy(c.octets(), from, buf, length, octets);
                length += octets;
            }
            i = c.base() + k;
            if (k < end) {
                full = true; // the next one does not fit: none does (as accept)
                break;
            }
        }
        return i - first;
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

    private void ensure(int more) {
        if (more > buf.length - length) {
            buf = Arrays.copyOf(buf, Math.max(length + more, 2 * buf.length));
        }
    }
}
