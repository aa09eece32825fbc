package nlagent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

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

    private AgentConfig() {
    }

    private List<nlagent.config.ConfigSection> sections() {
        return List.of(kernel, standalone, agentx, health, metrics);
    }

    /** Reads {@code file}, or the embedded default when {@code file} is null. */
    public static AgentConfig load(Path file) throws ConfigException {
        AgentConfig c = new AgentConfig();
        if (file != null) {
            ConfigFile.load(file, c.sections());
        } else {
            ConfigFile.apply("(built-in " + EMBEDDED + ")", embeddedText(), c.sections());
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
