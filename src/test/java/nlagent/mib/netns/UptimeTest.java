package nlagent.mib.netns;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import nlagent.time.Ticker;

/** One nanoseconds-to-TimeTicks conversion, 0 up to the origin, truncating (as sysUpTime never runs ahead). */
class UptimeTest {

    @Test
    void centisBetweenOriginAndNow() {
        long origin = 5_000_000_000L;
        assertEquals(0, Uptime.centisBetween(origin, 0));
        assertEquals(0, Uptime.centisBetween(origin, origin));
        assertEquals(0, Uptime.centisBetween(origin, origin + 9_999_999));
        assertEquals(1, Uptime.centisBetween(origin, origin + 10_000_000));
        assertEquals(12_345, Uptime.centisBetween(origin, origin + 123_456_789_000L));
        long[] now = {origin + 2_500_000_000L};
        Ticker t = () -> now[0];
        Uptime up = new Uptime(t, origin);
        assertEquals(origin, up.originNanos());
        assertEquals(250, up.centisNow());
        assertEquals(Uptime.centisBetween(origin, now[0]), up.centisNow());
    }
}
