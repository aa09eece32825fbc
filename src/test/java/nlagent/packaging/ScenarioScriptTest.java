package nlagent.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/** bench/scenario.sh against the real kernel, small K: build, grow, shrink, ifaces, teardown, trap. */
class ScenarioScriptTest {
    private static final Path SCRIPT = PackagingFiles.bench("scenario.sh");
    private String prefix;
    @TempDir
    Path state;

    @BeforeEach
    void prefix() {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip", "cc");
        prefix = "nlb" + Integer.toString(36 * 36 * 36 + ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 35), 36);
    }

    @AfterEach
    void down() {
        if (prefix != null) {
            scenario("down");
        }
    }

    private Processes.Result scenario(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("env", "NLB_STATE=" + state.resolve("prefix"),
                SCRIPT.toString(), "--prefix", prefix));
        cmd.addAll(Arrays.asList(args));
        return Processes.run(120, cmd);
    }

    private long netns() {
        return Arrays.stream(Processes.check("ip", "netns", "list").split("\n"))
                .filter(l -> l.startsWith(prefix + "-")).count();
    }

    /** Root-netns links of ours, with their flags, e.g. "nlbxyz-0@if2 UP". */
    private List<String> links() {
        return Arrays.stream(Processes.check("ip", "-br", "link").split("\n"))
                .filter(l -> l.startsWith(prefix)).map(l -> l.split("\\s+")[0] + " " + l.split("\\s+")[1]).toList();
    }

    @Test
    void upBuildsPodsWithCarrierAndIsIdempotent() throws Exception {
        Processes.Result r = scenario("up", "6");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(prefix, r.stdout().trim());
        assertEquals(6, netns());
        // host ends up with carrier: the pod side (eth0) was set up inside the namespace
        List<String> l = links();
        assertEquals(6, l.size(), l.toString());
        l.forEach(x -> assertTrue(x.endsWith(" UP"), x));
        assertTrue(Processes.check("ip", "-n", prefix + "-3", "-br", "link", "show", "eth0").contains("UP"));

        assertTrue(scenario("up", "6").stderr().contains("(created 0)"), "second up is a no-op");
        assertTrue(scenario("up", "9").stderr().contains("(created 3)"));
        assertEquals(9, netns());
        assertEquals(0, scenario("up", "4").exitCode());
        assertEquals(4, netns());
        assertEquals(4, links().size(), "host ends of removed pods are gone");

        assertEquals(0, scenario("down").exitCode());
        assertEquals(0, netns());
        assertEquals(List.of(), links());
        assertEquals(0, scenario("down").exitCode(), "down on nothing is fine");
    }

    @Test
    void ifacesModeMakesInterfacesInTheRootNamespaceOnly() {
        assertEquals(0, scenario("ifaces", "10").exitCode());
        assertEquals(0, netns());
        assertEquals(10, links().size(), links().toString());
        assertEquals(0, scenario("ifaces", "4").exitCode());
        assertEquals(4, links().size(), links().toString());
        assertEquals(0, scenario("down").exitCode());
        assertEquals(List.of(), links());
    }

    @Test
    void withTearsDownEvenWhenTheCommandFails() {
        Processes.Result r = scenario("with", "3", "--", "sh", "-c", "ip netns list | grep -c " + prefix + "-; exit 7");
        assertEquals(7, r.exitCode(), r.stderr());
        assertEquals("3", r.stdout().trim());
        assertEquals(0, netns());
        assertEquals(List.of(), links());
    }

    @Test
    void sigtermDuringUpRemovesWhatWasMade() throws Exception {
        Process p = new ProcessBuilder("env", "NLB_STATE=" + state.resolve("prefix"), SCRIPT.toString(), "--prefix", prefix, "up", "400")
                .redirectErrorStream(true).start();
        Thread.sleep(300);
        Processes.run(5, "kill", "-TERM", Long.toString(p.pid()));
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() == 0) {
            System.out.println("note: up 400 finished before the signal; teardown checked by down");
            scenario("down");
        } else {
            assertEquals(130, p.exitValue(), out);
            assertTrue(out.contains("interrupted"), out);
        }
        assertEquals(0, netns());
        assertEquals(List.of(), links());
    }

    @Test
    void refusesPrefixesThatCouldMatchOtherPeoplesNamespaces() {
        Processes.Result r = Processes.run(10, SCRIPT.toString(), "--prefix", "nt", "down");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().contains("bad prefix"), r.stderr());
        assertTrue(Files.exists(SCRIPT));
    }
}
