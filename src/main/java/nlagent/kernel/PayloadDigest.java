package nlagent.kernel;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import nlagent.netlink.NlMessage;

/**
 * A 64-bit digest of a netlink message (CRC-32C and CRC-32, both computed by the CPU's instructions)
 * over its type, flags and payload; the length is in the payload's extent, the sequence number and
 * port id (which change with every dump) are left out: how a dump tells that a message reads as the
 * previous dump's message at the same position without decoding it
 * ({@link ReusingDump}). Not a proof of equality: both checksums detect every change of up to 32
 * consecutive bits, and for accidental changes the chance that two different messages agree on both
 * is about 2<sup>-64</sup>. Both are linear, so a deliberate change can be made to agree: whoever
 * controls a namespace's configuration (an interface alias is free text) could pair a change with a
 * compensating one and keep the agent serving that namespace's previous reading of the message until
 * it changes again. That namespace's own data is all it can make stale; accepted for the cost.
 * One per dump attempt (not thread-safe).
 */
final class PayloadDigest {
    private final CRC32C crc32c = new CRC32C();
    private final CRC32 crc32 = new CRC32();
    /** A view of the receive buffer whose position and limit we may move (the caller's are not ours). */
    private ByteBuffer view;
    private ByteBuffer viewOf;

    long of(NlMessage m) {
        if (viewOf != m.buffer()) {
            viewOf = m.buffer();
            view = viewOf.duplicate();
        }
        crc32c.reset();
        crc32.reset();
        update(m.offset() + 4, m.offset() + 8); // nlmsg_type, nlmsg_flags (a route decoder reads both)
        update(m.payloadOffset(), m.end());
        return crc32c.getValue() << 32 | crc32.getValue();
    }

    private void update(int from, int to) {
        view.clear();
        view.position(from).limit(to);
        crc32c.update(view);
        view.position(from);
        crc32.update(view);
    }
}
