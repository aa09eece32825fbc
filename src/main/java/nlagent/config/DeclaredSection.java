package nlagent.config;

import java.util.List;
import java.util.Set;

/**
 * A {@link ConfigSection} whose keys are declared in a {@link KeyTable}: the key list and the
 * argument count of every line come from the table, the section only turns checked lines into values.
 */
public abstract class DeclaredSection implements ConfigSection {
    private final KeyTable table;

    protected DeclaredSection(KeyTable table) {
        this.table = table;
    }

    @Override
    public final Set<String> keys() {
        return table.names();
    }

    @Override
    public final List<ConfigKey> declaredKeys() {
        return table.all();
    }

    @Override
    public final void accept(ConfigLine line) throws ConfigException {
        table.check(line);
        apply(line);
    }

    /** Applies one line whose key and argument count the table has checked. */
    protected abstract void apply(ConfigLine line) throws ConfigException;
}
