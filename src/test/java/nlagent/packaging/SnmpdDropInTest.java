package nlagent.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.sys.CpuSet;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/**
 * config/snmpd/snmpd.service.d/nlagent.conf, the drop-in for Debian's snmpd.service: systemd takes it without a
 * warning on top of the installed unit, and it binds snmpd to one CPU (which nlagent's AgentX thread follows).
 */
class SnmpdDropInTest {
    private static final Path DROP_IN = PackagingFiles.root().resolve("config/snmpd/snmpd.service.d/nlagent.conf");
    private static final Path SNMPD_UNIT = Path.of("/lib/systemd/system/snmpd.service");

    @Test
    void systemdAnalyzeVerifyTakesItWithoutWarnings(@TempDir Path dir) throws IOException {
        Preconditions.assumeCommands("systemd-analyze", "snmpd");
        Preconditions.skipUnless(Files.exists(SNMPD_UNIT), "needs Debian's " + SNMPD_UNIT + " (package snmpd)");
        // verify reads drop-ins from beside the unit it is given
        Files.copy(SNMPD_UNIT, dir.resolve("snmpd.service"));
        Files.createDirectories(dir.resolve("snmpd.service.d"));
        Files.copy(DROP_IN, dir.resolve("snmpd.service.d/nlagent.conf"));
        Processes.Result r = Processes.run(60, "systemd-analyze", "verify", dir.resolve("snmpd.service").toString());
        List<String> complaints = new ArrayList<>();
        for (String l : (r.stdout() + r.stderr()).split("\n")) {
            if (l.contains("nlagent.conf")) { // unknown keys or bad values are warnings only (exit 0)
                complaints.add(l);
            }
        }
        assertEquals(List.of(), complaints, r.stdout() + r.stderr());
    }

    @Test
    void bindsSnmpdToOneCpu() throws IOException {
        String value = null;
        for (String l : Files.readAllLines(DROP_IN)) {
            if (l.startsWith("CPUAffinity=")) {
                value = l.substring("CPUAffinity=".length()).strip();
            }
        }
        assertTrue(value != null, "CPUAffinity= in " + DROP_IN);
        assertEquals(1, CpuSet.parse(value).size(), "one CPU for snmpd and the AgentX thread that follows it: " + value);
    }
}
