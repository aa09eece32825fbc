package nlagent.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import nlagent.sys.CpuSet;

/** The CPUs the kernel lets a task run on, as its /proc status file shows them (Cpus_allowed_list). */
public final class AllowedCpus {
    private AllowedCpus() {
    }

    /** Of the task whose status file is {@code status}, e.g. /proc/thread-self/status. */
    public static CpuSet of(Path status) throws java.io.IOException {
        for (String l : Files.readAllLines(status)) {
            if (l.startsWith("Cpus_allowed_list:")) {
                return CpuSet.parse(l.substring(l.indexOf(':') + 1));
            }
        }
        throw new IllegalStateException("no Cpus_allowed_list in " + status);
    }

    /** This JVM's threads now: TID to name (comm); threads that end while they are listed are left out. */
    public static java.util.Map<String, String> threads() throws java.io.IOException {
        java.util.Map<String, String> names = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    names.put(t.getFileName().toString(), Files.readString(t.resolve("comm")).strip());
                } catch (java.nio.file.NoSuchFileException gone) {
                    // ended while we looked
                }
            }
        }
        return names;
    }

    /** Of thread {@code tid} of this JVM. */
    public static CpuSet ofThread(String tid) throws java.io.IOException {
        return of(Path.of("/proc/self/task", tid, "status"));
    }
}
