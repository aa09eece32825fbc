package nlagent.health;

/** Reads {@link KernelCounters}; tests inject fakes, production uses {@link KernelCounterReader}. */
@FunctionalInterface
public interface CounterSource {
    KernelCounters read();
}
