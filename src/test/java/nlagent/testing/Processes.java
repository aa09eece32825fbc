package nlagent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external commands with a time bound; never leaves a child behind. */
public final class Processes {
    private Processes() {
    }

    /** Output and exit code of a finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result orThrow(List<String> cmd) {
            if (exitCode != 0) {
                throw new IllegalStateException("command failed (" + exitCode + "): " + String.join(" ", cmd)
                        + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    /** Runs {@code cmd}, waiting at most {@code timeoutSeconds}; kills it (by its PID) on timeout. */
    public static Result run(long timeoutSeconds, List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            // read both streams concurrently so a chatty command cannot block on a full pipe
            var out = new java.util.concurrent.CompletableFuture<String>();
            var err = new java.util.concurrent.CompletableFuture<String>();
            Thread to = new Thread(() -> out.complete(readAll(p.getInputStream())), "out-" + p.pid());
            Thread te = new Thread(() -> err.complete(readAll(p.getErrorStream())), "err-" + p.pid());
            to.setDaemon(true);
            te.setDaemon(true);
            to.start();
            te.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Result run(long timeoutSeconds, String... cmd) {
        return run(timeoutSeconds, Arrays.asList(cmd));
    }

    /** Runs {@code cmd} and fails the test if it exits non-zero. */
    public static String check(String... cmd) {
        return run(60, Arrays.asList(cmd)).orThrow(Arrays.asList(cmd)).stdout();
    }

    /** Runs {@code sh -c script}. */
    public static Result sh(String script) {
        return run(120, List.of("sh", "-c", script));
    }

    private static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Splits on whitespace, for short literal commands. */
    public static List<String> words(String s) {
        return new ArrayList<>(Arrays.asList(s.trim().split("\\s+")));
    }
}
