package nlagent.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import nlagent.sys.ErrnoException;
import nlagent.sys.LibC;
import nlagent.sys.Native;

/**
 * One unconnected UDP socket created inside a namespace, whose socket options answer two of that
 * namespace's sysctls live, with no path lookup: {@code getsockopt(SOL_IP, IP_TTL)} returns
 * {@code net.ipv4.ip_default_ttl} while the socket has no TTL of its own (ip_sockglue.c: uc_ttl -1),
 * and {@code getsockopt(SOL_IPV6, IPV6_UNICAST_HOPS)} returns {@code net.ipv6.conf.all.hop_limit}
 * while it has neither a hop limit of its own nor a route (ipv6_sockglue.c). An AF_INET6 socket
 * answers both (SOL_IP options of an IPv6 UDP socket go to ip_getsockopt); with IPv6 disabled at
 * boot an AF_INET socket answers the TTL and the hop limit reads -1. Like every socket it pins its
 * namespace until {@link #close()}.
 */
final class IpDefaultsSocket implements AutoCloseable {
    private final LibC libc = Native.libc();
    private final ByteBuffer value = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
    private final ByteBuffer length = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
    private final boolean ipv6;
    private int fd;

    private IpDefaultsSocket(int fd, boolean ipv6) {
        this.fd = fd;
        this.ipv6 = ipv6;
    }

    /** Creates the socket in the calling thread's network namespace. */
    static IpDefaultsSocket open() throws ErrnoException {
        LibC libc = Native.libc();
        int fd = libc.socket(Native.AF_INET6, Native.SOCK_DGRAM | Native.SOCK_CLOEXEC, 0);
        if (fd >= 0) {
            return new IpDefaultsSocket(fd, true);
        }
        fd = libc.socket(Native.AF_INET, Native.SOCK_DGRAM | Native.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw ErrnoException.fromErrno("socket(AF_INET, SOCK_DGRAM)");
        }
        return new IpDefaultsSocket(fd, false);
    }

    /** net.ipv4.ip_default_ttl of the socket's namespace, -1 if unreadable. */
    synchronized int defaultTtl() {
        return intOption(Native.SOL_IP, Native.IP_TTL);
    }

    /** net.ipv6.conf.all.hop_limit of the socket's namespace, -1 without IPv6 or if unreadable. */
    synchronized int ipv6HopLimit() {
        return ipv6 ? intOption(Native.SOL_IPV6, Native.IPV6_UNICAST_HOPS) : -1;
    }

    private int intOption(int level, int option) {
        if (fd < 0) {
            return -1;
        }
        length.putInt(0, 4);
        return libc.getsockopt(fd, level, option, value, length) == 0 ? value.getInt(0) : -1;
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }
}
