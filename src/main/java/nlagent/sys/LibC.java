package nlagent.sys;

import java.nio.ByteBuffer;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The libc calls the agent makes (sockets, setns, poll, epoll, eventfd, pointer ioctl, open/openat/pread/
 * close, fsopen/fsmount, CPU affinity), bound with jnr-ffi so every fd goes through one interface. Buffers must be direct:
 * jnr-ffi then passes {@code address + position} without copying. size_t/ssize_t are {@code long}
 * (LP64 only: x86_64, aarch64). Every call saves errno; read it with {@link Native#errno()}.
 */
@SaveError
public interface LibC {
    int socket(int domain, int type, int protocol);

    int bind(int fd, @In ByteBuffer addr, int addrLen);

    int setsockopt(int fd, int level, int option, @In ByteBuffer value, int valueLen);

    int getsockopt(int fd, int level, int option, @Out ByteBuffer value, @In @Out ByteBuffer valueLen);

    long sendto(int fd, @In ByteBuffer buf, long len, int flags, @In ByteBuffer destAddr, int addrLen);

    long recv(int fd, @Out ByteBuffer buf, long len, int flags);

    int setns(int fd, int nsType);

    int close(int fd);

    int open(String path, int flags);

    long pread(int fd, @Out ByteBuffer buf, long count, long offset);

    int poll(@In @Out ByteBuffer fds, long nfds, int timeoutMs);

    int ioctl(int fd, long request, Pointer arg);

    int eventfd(int initialValue, int flags);

    /** epoll(7): the notification thread waits on thousands of namespaces' sockets (see {@link EpollEvent}). */
    int epoll_create1(int flags);

    int epoll_ctl(int epollFd, int op, int fd, @In ByteBuffer event);

    int epoll_wait(int epollFd, @Out ByteBuffer events, int maxEvents, int timeoutMs);

    long read(int fd, @Out ByteBuffer buf, long count);

    long write(int fd, @In ByteBuffer buf, long count);

    /** openat(2): a path relative to a directory fd (the private procfs instance). */
    int openat(int dirFd, String path, int flags);

    /** fsopen(2), fsconfig(2), fsmount(2) (glibc ≥ 2.36, kernel ≥ 5.2): a detached filesystem instance. */
    int fsopen(String fsName, int flags);

    int fsconfig(int fsFd, int cmd, String key, String value, int aux);

    int fsmount(int fsFd, int flags, int attrFlags);

    int getsockname(int fd, @Out ByteBuffer addr, @In @Out ByteBuffer addrLen);

    long recvfrom(int fd, @Out ByteBuffer buf, long len, int flags, @Out ByteBuffer srcAddr, @In @Out ByteBuffer addrLen);

    /** connect(2) and shutdown(2): the AgentX stream socket (blocking reads, non-blocking sends on one fd). */
    int connect(int fd, @In ByteBuffer addr, int addrLen);

    int shutdown(int fd, int how);

    /**
     * sched_getaffinity(2), sched_setaffinity(2): pid 0 is the calling thread. The AgentX I/O thread
     * follows a master bound to fewer CPUs ({@link CpuAffinity}).
     */
    int sched_getaffinity(int pid, long maskBytes, @Out ByteBuffer mask);

    int sched_setaffinity(int pid, long maskBytes, @In ByteBuffer mask);
}
