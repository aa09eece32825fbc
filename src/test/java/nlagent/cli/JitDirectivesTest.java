package nlagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The C2 exclusions name methods that exist, and this JVM accepts them. */
class JitDirectivesTest {

    /** A rename would silently turn an exclusion off (its memory peak or its compilations inside polls back on): fail here instead. */
    @Test
    void everyExcludedMethodExists() throws ClassNotFoundException {
        for (String pattern : JitDirectives.C2_EXCLUDED) {
            int dot = pattern.lastIndexOf('.');
            Class<?> c = Class.forName(pattern.substring(0, dot).replace('/', '.'));
            String method = pattern.substring(dot + 1);
            assertTrue(Arrays.stream(c.getDeclaredMethods()).map(Method::getName).anyMatch(method::equals),
                    pattern + ": no method " + method + " in " + c.getName());
        }
    }

    @Test
    void theJvmAcceptsTheDirectives() throws Exception {
        Optional<String> answer = JitDirectives.install();
        assertTrue(answer.isPresent(), "no answer from compilerDirectivesAdd");
        // HotSpot answers "<n> compiler directives added"; a parse error answers with the error instead
        assertEquals("1 compiler directives added", answer.get());
        assertTrue(JitDirectives.accepted(answer.get()));
    }

    /** A directive HotSpot cannot parse comes back as an answer, not an exception: it must not pass for installed. */
    @Test
    void aParseErrorIsNotTakenForSuccess() {
        assertTrue(JitDirectives.accepted("2 compiler directives added"));
        assertTrue(!JitDirectives.accepted("Parsing of compiler directives failed"));
        assertTrue(!JitDirectives.accepted("0 compiler directives added"));
        assertTrue(!JitDirectives.accepted("no answer"));
    }

    /**
     * The freeze after the warm-up, in a JVM of its own: a method made hot afterwards is compiled by C1 only, where
     * the same JVM without the freeze compiles it with C2 (level 4).
     */
    @Test
    void afterTheFreezeC2CompilesNothingMore() throws Exception {
        assertEquals("level 4", probe(false), "without the freeze the probe's method reaches C2");
        String frozen = probe(true);
        assertTrue(frozen.matches("level [1-3]"), "after the freeze only C1 compiles it (levels 1-3): " + frozen);
        assertTrue(JitDirectives.freezeJson().contains("\"*.*\"") && JitDirectives.freezeJson().contains("c2: { Exclude: true }"));
        assertTrue(!JitDirectives.freezeJson().contains("c1:"), "C1 must still compile: " + JitDirectives.freezeJson());
    }

    /** The freeze only after a warm-up that ran to its end, and only when every request takes the path it ran. */
    @Test
    void theAgentFreezesOnlyAfterACompleteWarmupOfThePathItServes() {
        nlagent.standalone.Warmup.Result complete = result(12, true);
        assertTrue(RunCommand.freezeJitAfter(complete, false, false));
        assertTrue(!RunCommand.freezeJitAfter(complete, true, false), "an AgentX master: the subagent's path was not run");
        assertTrue(!RunCommand.freezeJitAfter(complete, false, true), "SNMPv3 users: USM's path was not run");
        assertTrue(!RunCommand.freezeJitAfter(result(1, false), false, false), "passes cut short by the bounds");
        assertTrue(!RunCommand.freezeJitAfter(result(0, false), false, false), "no pass at all");
    }

    private static nlagent.standalone.Warmup.Result result(int passes, boolean complete) {
        return new nlagent.standalone.Warmup.Result(1_000, 25_000, 2 * passes, 10 * passes, 1_000_000, java.util.List.of(""),
                passes, 0, complete, 100, false, 0, 0, 0, false, true);
    }

    /** The probe's "level N" line (JitFreezeProbe). */
    private static String probe(boolean freeze) throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(javaBin, "-XX:+UseSerialGC", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), JitFreezeProbe.class.getName()));
        if (freeze) {
            cmd.add("freeze");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "probe did not end");
        assertEquals(0, p.exitValue(), out);
        if (freeze) {
            assertTrue(out.contains("answer 1 compiler directives added"), out);
        }
        return out.lines().filter(l -> l.startsWith("level ")).map(l -> l.substring(0, 7)).findFirst().orElse(out);
    }

    @Test
    void oneDirectiveExcludingC2Only() {
        String json = JitDirectives.json();
        assertTrue(json.contains("c2: { Exclude: true }"), json);
        assertTrue(!json.contains("c1:"), "C1 must still compile them: " + json);
        for (String m : JitDirectives.C2_EXCLUDED) {
            assertTrue(json.contains("\"" + m + "\""), json);
        }
    }
}
