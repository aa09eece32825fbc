package nlagent.health;

/**
 * A rising/falling threshold pair as in RMON-MIB's alarmTable (RFC 2819) and snmpd's
 * {@code monitor}: one rising crossing when a sample reaches the rising threshold, then nothing
 * until a sample drops to the falling threshold (one falling crossing), and so on. The gap between
 * the two keeps a value hovering at one threshold from sending a notification per sample.
 *
 * <p>Start-up behaves like RMON's {@code risingAlarm} start-up setting: a first sample at or above
 * the rising threshold raises the alarm; a first sample that is low sends nothing (there was no
 * alarm to clear). Absent samples change nothing.
 */
final class HysteresisAlarm {
    /** What a sample did to the alarm. */
    enum Crossing { NONE, ROSE, FELL }

    private final long rising;
    private final long falling;
    private boolean raised;

    HysteresisAlarm(HealthConfig.Threshold t) {
        this.rising = t.rising();
        this.falling = t.falling();
    }

    Crossing sample(long value) {
        if (!raised && value >= rising) {
            raised = true;
            return Crossing.ROSE;
        }
        if (raised && value <= falling) {
            raised = false;
            return Crossing.FELL;
        }
        return Crossing.NONE;
    }

    boolean raised() {
        return raised;
    }

    long rising() {
        return rising;
    }

    long falling() {
        return falling;
    }
}
