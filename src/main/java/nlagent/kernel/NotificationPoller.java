package nlagent.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.netlink.NlBuffers;
import nlagent.netlink.NlSocket;
import nlagent.sys.ErrnoException;
import nlagent.sys.Native;

/**
 * One platform thread that poll(2)s every namespace's notification socket and hands messages to
 * their handlers. It alone closes those sockets ({@link #unregister}): closing an fd another thread
 * is polling would let the number be reused and read by mistake. Registration changes wake the
 * thread through an eventfd that is polled with the sockets, so a close is confirmed in
 * microseconds even when hundreds of namespaces go at once.
 */
final class NotificationPoller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NotificationPoller.class.getName());
    /** poll(2) timeout without an eventfd: registration changes wait for it. */
    static final int POLL_TIMEOUT_MS = 100;
    /**
     * poll(2) timeout with the eventfd (changes wake the thread at once): only a safety net. Each
     * timeout is a poll over every namespace's socket, so at thousands of namespaces a 100 ms
     * timeout alone cost a few % of a core on an idle host.
     */
    static final int WAKEABLE_POLL_TIMEOUT_MS = 1000;

    private final Map<NlSocket, NlSocket.NotificationHandler> sockets = new LinkedHashMap<>(); // poller thread only
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private ByteBuffer pollfds = ByteBuffer.allocateDirect(8 * 64).order(ByteOrder.nativeOrder());
    private final ByteBuffer wakeValue = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    private final int wakeFd;
    /** The one receive buffer of every listener: only this poller's thread reads them. */
    private final NlBuffers buffers = new NlBuffers();

    NotificationPoller() {
        int fd = Native.libc().eventfd(0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK);
        wakeFd = fd; // -1: no eventfd; changes then wait for the poll timeout
        thread = new Thread(this::loop, "nlagent-notify");
        thread.setDaemon(true);
        thread.start();
    }

    void register(NlSocket socket, NlSocket.NotificationHandler handler) {
        commands.add(() -> sockets.put(socket, handler));
        wake();
    }

    private void wake() {
        if (wakeFd >= 0) {
            synchronized (wakeValue) {
                wakeValue.putLong(0, 1);
                Native.libc().write(wakeFd, wakeValue, 8);
            }
        }
    }

    /** Stops polling {@code socket} and closes it; the future completes once it is closed. */
    CompletableFuture<Void> unregister(NlSocket socket) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        commands.add(() -> {
            sockets.remove(socket);
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
        List<NlSocket> order = new ArrayList<>(sockets.keySet());
        if (wakeFd < 0 && order.isEmpty()) {
            sleepQuietly();
            return;
        }
        int slots = order.size() + 1; // slot 0: the wake-up eventfd
        if (pollfds.capacity() < 8 * slots) {
            pollfds = ByteBuffer.allocateDirect(8 * slots * 2).order(ByteOrder.nativeOrder());
        }
        // struct pollfd { int fd; short events; short revents; }; a negative fd is ignored by poll(2)
        pollfds.putInt(0, wakeFd).putShort(4, (short) Native.POLLIN).putShort(6, (short) 0);
        for (int i = 0; i < order.size(); i++) {
            int at = 8 * (i + 1);
            pollfds.putInt(at, order.get(i).fd()).putShort(at + 4, (short) Native.POLLIN).putShort(at + 6, (short) 0);
        }
        pollfds.clear();
        int n = Native.libc().poll(pollfds, slots, wakeFd >= 0 ? WAKEABLE_POLL_TIMEOUT_MS : POLL_TIMEOUT_MS);
        if (n <= 0) {
            return; // timeout, or EINTR
        }
        if (pollfds.getShort(6) != 0) {
            synchronized (wakeValue) {
                Native.libc().read(wakeFd, wakeValue, 8); // reset the counter; commands run next round
            }
        }
        for (int i = 0; i < order.size(); i++) {
            if (pollfds.getShort(8 * (i + 1) + 6) == 0) {
                continue;
            }
            NlSocket s = order.get(i);
            try {
                s.receiveAvailable(sockets.get(s), buffers);
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
            thread.join(2L * POLL_TIMEOUT_MS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runCommands();
        sockets.keySet().forEach(NlSocket::close);
        sockets.clear();
        if (wakeFd >= 0) {
            Native.libc().close(wakeFd);
        }
    }
}
