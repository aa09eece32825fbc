package nlagent.sys;

import java.io.IOException;

/**
 * A failed system call, with its positive errno (0 when the failure is not an errno, e.g. a file
 * that holds no number). The message names the call and the file or object, then the errno's name
 * and text, so the operator's one line says what failed and why.
 */
public class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public ErrnoException(String message, int errno) {
        this(message, errno, "");
    }

    /** {@code detail} follows the errno text (e.g. the kernel's own words about it). */
    protected ErrnoException(String message, int errno, String detail) {
        super(message + (errno != 0 ? ": " + Native.describe(errno) : "") + detail);
        this.errno = errno;
    }

    /** A failure without an errno. */
    public ErrnoException(String message) {
        this(message, 0);
    }

    /** The failing call's errno (positive), or 0. */
    public int errno() {
        return errno;
    }

    /** {@code what} failed with the errno of the last {@link LibC} call on this thread. */
    public static ErrnoException fromErrno(String what) {
        return new ErrnoException(what, Native.errno());
    }
}
