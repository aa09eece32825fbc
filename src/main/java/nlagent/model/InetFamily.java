package nlagent.model;

/** The address families of neighbour and route entries (the kernel's AF_* numbers). */
public final class InetFamily {
    private InetFamily() {
    }

    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    /** Address length in bytes: 4 or 16. */
    public static int addressLength(int family) {
        return family == AF_INET ? 4 : 16;
    }
}
