package nlagent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A section's keys, declared once in one table: the key list and each key's arity, range, default and doc. */
public final class KeyTable {
    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

    private KeyTable(List<ConfigKey> keys) {
        for (ConfigKey k : keys) {
            if (this.keys.put(k.name(), k) != null) {
                throw new IllegalArgumentException("key declared twice: " + k.name());
            }
        }
    }

    public static KeyTable of(ConfigKey... keys) {
        return new KeyTable(List.of(keys));
    }

    /** The key names, for {@link ConfigSection#keys()}. */
    public Set<String> names() {
        return Set.copyOf(keys.keySet());
    }

    /** Checks {@code line}'s argument count against its key's declaration. */
    public void check(ConfigLine line) throws ConfigException {
        ConfigKey k = keys.get(line.key());
        if (k == null) {
            throw line.error("not a key of this section");
        }
        k.check(line);
    }

    /** Every key, in declaration order. */
    public List<ConfigKey> all() {
        return List.copyOf(keys.values());
    }
}
