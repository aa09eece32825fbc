package nlagent.model;

/**
 * Identity of a network namespace: the kernel's 64-bit never-reused id (NS_GET_ID or
 * SO_NETNS_COOKIE) where available, else the nsfs (st_dev, st_ino) pair, which the kernel may
 * recycle after the namespace is freed.
 *
 * @param cookie 64-bit namespace id, or 0 when the kernel does not provide one
 * @param dev    st_dev of the nsfs inode
 * @param inode  st_ino of the nsfs inode
 */
public record NetnsId(long cookie, long dev, long inode) {

    /** Two ids name the same namespace when their cookies (if both known) or their inodes agree. */
    public boolean sameNamespace(NetnsId o) {
        if (cookie != 0 && o.cookie != 0) {
            return cookie == o.cookie;
        }
        return dev == o.dev && inode == o.inode;
    }

    @Override
    public String toString() {
        return cookie != 0 ? "netns#" + cookie : "netns[" + dev + ":" + inode + "]";
    }
}
