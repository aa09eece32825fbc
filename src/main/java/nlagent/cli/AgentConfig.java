package nlagent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import nlagent.agentx.AgentxConfig;
import nlagent.config.ConfigException;
import nlagent.config.ConfigFile;
import nlagent.health.HealthConfig;
import nlagent.kernel.KernelConfig;
import nlagent.metrics.MetricsConfig;
import nlagent.standalone.StandaloneConfig;

/**
 * The whole configuration: one section per part of the agent. Without a file the built-in defaults
 * are the shipped {@code config/nlagent.conf} itself, packed into the jar, so the two cannot drift.
 */
public final class AgentConfig {
    /** Resource name of the embedded copy of config/nlagent.conf. */
    public static final String EMBEDDED = "/nlagent/nlagent.conf";

    public final KernelConfig kernel = new KernelConfig();
    public final StandaloneConfig standalone = new StandaloneConfig();
    public final AgentxConfig agentx = new AgentxConfig();
    public final HealthConfig health = new HealthConfig();
    public final MetricsConfig metrics = new MetricsConfig();

    /** The file read, or the name of the built-in copy, for messages. */
    private final String source;
    /** The file read; null for the built-in copy. */
    private final Path file;

    private AgentConfig(Path file) {
        this.file = file;
        this.source = file == null ? "(built-in " + EMBEDDED + ")" : file.toString();
    }

    /** The file read, or "(built-in ...)", as named in messages. */
    public String source() {
        return source;
    }

    /**
     * A warning when the config file holds community strings or USM passphrases and every local user
     * may read it (the .deb installs it root:nlagent 0640; a hand-made file may be 0644).
     */
    public Optional<String> permissionWarning() {
        if (file == null || !standalone.holdsSecrets()) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.of(file + " holds community strings or SNMPv3 passphrases and is readable by every user ("
                        + PosixFilePermissions.toString(p) + "): chmod o-r " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // not a POSIX file system: nothing to say
        }
        return Optional.empty();
    }

    /** Every section, in routing order (tests check each key against the shipped config). */
    List<nlagent.config.ConfigSection> sections() {
        return List.of(kernel, standalone, agentx, health, metrics);
    }

    /** Reads {@code file}, or the embedded default when {@code file} is null. */
    public static AgentConfig load(Path file) throws ConfigException {
        AgentConfig c = new AgentConfig(file);
        if (file != null) {
            ConfigFile.load(file, c.sections());
        } else {
            ConfigFile.apply(c.source, embeddedText(), c.sections());
        }
        return c;
    }

    /** The embedded default config text. */
    public static String embeddedText() {
        try (InputStream in = AgentConfig.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new IllegalStateException("built-in config " + EMBEDDED + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
