package nlagent.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.testing.Processes;

/**
 * Configuration mistakes stop {@code nlagent run} with one line naming the file, line and key (or
 * the option) and exit status 2, before serving anything; risky but valid files get a warning.
 */
class ConfigErrorsTest {

    private static Processes.Result run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run"));
        cmd.addAll(List.of(args));
        return Processes.run(60, cmd);
    }

    private static Path conf(String text, String mode) throws Exception {
        Path dir = Files.createTempDirectory("nlagent-conf");
        Path c = dir.resolve("nlagent.conf");
        // no namespaces and no probe: the run gets to the listen step at once, with nothing else to set up
        Files.writeString(c, "netnsDir " + dir + "\nprobeEnabled no\n" + text);
        Files.setPosixFilePermissions(c, PosixFilePermissions.fromString(mode));
        return c;
    }

    @Test
    void listenAddressInUseIsOneLineNamingTheLineOrOption() throws Exception {
        try (DatagramSocket busy = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String addr = "udp:127.0.0.1:" + busy.getLocalPort();
            Path c = conf("rocommunity public 127.0.0.1\nlisten " + addr + "\n", "rw-r-----");
            Processes.Result r = run("--config", c.toString());
            assertEquals(2, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("nlagent: " + c + ":4: listen: cannot listen on " + addr + ": "), r.stderr());
            assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("SEVERE"), "no stack trace: " + r.stderr());

            Processes.Result opt = run("--config", c.toString(), "--listen", addr);
            assertEquals(2, opt.exitCode(), opt.stderr());
            assertTrue(opt.stderr().contains("nlagent: --listen " + addr + ": cannot listen on " + addr + ": "), opt.stderr());
        }
    }

    @Test
    void overlongDisplayStringIsRefusedAtLoad() throws Exception {
        Path c = conf("rocommunity public 127.0.0.1\nsysLocation \"" + "x".repeat(256) + "\"\n", "rw-------");
        Processes.Result r = run("--config", c.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(c + ":4: sysLocation: value is 256 octets long; a DisplayString holds at most 255"),
                r.stderr());
    }

    @Test
    void configurationThatServesNobodyIsRefused() throws Exception {
        Path empty = Files.createTempFile("nlagent-empty", ".conf");
        Processes.Result r = run("--config", empty.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("nlagent: " + empty + ": no rocommunity and no rouser"), r.stderr());
    }

    @Test
    void worldReadableSecretsGetAWarning() throws Exception {
        try (DatagramSocket busy = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            // the port is taken so the run stops right after the warning
            Path c = conf("rocommunity s3cret 127.0.0.1\nlisten udp:127.0.0.1:" + busy.getLocalPort() + "\n", "rw-r--r--");
            Processes.Result r = run("--config", c.toString());
            assertTrue(r.stderr().contains(c + " holds community strings or SNMPv3 passphrases and is readable by every user"),
                    r.stderr());
            Files.setPosixFilePermissions(c, PosixFilePermissions.fromString("rw-r-----"));
            assertFalse(run("--config", c.toString()).stderr().contains("readable by every user"));
        }
    }
}
