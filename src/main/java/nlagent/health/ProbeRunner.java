package nlagent.health;

/** Runs one probe burst; tests inject fakes, production uses {@link StatProbe}. */
@FunctionalInterface
public interface ProbeRunner {
    ProbeRun run();
}
