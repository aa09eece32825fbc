package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigFile;
import nlagent.mib.MibValue;
import nlagent.mib.Notification;
import nlagent.time.ManualScheduler;

/**
 * A negative-dentry flood on the real kernel (the journald {@code access("/proc/vz")} pattern, in
 * bulk): stat()s of missing names leave negative dentries that nr_negative counts; the monitor's
 * negative alarm rises and notifies; removing the directory drops them and the alarm falls.
 */
class NegativeDentryTest {
    private static final int FLOOD = 40_000;

    @Test
    void negativeFloodRaisesAndClearsTheAlarm() throws Exception {
        Path ds = Path.of("/proc/sys/fs/dentry-state");
        String[] f = KernelFiles.read(ds).trim().split("\\s+");
        nlagent.testing.Preconditions.skipUnless(f.length >= 5
                && KernelCounterReader.kernelAtLeast(System.getProperty("os.version", ""), 5, 0),
                "kernel without nr_negative (Linux < 5.0)");
        long base = Long.parseLong(f[4]);
        // margins wide enough for other tenants' churn (each deleted /run/netns entry adds one negative)
        long rising = base + FLOOD / 2;
        long falling = base + FLOOD / 4;
        HealthConfig c = new HealthConfig();
        ConfigFile.apply("t.conf", "dentriesNegative " + rising + " " + falling
                + "\nchainExcessUs 100000 99999\nchainExcessCriticalUs 200000 100000\n", List.of(c));
        ManualScheduler clock = new ManualScheduler();
        List<Notification> sent = new ArrayList<>();
        Path dir = Files.createTempDirectory("nlagent-neg");
        try (HealthMonitor m = HealthMonitor.start(c, () -> null, sent::add, clock, clock)) {
            clock.runDue();
            assertTrue(sent.isEmpty(), sent.toString());
            for (int i = 0; i < FLOOD; i++) {
                Files.exists(dir.resolve("missing-" + i)); // one negative dentry each
            }
            clock.advance(c.sampleIntervalSeconds(), TimeUnit.SECONDS);
            long flooded = m.status().counters().dentriesNegative().getAsLong();
            assertTrue(flooded >= rising, "nr_negative " + base + " -> " + flooded);
            assertEquals(List.of(HealthOids.NEGATIVE_RISING), sent.stream().map(Notification::trapOid).toList());
            assertEquals(MibValue.gauge32(flooded), sent.get(0).payload().get(0).value());
            assertEquals(HealthState.WARNING, m.status().state(), m.status().message());

            Files.delete(dir); // rmdir drops the directory's negative children
            dir = null;
            clock.advance(c.sampleIntervalSeconds(), TimeUnit.SECONDS);
            long after = m.status().counters().dentriesNegative().getAsLong();
            assertTrue(after <= falling, "nr_negative after rmdir " + after);
            assertEquals(List.of(HealthOids.NEGATIVE_RISING, HealthOids.NEGATIVE_FALLING),
                    sent.stream().map(Notification::trapOid).toList());
            assertEquals(HealthState.OK, m.status().state(), m.status().message());
        } finally {
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        }
    }
}
