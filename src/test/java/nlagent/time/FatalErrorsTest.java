package nlagent.time;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An Error in a scheduler task or an agent thread ends the process once, with status 70; exceptions do not. */
class FatalErrorsTest {
    private final List<Integer> exits = new CopyOnWriteArrayList<>();
    private final CountDownLatch exited = new CountDownLatch(1);

    @BeforeEach
    void hook() {
        FatalErrors.exitForTesting(status -> {
            exits.add(status);
            exited.countDown();
        });
    }

    @AfterEach
    void unhook() {
        FatalErrors.exitForTesting(null);
    }

    @Test
    void errorInScheduledTaskExitsOnceAndExceptionsOnlyLog() throws Exception {
        try (ExecutorScheduler s = new ExecutorScheduler("fatal-test", 1)) {
            CountDownLatch ran = new CountDownLatch(3);
            Scheduler.Cancellable periodic = s.scheduleWithFixedDelay(() -> {
                ran.countDown();
                throw new IllegalStateException("an exception: logged, the periodic task keeps running");
            }, 0, 5, TimeUnit.MILLISECONDS);
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            periodic.cancel();
            assertEquals(List.of(), exits);
            s.schedule(() -> {
                throw new OutOfMemoryError("simulated");
            }, 0, TimeUnit.MILLISECONDS);
            assertTrue(exited.await(5, TimeUnit.SECONDS), "an Error ends the process");
            s.schedule(() -> {
                throw new StackOverflowError("second");
            }, 0, TimeUnit.MILLISECONDS);
            Thread.sleep(100);
            assertEquals(List.of(FatalErrors.EXIT_STATUS), exits, "once, with status 70");
        }
    }

    @Test
    void uncaughtErrorOnAnAgentThreadExits() throws Exception {
        Thread t = new Thread(() -> {
            throw new OutOfMemoryError("simulated");
        }, "agent-thread");
        t.setUncaughtExceptionHandler(FatalErrors.handler(java.util.logging.Logger.getLogger("test")));
        t.start();
        t.join();
        assertTrue(exited.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(FatalErrors.EXIT_STATUS), exits);
    }
}
