package nlagent.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** packaging/nlagent (installed as /usr/bin/nlagent): how it finds Java and the jar, and the JVM flags it passes. */
class LauncherTest {
    private static final Path LAUNCHER = PackagingFiles.packaging("nlagent");

    private static String[] run(Path dir, List<String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("env", "-i", "PATH=/usr/bin:/bin"));
        cmd.addAll(env);
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "launcher hung");
        return new String[] {Integer.toString(p.exitValue()), new String(p.getInputStream().readAllBytes())};
    }

    @Test
    void passesSmallAgentJvmFlagsThenTheJarThenTheArguments(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("x.jar"), "not really a jar");
        // a "java" that prints its arguments, one per line
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        java.toFile().setExecutable(true);
        String[] r = run(dir, List.of("NLAGENT_JAVA=" + java, "NLAGENT_JAR=" + jar), "run", "--config", "/etc/x y.conf");
        assertEquals("0", r[0], r[1]);
        List<String> argv = List.of(r[1].split("\n"));
        int jarAt = argv.indexOf("-jar");
        assertEquals(jar.toString(), argv.get(jarAt + 1));
        assertEquals(List.of("run", "--config", "/etc/x y.conf"), argv.subList(jarAt + 2, argv.size()));
        List<String> jvm = argv.subList(0, jarAt);
        assertTrue(jvm.containsAll(List.of("-XX:+UseSerialGC", "-Xmx128m", "-Xmn10m", "-XX:MaxDirectMemorySize=32m", "-XX:-UsePerfData", "-XX:CICompilerCount=2",
                "-XX:MaxHeapFreeRatio=30", "-XX:TrimNativeHeapInterval=5000", "-XX:MaxInlineLevel=6")), jvm.toString());

        String[] custom = run(dir, List.of("NLAGENT_JAVA=" + java, "NLAGENT_JAR=" + jar, "NLAGENT_JAVA_OPTS=-Xmx99m -Dx=1"), "--version");
        assertEquals(List.of("-Xmx99m", "-Dx=1", "-jar", jar.toString(), "--version"), List.of(custom[1].split("\n")));
    }

    /** The DaemonSet and the Jib recipe spell out the launcher's flags: the same list, in the same order. */
    @Test
    void kubernetesFlagsAreTheLaunchersFlags() throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("OPTS=\\$\\{NLAGENT_JAVA_OPTS:-\"([^\"]+)\"}")
                .matcher(Files.readString(LAUNCHER));
        assertTrue(m.find(), "launcher default OPTS");
        String launcher = m.group(1);
        String daemonSet = Files.readString(PackagingFiles.packaging("kubernetes/daemonset.yaml"));
        assertTrue(daemonSet.contains("value: \"" + launcher + "\""), "daemonset.yaml NLAGENT_JAVA_OPTS is the launcher's " + launcher);
        String jib = Files.readString(PackagingFiles.packaging("kubernetes/building-the-image.md"));
        assertTrue(jib.contains("-Djib.container.jvmFlags=" + launcher.replace(' ', ',') + " "),
                "building-the-image.md jvmFlags are the launcher's " + launcher);
    }

    @Test
    void missingJarOrJavaIsAClearErrorNotAStackTrace(@TempDir Path dir) throws Exception {
        String[] noJar = run(dir, List.of("NLAGENT_JAR=" + dir.resolve("absent.jar")), "--version");
        assertEquals("127", noJar[0]);
        assertTrue(noJar[1].contains("cannot read " + dir.resolve("absent.jar")), noJar[1]);

        String[] noJava = run(dir, List.of("NLAGENT_JAVA=" + dir.resolve("no-java")), "--version");
        assertEquals("127", noJava[0]);
        assertTrue(noJava[1].contains("no Java runtime"), noJava[1]);
    }
}
