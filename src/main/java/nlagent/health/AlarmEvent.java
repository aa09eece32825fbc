package nlagent.health;

/** A threshold crossing; {@code probeIndex} is the 1-based probe row for chain events, 0 otherwise. */
public record AlarmEvent(Kind kind, int probeIndex) {
    /** One per notification type of DCACHE-HEALTH-MIB. */
    public enum Kind { CHAIN_RISING, CHAIN_FALLING, UNUSED_RISING, UNUSED_FALLING, NEGATIVE_RISING, NEGATIVE_FALLING }
}
