package nlagent.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.netlink.NlBuffers;
import nlagent.netlink.NlSocket;
import nlagent.sys.EpollEvent;
import nlagent.sys.ErrnoException;
import nlagent.sys.Native;

/**
 * One platform thread that waits on every namespace's notification socket with epoll(7) and hands
 * messages to their handlers. epoll, not poll(2): a wake-up then costs what the ready sockets cost,
 * not a scan of every namespace's socket (at 2,000 namespaces a poll(2) over 2,001 fds per
 * notification made the host's background neighbour churn — ff02::2 entries coming and going on
 * thousands of veths — most of an idle agent's CPU). It alone closes those sockets
 * ({@link #unregister}): closing an fd another thread is waiting on would let the number be reused
 * and read by mistake. Registration changes wake the thread through an eventfd in the same epoll
 * set, so a close is confirmed in microseconds even when hundreds of namespaces go at once.
 */
final class NotificationPoller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NotificationPoller.class.getName());
    /** epoll_wait(2) timeout without an eventfd: registration changes wait for it. */
    static final int POLL_TIMEOUT_MS = 100;
    /** epoll_wait(2) timeout with the eventfd (changes wake the thread at once): only a safety net. */
    static final int WAKEABLE_POLL_TIMEOUT_MS = 1000;
    /** Ready sockets taken per epoll_wait; more stay ready (level-triggered) for the next round. */
    static final int MAX_EVENTS = 64;

    /** By fd: the sockets registered in the epoll set and their handlers (poller thread only). */
    private final Map<Integer, Registered> sockets = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final int epollFd;
    private final ByteBuffer events = ByteBuffer.allocateDirect(EpollEvent.SIZE * MAX_EVENTS).order(ByteOrder.nativeOrder());
    private final ByteBuffer ctlEvent = ByteBuffer.allocateDirect(EpollEvent.SIZE).order(ByteOrder.nativeOrder());
    private final ByteBuffer wakeValue = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    private final int wakeFd;
    /** The one receive buffer of every listener: only this poller's thread reads them. */
    private final NlBuffers buffers = new NlBuffers();

    private record Registered(NlSocket socket, NlSocket.NotificationHandler handler) {
    }

    NotificationPoller() {
        epollFd = Native.libc().epoll_create1(Native.EPOLL_CLOEXEC);
        if (epollFd < 0) {
            throw new IllegalStateException("epoll_create1: " + Native.describe(Native.errno()));
        }
        int fd = Native.libc().eventfd(0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK);
        wakeFd = fd >= 0 && control(Native.EPOLL_CTL_ADD, fd) ? fd : -1; // -1: changes wait for the timeout
        thread = new Thread(this::loop, "nlagent-notify");
        thread.setDaemon(true);
        thread.start();
    }

    void register(NlSocket socket, NlSocket.NotificationHandler handler) {
        commands.add(() -> {
            int fd = socket.fd();
            if (fd >= 0 && control(Native.EPOLL_CTL_ADD, fd)) {
                sockets.put(fd, new Registered(socket, handler));
            } else {
                LOG.warning("notification socket not watched: epoll_ctl: " + Native.describe(Native.errno()));
                handler.unwatched();
            }
        });
        wake();
    }

    /** epoll_ctl(2) for {@code fd}, its fd as the event's data (poller thread, or the constructor). */
    private boolean control(int op, int fd) {
        EpollEvent.put(ctlEvent, 0, Native.EPOLLIN, fd);
        return Native.libc().epoll_ctl(epollFd, op, fd, ctlEvent) == 0;
    }

    private void wake() {
        if (wakeFd >= 0) {
            synchronized (wakeValue) {
                wakeValue.putLong(0, 1);
                Native.libc().write(wakeFd, wakeValue, 8);
            }
        }
    }

    /** Stops watching {@code socket} and closes it; the future completes once it is closed. */
    CompletableFuture<Void> unregister(NlSocket socket) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        commands.add(() -> {
            int fd = socket.fd();
            if (fd >= 0 && sockets.remove(fd) != null) {
                control(Native.EPOLL_CTL_DEL, fd);
            }
            socket.close();
            done.complete(null);
        });
        wake();
        if (!running || !thread.isAlive()) {
            runCommands(); // nobody else will; the thread is gone
        }
        return done;
    }

    /** {@link #unregister} and wait (bounded) for the close. */
    void unregisterAndWait(NlSocket socket) {
        try {
            unregister(socket).get(2L * POLL_TIMEOUT_MS + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warning("notification socket close not confirmed: " + e);
        }
    }

    private synchronized void runCommands() {
        Runnable r;
        while ((r = commands.poll()) != null) {
            r.run();
        }
    }

    private void loop() {
        while (running) {
            try {
                runCommands();
                pollOnce();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "notification poller: " + e, e);
                sleepQuietly();
            } catch (Error e) {
                nlagent.time.FatalErrors.fatal("notification poller", e);
                return;
            }
        }
        runCommands();
    }

    private void pollOnce() {
        events.clear();
        int n = Native.libc().epoll_wait(epollFd, events, MAX_EVENTS, wakeFd >= 0 ? WAKEABLE_POLL_TIMEOUT_MS : POLL_TIMEOUT_MS);
        for (int i = 0; i < n; i++) { // n <= 0: timeout, or EINTR
            int fd = EpollEvent.fd(events, i);
            if (fd == wakeFd) {
                synchronized (wakeValue) {
                    Native.libc().read(wakeFd, wakeValue, 8); // reset the counter; commands run next round
                }
                continue;
            }
            Registered r = sockets.get(fd);
            if (r == null) {
                continue; // unregistered by a command this round: its events were taken before
            }
            try {
                r.socket.receiveAvailable(r.handler, buffers);
            } catch (ErrnoException e) {
                LOG.fine("notification socket: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "notification handler failed: " + e, e);
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the thread and closes every socket still registered. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(2L * WAKEABLE_POLL_TIMEOUT_MS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runCommands();
        sockets.values().forEach(r -> r.socket.close());
        sockets.clear();
        if (wakeFd >= 0) {
            Native.libc().close(wakeFd);
        }
        Native.libc().close(epollFd);
    }
}
