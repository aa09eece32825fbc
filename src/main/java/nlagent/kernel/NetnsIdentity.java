package nlagent.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import nlagent.model.NetnsId;
import nlagent.sys.Native;

/** Resolves a namespace handle path to a {@link NetnsId}. */
final class NetnsIdentity {
    /** ioctl(nsfd, NS_GET_ID, &u64) on kernels ≥ 6.18: the namespace's never-reused 64-bit id. */
    private static final long NS_GET_ID = 0x8008b70dL;

    private NetnsIdentity() {
    }

    /**
     * (st_dev, st_ino) of the nsfs inode behind {@code nsPath} plus its NS_GET_ID cookie where the
     * kernel has the ioctl (0 otherwise; the caller may fill in SO_NETNS_COOKIE instead).
     */
    static NetnsId of(Path nsPath) throws IOException {
        Map<String, Object> a = Files.readAttributes(nsPath, "unix:dev,ino");
        long dev = ((Number) a.get("dev")).longValue();
        long ino = ((Number) a.get("ino")).longValue();
        return new NetnsId(nsGetId(nsPath), dev, ino);
    }

    /** Same inode, ignoring the cookie: cheap re-check of a directory entry (a stat, no open). */
    static boolean sameInode(Path nsPath, NetnsId id) {
        try {
            Map<String, Object> a = Files.readAttributes(nsPath, "unix:dev,ino");
            return ((Number) a.get("dev")).longValue() == id.dev() && ((Number) a.get("ino")).longValue() == id.inode();
        } catch (IOException e) {
            return false;
        }
    }

    private static long nsGetId(Path nsPath) {
        int fd = Native.libc().open(nsPath.toString(), Native.O_RDONLY | Native.O_CLOEXEC);
        if (fd < 0) {
            return 0;
        }
        try {
            Pointer out = Memory.allocateDirect(Native.runtime(), 8);
            return Native.libc().ioctl(fd, NS_GET_ID, out) == 0 ? out.getLong(0) : 0;
        } finally {
            Native.libc().close(fd);
        }
    }
}
