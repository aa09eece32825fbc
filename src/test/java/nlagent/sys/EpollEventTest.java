package nlagent.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The epoll_event layout against the running kernel: what it reports is what was registered. */
class EpollEventTest {
    private static final LibC C = Native.libc();

    @Test
    void layoutPerArchitecture() {
        assertTrue(EpollEvent.isX86_64("amd64"));
        assertEquals(12, EpollEvent.size(true));
        assertEquals(4, EpollEvent.dataOffset(true));
        assertEquals(16, EpollEvent.size(false)); // aarch64 and the other LP64 ABIs: data aligned to 8
        assertEquals(8, EpollEvent.dataOffset(false));
    }

    @Test
    void theKernelReportsExactlyTheReadyFdsAsRegistered() {
        int ep = C.epoll_create1(Native.EPOLL_CLOEXEC);
        assertTrue(ep >= 0, "epoll_create1: " + Native.describe(Native.errno()));
        List<Integer> fds = new ArrayList<>();
        try {
            ByteBuffer one = ByteBuffer.allocateDirect(EpollEvent.SIZE).order(ByteOrder.nativeOrder());
            for (int i = 0; i < 5; i++) {
                int fd = C.eventfd(0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK);
                assertTrue(fd >= 0);
                fds.add(fd);
                EpollEvent.put(one, 0, Native.EPOLLIN, fd);
                assertEquals(0, C.epoll_ctl(ep, Native.EPOLL_CTL_ADD, fd, one), Native.describe(Native.errno()));
            }
            ByteBuffer value = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            value.putLong(0, 1);
            C.write(fds.get(1), value, 8); // two of five ready
            C.write(fds.get(4), value, 8);
            ByteBuffer events = ByteBuffer.allocateDirect(EpollEvent.SIZE * 8).order(ByteOrder.nativeOrder());
            int n = C.epoll_wait(ep, events, 8, 1000);
            assertEquals(2, n);
            Set<Integer> ready = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                ready.add(EpollEvent.fd(events, i));
            }
            assertEquals(new TreeSet<>(List.of(fds.get(1), fds.get(4))), ready);

            EpollEvent.put(one, 0, 0, fds.get(1));
            assertEquals(0, C.epoll_ctl(ep, Native.EPOLL_CTL_DEL, fds.get(1), one));
            events.clear();
            assertEquals(1, C.epoll_wait(ep, events, 8, 1000), "a removed fd is no longer reported");
            assertEquals(fds.get(4), EpollEvent.fd(events, 0));
        } finally {
            fds.forEach(C::close);
            C.close(ep);
        }
    }
}
