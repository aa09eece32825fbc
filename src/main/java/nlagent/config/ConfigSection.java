package nlagent.config;

import java.util.Set;

/**
 * The keys of one part of the agent (kernel, standalone, AgentX, health). Each part owns its keys,
 * their defaults and their validation; {@link ConfigFile} only splits lines and routes them here.
 */
public interface ConfigSection {

    /** The keys this section accepts (matched case-sensitively). */
    Set<String> keys();

    /** Applies one line whose key is in {@link #keys()}. */
    void accept(ConfigLine line) throws ConfigException;

    /** Called after the last line: cross-key checks. */
    default void finish(String file) throws ConfigException {
    }
}
