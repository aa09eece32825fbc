package nlagent.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
    @Test
    void runsDueTasksInTimeOrderAndRepeatsPeriodicOnes() {
        ManualScheduler s = new ManualScheduler();
        List<String> log = new ArrayList<>();
        s.scheduleWithFixedDelay(() -> log.add("p@" + s.nanos() / 1_000_000), 10, 10, TimeUnit.MILLISECONDS);
        var once = s.schedule(() -> log.add("o@" + s.nanos() / 1_000_000), 15, TimeUnit.MILLISECONDS);
        var cancelled = s.schedule(() -> log.add("never"), 5, TimeUnit.MILLISECONDS);
        cancelled.cancel();
        s.advance(35, TimeUnit.MILLISECONDS);
        assertEquals(List.of("p@10", "o@15", "p@20", "p@30"), log);
        assertEquals(35_000_000L, s.nanos());
        assertEquals(1, s.pendingTasks());
        once.cancel();
    }
}
