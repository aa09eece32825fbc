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

import nlagent.netlink.Native;
import nlagent.netlink.NetlinkException;
import nlagent.netlink.NlSocket;

/**
 * One platform thread that poll(2)s every namespace's notification socket and hands messages to
 * their handlers. It alone closes those sockets ({@link #unregister}): closing an fd another thread
 * is polling would let the number be reused and read by mistake. Registration changes are picked
 * up within one poll timeout.
 */
final class NotificationPoller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NotificationPoller.class.getName());
    static final int POLL_TIMEOUT_MS = 100;

    private final Map<NlSocket, NlSocket.NotificationHandler> sockets = new LinkedHashMap<>(); // poller thread only
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private ByteBuffer pollfds = ByteBuffer.allocateDirect(8 * 64).order(ByteOrder.nativeOrder());

    NotificationPoller() {
        thread = new Thread(this::loop, "nlagent-notify");
        thread.setDaemon(true);
        thread.start();
    }

    void register(NlSocket socket, NlSocket.NotificationHandler handler) {
        commands.add(() -> sockets.put(socket, handler));
    }

    /** Stops polling {@code socket} and closes it; the future completes once it is closed. */
    CompletableFuture<Void> unregister(NlSocket socket) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        commands.add(() -> {
            sockets.remove(socket);
            socket.close();
            done.complete(null);
        });
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
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "notification poller: " + e, e);
                sleepQuietly();
            }
        }
        runCommands();
    }

    private void pollOnce() {
        List<NlSocket> order = new ArrayList<>(sockets.keySet());
        if (order.isEmpty()) {
            sleepQuietly();
            return;
        }
        if (pollfds.capacity() < 8 * order.size()) {
            pollfds = ByteBuffer.allocateDirect(8 * order.size() * 2).order(ByteOrder.nativeOrder());
        }
        for (int i = 0; i < order.size(); i++) {
            // struct pollfd { int fd; short events; short revents; }
            pollfds.putInt(8 * i, order.get(i).fd()).putShort(8 * i + 4, (short) Native.POLLIN).putShort(8 * i + 6, (short) 0);
        }
        pollfds.clear();
        int n = Native.libc().poll(pollfds, order.size(), POLL_TIMEOUT_MS);
        if (n <= 0) {
            return; // timeout, or EINTR
        }
        for (int i = 0; i < order.size(); i++) {
            if (pollfds.getShort(8 * i + 6) == 0) {
                continue;
            }
            NlSocket s = order.get(i);
            try {
                s.receiveAvailable(sockets.get(s));
            } catch (NetlinkException e) {
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
        try {
            thread.join(2L * POLL_TIMEOUT_MS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runCommands();
        sockets.keySet().forEach(NlSocket::close);
        sockets.clear();
    }
}
