package nlagent.netlink;

import java.nio.ByteBuffer;

/**
 * One piece of an outgoing netlink message: a family header ({@link NlStruct}), an attribute,
 * possibly nested ({@link NlAttr}), or a whole message ({@link NlMessageBuilder}). Each part knows
 * its length and writes itself, so every length field is computed from the parts rather than
 * patched after writing, and a nested attribute's length is the sum of its children's
 * (vishvananda/netlink's NetlinkRequestData and RtAttr).
 */
public interface NlPart {

    /** Bytes {@link #writeTo} writes. */
    int length();

    /** Writes exactly {@link #length()} bytes at the buffer's position (native byte order). */
    void writeTo(ByteBuffer out);
}
