package nlagent.testing;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads /proc/sys files the way the tests' oracle must: in one read with a large buffer.
 * {@code Files.readString} is wrong here: for a file reporting size 0 it reads one byte, and
 * integer sysctls return EOF for any read at a non-zero offset, so "1000" comes back as "1".
 */
public final class ProcSysOracle {
    private ProcSysOracle() {
    }

    /** The trimmed content of a /proc/sys file of the calling process's namespace. */
    public static String read(String path) {
        try (FileInputStream in = new FileInputStream(path)) {
            byte[] b = new byte[4096];
            int n = in.read(b);
            return n <= 0 ? "" : new String(b, 0, n, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long readLong(String path) {
        return Long.parseLong(read(path).split("\\s+")[0]);
    }

    /** The same file read inside namespace {@code netns} (the oracle for named namespaces). */
    public static long readLong(TestNamespaces ns, String netns, String path) {
        if (netns == null) {
            return readLong(path);
        }
        return Long.parseLong(ns.exec(netns, "cat", path).trim().split("\\s+")[0]);
    }
}
