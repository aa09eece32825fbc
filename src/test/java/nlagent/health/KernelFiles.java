package nlagent.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tests' own, independent reads of kernel files. */
public final class KernelFiles {
    private KernelFiles() {
    }

    /**
     * One read of up to 64 KiB at offset 0. (Files.readString reads one byte first on a size-0 file,
     * and a sysctl read at a non-zero offset returns nothing, so it sees "5" of "55353 ...".)
     */
    public static String read(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = new byte[65536];
            int n = in.read(b);
            return n <= 0 ? "" : new String(b, 0, n, StandardCharsets.US_ASCII);
        }
    }
}
