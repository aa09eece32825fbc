package nlagent.kernel;

import java.nio.charset.StandardCharsets;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import nlagent.sys.Native;

/**
 * Link speed by the ethtool ioctl (SIOCETHTOOL, ETHTOOL_GSET) on any socket of the interface's
 * namespace — no file and no path lookup, and it works for every namespace, whereas
 * /sys/class/net only shows the namespace sysfs was mounted in. Called when an interface appears
 * or its operational state changes, not on every refresh.
 */
final class LinkSpeed {
    private static final long SIOCETHTOOL = 0x8946;
    private static final int ETHTOOL_GSET = 1;
    private static final int IFREQ_BYTES = 40;      // char ifr_name[16]; union { void *ifr_data; ... }
    private static final int ETHTOOL_CMD_BYTES = 44; // struct ethtool_cmd
    private static final int SPEED_OFFSET = 12;      // __u16 speed
    private static final int SPEED_HI_OFFSET = 28;   // __u16 speed_hi

    private final Pointer ifreq = Memory.allocateDirect(Native.runtime(), IFREQ_BYTES);
    private final Pointer cmd = Memory.allocateDirect(Native.runtime(), ETHTOOL_CMD_BYTES);

    /** Mb/s, or -1 when the driver does not say (lo, no carrier, SPEED_UNKNOWN, EOPNOTSUPP, EINVAL). */
    synchronized long speedMbps(int socketFd, String ifName) {
        byte[] name = ifName.getBytes(StandardCharsets.UTF_8);
        if (socketFd < 0 || name.length >= 16) {
            return -1;
        }
        ifreq.setMemory(0, IFREQ_BYTES, (byte) 0);
        ifreq.put(0, name, 0, name.length);
        ifreq.putAddress(16, cmd.address());
        cmd.setMemory(0, ETHTOOL_CMD_BYTES, (byte) 0);
        cmd.putInt(0, ETHTOOL_GSET);
        if (Native.libc().ioctl(socketFd, SIOCETHTOOL, ifreq) != 0) {
            return -1;
        }
        long speed = Short.toUnsignedInt(cmd.getShort(SPEED_OFFSET)) | ((long) Short.toUnsignedInt(cmd.getShort(SPEED_HI_OFFSET)) << 16);
        return speed == 0xFFFFFFFFL || speed == 0 ? -1 : speed;
    }
}
