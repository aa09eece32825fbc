package nlagent.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's packaging/ and bench/ files from the test's working directory (the project root). */
final class PackagingFiles {
    private PackagingFiles() {
    }

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("packaging"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no packaging/ directory above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static Path packaging(String name) {
        return root().resolve("packaging").resolve(name);
    }

    static Path bench(String name) {
        return root().resolve("bench").resolve(name);
    }
}
