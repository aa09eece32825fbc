package nlagent.config;

import java.util.Objects;

/**
 * One config key, declared once: name, number of arguments, range of a numeric value, default and
 * a one-line description. A section builds its key list ({@link KeyTable}) and its numeric parsing
 * from these, and the shipped config/nlagent.conf is checked against them (ShippedConfigTest).
 *
 * @param defaultValue the default as written in a config line ("" when there is none)
 */
public record ConfigKey(String name, int minArgs, int maxArgs, long min, long max, String defaultValue, String doc) {
    public ConfigKey {
        Objects.requireNonNull(name);
        Objects.requireNonNull(defaultValue);
        Objects.requireNonNull(doc);
        if (minArgs < 0 || maxArgs < minArgs) {
            throw new IllegalArgumentException(name + ": bad arity " + minArgs + ".." + maxArgs);
        }
    }

    /** A key with one whole number in {@code min..max}. */
    public static ConfigKey number(String name, long min, long max, long dflt, String doc) {
        if (dflt < min || dflt > max) {
            throw new IllegalArgumentException(name + ": default " + dflt + " outside " + min + ".." + max);
        }
        return new ConfigKey(name, 1, 1, min, max, Long.toString(dflt), doc);
    }

    /** A key with {@code minArgs..maxArgs} words, parsed by its section. */
    public static ConfigKey words(String name, int minArgs, int maxArgs, String dflt, String doc) {
        return new ConfigKey(name, minArgs, maxArgs, 1, 0, dflt, doc);
    }

    /** True for keys made with {@link #number}. */
    public boolean numeric() {
        return min <= max;
    }

    /** Checks the argument count of {@code line}. */
    public void check(ConfigLine line) throws ConfigException {
        line.expectArgs(minArgs, maxArgs);
    }

    /** The value of a numeric key's {@code line}, arity and range checked. */
    public long number(ConfigLine line) throws ConfigException {
        if (!numeric()) {
            throw new IllegalStateException(name + " is not a numeric key");
        }
        check(line);
        return line.longArg(0, min, max);
    }

    /** The default of a numeric key. */
    public long defaultNumber() {
        if (!numeric()) {
            throw new IllegalStateException(name + " is not a numeric key");
        }
        return Long.parseLong(defaultValue);
    }
}
