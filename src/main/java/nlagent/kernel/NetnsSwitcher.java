package nlagent.kernel;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import nlagent.sys.ErrnoException;
import nlagent.sys.LibC;
import nlagent.sys.Native;

/**
 * Runs code inside another network namespace on one dedicated platform thread: open
 * {@code /proc/thread-self/ns/net} (this thread's own namespace — {@code /proc/self} would name the
 * main thread's), setns into the target, run, and setns back in {@code finally}. Sockets and fds
 * created there belong to the target namespace for life and can be used from any thread. A thread
 * that fails to switch back is discarded (its task throws out of the worker, and the pool starts a
 * fresh thread for the next task), so no other code ever runs in the wrong namespace.
 */
final class NetnsSwitcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NetnsSwitcher.class.getName());
    private static final long TIMEOUT_SECONDS = 30;

    /** Work done inside the namespace. */
    @FunctionalInterface
    interface Task<T> {
        T run() throws Exception;
    }

    private final LibC libc = Native.libc();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "nlagent-setns");
                t.setDaemon(true);
                t.setUncaughtExceptionHandler((th, e) -> {
                    if (e instanceof Error) {
                        nlagent.time.FatalErrors.fatal(th.getName(), e);
                    } else {
                        LOG.log(Level.SEVERE, "discarding " + th.getName() + ": " + e.getMessage());
                    }
                });
                return t;
            });

    {
        // the thread now, by the caller: made on demand it would inherit the CPUs of the first thread to submit,
        // which may be one bound to a single CPU (the AgentX I/O thread, IoThreadPlacement)
        executor.prestartCoreThread();
    }

    /** Runs {@code task} inside the namespace whose nsfs handle is {@code target} (null: the agent's own). */
    <T> T call(Path target, Task<T> task) throws ErrnoException {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> runSwitched(target, task, result));
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrnoException("interrupted while waiting for the setns thread");
        } catch (TimeoutException e) {
            throw new ErrnoException("setns thread did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ErrnoException ne) {
                throw ne;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err; // not a namespace problem: the caller's thread policy (FatalErrors) decides
            }
            throw new ErrnoException("in namespace " + target + ": " + c);
        }
    }

    private <T> void runSwitched(Path target, Task<T> task, CompletableFuture<T> result) {
        if (target == null) {
            complete(task, result);
            return;
        }
        int own = libc.open("/proc/thread-self/ns/net", Native.O_RDONLY | Native.O_CLOEXEC);
        if (own < 0) {
            result.completeExceptionally(new ErrnoException("open /proc/thread-self/ns/net", Native.errno()));
            return;
        }
        boolean switched = false;
        try {
            int fd = libc.open(target.toString(), Native.O_RDONLY | Native.O_CLOEXEC);
            if (fd < 0) {
                result.completeExceptionally(new ErrnoException("open " + target, Native.errno()));
                return;
            }
            try {
                if (libc.setns(fd, Native.CLONE_NEWNET) != 0) {
                    result.completeExceptionally(new ErrnoException("setns " + target, Native.errno()));
                    return;
                }
                switched = true;
            } finally {
                libc.close(fd); // an nsfs fd pins its namespace: never keep it
            }
            complete(task, result);
        } finally {
            boolean back = !switched || libc.setns(own, Native.CLONE_NEWNET) == 0;
            int errno = back ? 0 : Native.errno();
            libc.close(own);
            if (!back) {
                result.completeExceptionally(new ErrnoException("setns back to own namespace", errno));
                throw new IllegalStateException("setns back failed (" + Native.describe(errno) + ")");
            }
        }
    }

    private static <T> void complete(Task<T> task, CompletableFuture<T> result) {
        try {
            result.complete(task.run());
        } catch (Throwable t) {
            result.completeExceptionally(t);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
