package nlagent.netlink;

import nlagent.sys.ErrnoException;

/**
 * A failed netlink exchange: a socket call's errno, the kernel's NLMSG_ERROR errno with its
 * extended-ACK text if any, or (errno 0) a protocol failure such as a malformed message.
 */
public class NetlinkException extends ErrnoException {
    private static final long serialVersionUID = 1L;
    private final String extAck;

    public NetlinkException(String message, int errno, String extAck) {
        super(message, errno, extAck != null && !extAck.isEmpty() ? " [kernel: " + extAck + "]" : "");
        this.extAck = extAck == null ? "" : extAck;
    }

    public NetlinkException(String message) {
        this(message, 0, null);
    }

    /** NLMSGERR_ATTR_MSG from the kernel's extended ACK, or "". */
    public String extAck() {
        return extAck;
    }

    /** The errno of the last libc call on this thread, wrapped. */
    public static NetlinkException fromErrno(String what) {
        return new NetlinkException(what, nlagent.sys.Native.errno(), null);
    }
}
