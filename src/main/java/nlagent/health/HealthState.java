package nlagent.health;

/** Overall state; the numbers are dcacheHealthState's enumeration and the Nagios plugin exit codes differ. */
public enum HealthState {
    OK(1, 0), WARNING(2, 1), CRITICAL(3, 2), UNKNOWN(4, 3);

    /** Value of dcacheHealthState. */
    public final int mibValue;
    /** Nagios/Icinga plugin exit code. */
    public final int nagiosExitCode;

    HealthState(int mibValue, int nagiosExitCode) {
        this.mibValue = mibValue;
        this.nagiosExitCode = nagiosExitCode;
    }
}
