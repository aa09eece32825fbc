package nlagent.netlink;

import java.io.IOException;

/**
 * A failed netlink or libc call. Carries the positive errno (0 when the failure is not an errno,
 * e.g. a malformed message) and, for kernel-reported errors, the extended-ACK text if any.
 */
public class NetlinkException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;
    private final String extAck;

    public NetlinkException(String message, int errno, String extAck) {
        super(message + (errno != 0 ? ": " + Native.describe(errno) : "")
                + (extAck != null && !extAck.isEmpty() ? " [kernel: " + extAck + "]" : ""));
        this.errno = errno;
        this.extAck = extAck == null ? "" : extAck;
    }

    public NetlinkException(String message) {
        this(message, 0, null);
    }

    /** The failing call's errno, from libc or the kernel reply (positive), or 0. */
    public int errno() {
        return errno;
    }

    /** NLMSGERR_ATTR_MSG from the kernel's extended ACK, or "". */
    public String extAck() {
        return extAck;
    }

    /** The errno of the last libc call on this thread, wrapped. */
    public static NetlinkException fromErrno(String what) {
        return new NetlinkException(what, Native.errno(), null);
    }
}
