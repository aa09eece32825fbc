package nlagent.sys;

import java.nio.ByteBuffer;

/**
 * The layout of {@code struct epoll_event { uint32_t events; epoll_data_t data; }}, whose size
 * depends on the architecture: the kernel declares it packed on x86_64 (12 bytes, data at offset 4)
 * and naturally aligned elsewhere (aarch64: 16 bytes, data at offset 8). The agent puts an fd in
 * {@code data}. Buffers are in native byte order.
 */
public final class EpollEvent {
    private static final boolean PACKED = isX86_64(System.getProperty("os.arch", ""));
    /** Bytes per event on this architecture. */
    public static final int SIZE = size(PACKED);
    private static final int DATA_OFFSET = dataOffset(PACKED);

    private EpollEvent() {
    }

    static boolean isX86_64(String osArch) {
        return osArch.equals("amd64") || osArch.equals("x86_64");
    }

    static int size(boolean packed) {
        return packed ? 12 : 16;
    }

    static int dataOffset(boolean packed) {
        return packed ? 4 : 8;
    }

    /** Writes event {@code index}: {@code events} and the fd as its data. */
    public static void put(ByteBuffer buf, int index, int events, int fd) {
        int at = index * SIZE;
        buf.putInt(at, events);
        buf.putLong(at + DATA_OFFSET, fd);
    }

    /** The fd in event {@code index}'s data. */
    public static int fd(ByteBuffer buf, int index) {
        return (int) buf.getLong(index * SIZE + DATA_OFFSET);
    }
}
