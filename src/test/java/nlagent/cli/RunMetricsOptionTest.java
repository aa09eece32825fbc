package nlagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.testing.Preconditions;

/** {@code nlagent run --metrics}: a bad address or a busy port is a clear one-line error, not a crash. */
class RunMetricsOptionTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.commandLine().execute(args);
        } finally {
            System.setErr(old);
        }
        return new Run(exit, buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badAddressStopsBeforeStartingAnything() {
        Run r = run("run", "--metrics", "http:localhost:9116");
        assertEquals(2, r.exit, r.err);
        assertEquals("nlagent: --metrics: 'http:localhost:9116': 'localhost' is not an IP address literal\n", r.err);
    }

    @Test
    void busyPortNamesTheMetricsAddress() throws Exception {
        Preconditions.assumeRoot(); // the data plane starts first (netlink, the own namespace)
        Path conf = tmp.resolve("nlagent.conf");
        Files.writeString(conf, "netnsNamePattern nlagent-test-none-*\nprobeEnabled no\nlisten udp:127.0.0.1:0\n"
                + "rocommunity public 127.0.0.1\n");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = run("run", "--config", conf.toString(), "--metrics", "http:127.0.0.1:" + busy.getLocalPort());
            assertEquals(2, r.exit, r.err);
            // (the agent's log shares stderr in this in-process run; the error itself is one line)
            List<String> errors = r.err.lines().filter(l -> l.startsWith("nlagent: ")).toList();
            assertEquals(1, errors.size(), r.err);
            assertTrue(errors.get(0).startsWith("nlagent: --metrics: cannot listen on metrics http://127.0.0.1:"
                    + busy.getLocalPort() + "/metrics: "), r.err);
        }
    }
}
