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
