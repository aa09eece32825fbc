package nlagent.sys;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** The loaded {@link LibC}, errno access and the Linux constants the agent passes to it. */
public final class Native {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_NETNS_COOKIE = 71;
    public static final int SOL_IP = 0;
    public static final int IP_TTL = 2;
    public static final int SOL_IPV6 = 41;
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int FSOPEN_CLOEXEC = 1;
    public static final int FSCONFIG_CMD_CREATE = 6;
    public static final int FSMOUNT_CLOEXEC = 1;
    public static final int MOUNT_ATTR_RDONLY = 1;
    public static final int MOUNT_ATTR_NOSUID = 2;
    public static final int MOUNT_ATTR_NODEV = 4;
    public static final int MOUNT_ATTR_NOEXEC = 8;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int POLLIN = 0x1;
    public static final int EPOLL_CLOEXEC = 0x80000;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLLIN = 0x1;
    public static final int POLLERR = 0x8;
    public static final int POLLHUP = 0x10;
    public static final int POLLNVAL = 0x20;

    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EAGAIN = 11;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    public static final int EOPNOTSUPP = 95;
    public static final int ENOBUFS = 105;

    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native() {
    }

    public static LibC libc() {
        return LIBC;
    }

    public static Runtime runtime() {
        return RUNTIME;
    }

    /** errno of the last {@link LibC} call on this thread. */
    public static int errno() {
        return RUNTIME.getLastError();
    }

    /** "ENOENT (No such file or directory)" style text for an errno value. */
    public static String describe(int errno) {
        jnr.constants.platform.Errno e = jnr.constants.platform.Errno.valueOf(errno);
        return e == null || e.name().startsWith("__UNKNOWN") ? "errno " + errno : e.name() + " (" + e.description() + ")";
    }
}
