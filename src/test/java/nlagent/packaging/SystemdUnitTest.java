package nlagent.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/** packaging/nlagent.service: systemd accepts it without warnings, and it keeps its hardening. */
class SystemdUnitTest {
    private static final Path UNIT = PackagingFiles.packaging("nlagent.service");

    /** Key=value lines of the unit (last one wins, like systemd for most keys; enough for these checks). */
    private static Map<String, String> keys() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : Files.readAllLines(UNIT)) {
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("[")) {
                continue;
            }
            int eq = t.indexOf('=');
            m.put(t.substring(0, eq), t.substring(eq + 1));
        }
        return m;
    }

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnitWithoutWarnings(@TempDir Path dir) throws IOException {
        Preconditions.assumeCommands("systemd-analyze");
        // verify checks that ExecStart's binary exists: point it at the launcher in the source tree
        String text = Files.readString(UNIT).replace("/usr/bin/nlagent", PackagingFiles.packaging("nlagent").toString());
        Path copy = dir.resolve("nlagent.service");
        Files.writeString(copy, text);
        Processes.Result r = Processes.run(60, "systemd-analyze", "verify", copy.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        // unknown keys or bad values are only warnings (exit 0): there must be none
        List<String> complaints = new ArrayList<>();
        for (String l : (r.stdout() + r.stderr()).split("\n")) {
            if (l.contains("nlagent.service")) {
                complaints.add(l);
            }
        }
        assertEquals(List.of(), complaints);
    }

    @Test
    void runsUnprivilegedWithOnlyTheDocumentedCapabilities() throws IOException {
        Map<String, String> k = keys();
        assertEquals("nlagent", k.get("User"));
        assertEquals("nlagent", k.get("Group"));
        Set<String> allowed = Set.of("CAP_SYS_ADMIN", "CAP_DAC_READ_SEARCH");
        Set<String> ambient = new TreeSet<>(List.of(k.get("AmbientCapabilities").split("\\s+")));
        Set<String> bounding = new TreeSet<>(List.of(k.get("CapabilityBoundingSet").split("\\s+")));
        assertTrue(allowed.containsAll(bounding), "bounding set " + bounding);
        assertEquals(bounding, ambient, "ambient set must equal the bounding set");
        assertTrue(ambient.contains("CAP_SYS_ADMIN"), "setns needs CAP_SYS_ADMIN");
        String unit = Files.readString(UNIT);
        for (String cap : bounding) {
            assertTrue(unit.contains("# " + cap), "the unit must document why it needs " + cap);
        }
    }

    @Test
    void keepsItsSandboxAndRestartPolicy() throws IOException {
        Map<String, String> k = keys();
        assertEquals("yes", k.get("NoNewPrivileges"));
        assertEquals("strict", k.get("ProtectSystem"));
        assertEquals("yes", k.get("ProtectHome"));
        assertEquals("yes", k.get("PrivateTmp"));
        assertEquals("nlagent", k.get("RuntimeDirectory"));
        assertEquals("on-failure", k.get("Restart"));
        assertEquals("net", k.get("RestrictNamespaces"), "setns into network namespaces only");
        assertTrue(k.get("After").contains("snmpd.service"), "ordered after the AgentX master");
        assertTrue(k.get("ExecStart").startsWith("/usr/bin/nlagent run --config /etc/nlagent/nlagent.conf"));
        assertTrue(!k.containsKey("MemoryDenyWriteExecute") || k.get("MemoryDenyWriteExecute").equals("no"),
                "the JIT needs W+X memory");
    }
}
