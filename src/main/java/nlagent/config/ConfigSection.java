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

    /**
     * The keys declared in a {@link KeyTable} (arity, range, default, doc), for checks of the shipped
     * config; empty for sections that do not declare theirs yet.
     */
    default java.util.List<ConfigKey> declaredKeys() {
        return java.util.List.of();
    }

    /** Called after the last line: cross-key checks. */
    default void finish(String file) throws ConfigException {
    }
}
