package nlagent.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

import nlagent.sys.ErrnoException;
import nlagent.sys.LibC;
import nlagent.sys.Native;

/**
 * A procfs instance of the agent's own: {@code fsopen("proc")} + {@code fsmount()}, never attached
 * to any mount tree (it is in no mount table and goes away with its fd). Since Linux 5.8 every
 * procfs mount has its own superblock, so the per-namespace {@code ipv4}/{@code ipv6} dentries a
 * sysctl lookup creates through it hash under this instance's {@code sys/net}, not under the host's
 * {@code /proc/sys/net}: they never lengthen the chains every other process on the host walks (and
 * only the agent walks this instance's chains, once per namespace it opens). Used for the one
 * served value with no netlink or socket source, {@code net.ipv4.ipfrag_time}.
 *
 * <p>Needs CAP_SYS_ADMIN over the agent's mount namespace (the agent holds it for setns anyway)
 * and no seccomp/LSM rule against the new mount API. When unavailable, {@link #get()} returns null
 * once and for all, with one warning saying why.
 */
final class PrivateProc {
    private static final Logger LOG = Logger.getLogger(PrivateProc.class.getName());
    private static boolean tried;
    private static PrivateProc instance;
    private static String unavailable;

    private final int mountFd;

    private PrivateProc(int mountFd) {
        this.mountFd = mountFd;
    }

    /** The process's private procfs instance (created on first use, kept for the process's life), or null. */
    static synchronized PrivateProc get() {
        if (!tried) {
            tried = true;
            try {
                instance = create();
            } catch (ErrnoException e) {
                unavailable = e.getMessage();
                LOG.warning("no private procfs instance (" + unavailable + "): ipReasmTimeout is served only for the"
                        + " agent's own namespace; other namespaces would need a lookup through the host's /proc/sys,"
                        + " which lengthens its dentry chains");
            }
        }
        return instance;
    }

    /** Why {@link #get()} returned null, or null. */
    static synchronized String unavailableReason() {
        return unavailable;
    }

    private static PrivateProc create() throws ErrnoException {
        LibC libc = Native.libc();
        int fs;
        try {
            fs = libc.fsopen("proc", Native.FSOPEN_CLOEXEC);
        } catch (LinkageError e) {
            throw new ErrnoException("the C library has no fsopen (glibc < 2.36)");
        }
        if (fs < 0) {
            throw ErrnoException.fromErrno("fsopen(\"proc\")");
        }
        try {
            if (libc.fsconfig(fs, Native.FSCONFIG_CMD_CREATE, null, null, 0) < 0) {
                throw ErrnoException.fromErrno("fsconfig(proc, FSCONFIG_CMD_CREATE)");
            }
            int mnt = libc.fsmount(fs, Native.FSMOUNT_CLOEXEC,
                    Native.MOUNT_ATTR_RDONLY | Native.MOUNT_ATTR_NOSUID | Native.MOUNT_ATTR_NODEV | Native.MOUNT_ATTR_NOEXEC);
            if (mnt < 0) {
                throw ErrnoException.fromErrno("fsmount(proc)");
            }
            if (sharesHostSuperblock(mnt)) {
                libc.close(mnt);
                throw new ErrnoException("procfs mounts share one superblock on this kernel (< 5.8): no private dentries");
            }
            return new PrivateProc(mnt);
        } finally {
            libc.close(fs);
        }
    }

    /** Same st_dev as the host's /proc means the same superblock, hence the same dentry chains. */
    private static boolean sharesHostSuperblock(int mnt) {
        try {
            Object mine = Files.getAttribute(Path.of("/proc/self/fd/" + mnt), "unix:dev");
            return mine.equals(Files.getAttribute(Path.of("/proc"), "unix:dev"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Opens {@code sys/<relPath>} of this instance in the calling thread's network namespace
     * (sysctl lookups resolve against the caller's namespace, whichever proc instance they go through).
     */
    HeldSysctl open(String relPath) throws ErrnoException {
        return HeldSysctl.openAt(mountFd, relPath);
    }
}
