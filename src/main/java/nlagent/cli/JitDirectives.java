package nlagent.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Keeps the C2 compiler away from a few methods that C1 serves as well, for one of two reasons, from the
 * start ({@link #install()}); and after the standalone agent's warm-up, from everything ({@link #freezeC2()}).
 * The reasons for the few:
 *
 * <p>Memory: C2's compilation of refreshLocked and of the warm-up's walk was the agent's memory peak:
 * they call the whole refresh pipeline (or, for the start-up warm-up's client, the whole of snmp4j) in
 * one body, C2 inlines it all, and one such compilation used ~20-30 MB of compiler arena (JDK 25's
 * per-compilation statistics, K = 2,000 namespaces: NetnsHandle.refreshLocked 31 MB, Warmup$Walker.walk
 * 15 MB; the next largest 8.5 MB). On JDK 17 the peak of C2's arenas went from 21-24 to 14.5 MB (NMT),
 * which is most of the difference in peak RSS at K = 2,000 (bench/README.md, "Memory at K = 2,000").
 * readStructure, the structure dumps split out of refreshLocked later, became the largest compilation again
 * (JDK 25: 18.7 MB, at the end of the warm-up, where the agent's RSS peaks; next LinkMessage.decode 8.3 MB), and
 * joined it ("Memory at K = 2,000 again").
 *
 * <p>Compiler CPU inside NMS polls: SnapshotAssembler.assemble runs once per refresh (or batch of
 * netconf notifications) of a namespace, so on a host with a thousand interfaces its loops reach C2's
 * thresholds one refresh at a time, i.e. one NMS poll at a time once polls are further apart than the
 * refresh interval, and its C2 compilations (an on-stack replacement, later the method) fell into the
 * first and the fifth of six polls spaced 7 s apart, 155 and 191 ms of compiler CPU in those polls
 * (bench/README.md, "Polls spaced as an NMS spaces them"). At C1 a refresh of 2,000 interfaces costs
 * a few ms more (a pinned A/B, four pairs: the median pair 1.2x, with pairs from 0.8x to 1.55x): what
 * it calls (equals, the row constructors, map lookups) is compiled by C2 on its own. Running it
 * again at start so that C2 compiles it there was tried and not kept: it would hold the namespace
 * while it ran, profile every row as unchanged, and leave the AgentX-only agent out.
 *
 * <p>None of them is hot per request: they run once per namespace refresh (the walk only during
 * start-up). C1 still compiles them.
 *
 * <p>Installed at start through the JVM's DiagnosticCommand MBean (what {@code jcmd
 * Compiler.directives_add} does), so no launcher flag is needed: a flag would have to carry commas
 * and a {@code $}, which the DaemonSet's and Jib's flag lists and the launcher's shell cannot all
 * pass through unchanged. A JVM without the command (or a JVM that refuses it) runs as before.
 */
final class JitDirectives {
    /** The methods C2 does not compile, in the directives' pattern syntax (package/Class.method). */
    static final List<String> C2_EXCLUDED = List.of(
            "nlagent/kernel/NetnsHandle.refreshLocked",
            "nlagent/kernel/NetnsHandle.readStructure",
            "nlagent/kernel/SnapshotAssembler.assemble",
            "nlagent/standalone/Warmup$Walker.walk");

    private JitDirectives() {
    }

    /** The compiler directives file: one directive, C2 excluded for {@link #C2_EXCLUDED}. */
    static String json() {
        return json(C2_EXCLUDED);
    }

    /**
     * The directive of {@link #freezeC2()}: C2 compiles nothing more. What it compiled so far stays; a method that
     * reaches C2's thresholds from now on (or is deoptimised) stays compiled by C1 instead.
     */
    static String freezeJson() {
        return json(List.of("*.*"));
    }

    private static String json(List<String> patterns) {
        return "[{ match: [" + patterns.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(", "))
                + "], c2: { Exclude: true } }]\n";
    }

    /**
     * After the standalone agent's warm-up passes (Warmup#run(Predicate): one more pass, refresh passes and the interface
     * tables' walk follow it): C2 compiles nothing more ({@link #freezeJson()}). The warm-up runs the
     * poll's path until the compilers (nearly) settle, but it is bounded, and what it leaves short of C2's thresholds
     * reached them in the NMS polls that followed, one poll at a time: 86-155 ms of C2 in the first poll after
     * start and 30-120 ms in one poll of the next eight, in four of five starts at K = 1,000 (more than the poll's
     * own work), and a poll every 5 minutes would meet them for hours. With the freeze those methods are compiled
     * by C1 in a few ms; the later polls' own CPU was the same, and the JIT deoptimised only a handful of methods
     * in the eight polls after the warm-up (JFR), which now stay at C1 (bench/README.md, "Pre-encoded varbinds").
     * The cost: code the warm-up did not run (a GET, a GETBULK of several repeaters, v1 through snmp4j) and code
     * deoptimised later runs C1's code for the rest of the process's life, a few times slower than C2's per call.
     * So the agent freezes only after a complete warm-up and only when every request takes the warm-up's path: not
     * with an AgentX master or SNMPv3 users (RunCommand#freezeJitAfter).
     *
     * @return as {@link #install()}
     */
    static Optional<String> freezeC2() throws IOException, JMException {
        return add(freezeJson());
    }

    /**
     * Adds the directives to this JVM.
     *
     * @return the JVM's answer (e.g. "1 compiler directives added"), or empty when this JVM has no
     *         DiagnosticCommand MBean or the command failed (the reason is in the returned
     *         exception's message, which the caller logs)
     */
    static Optional<String> install() throws IOException, JMException {
        return add(json());
    }

    private static Optional<String> add(String directives) throws IOException, JMException {
        Path file = Files.createTempFile("nlagent-jit-", ".json");
        try {
            Files.writeString(file, directives, StandardCharsets.UTF_8);
            // starts the platform MBean server (a few hundred classes): counted in the A/B figures above
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            return Optional.ofNullable(answer).map(a -> a.toString().trim());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the directive is in (or not) either way; a leftover temp file must not say otherwise
            }
        }
    }

    /**
     * Whether the JVM's answer says the directives were added: HotSpot answers "N compiler directives
     * added", and a directive it cannot parse does not throw but answers with the parse error.
     */
    static boolean accepted(String answer) {
        return answer.matches("[1-9][0-9]* compiler directives added");
    }
}
