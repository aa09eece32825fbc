package nlagent.config;

import java.util.List;
import java.util.Locale;

/**
 * One non-comment line of a config file: {@code key arg1 arg2 ...}, with the file and line it came
 * from, so every error can point at it.
 */
public record ConfigLine(String file, int line, String key, List<String> args) {
    public ConfigLine {
        args = List.copyOf(args);
    }

    /** An error that names this line's file, line number and key. */
    public ConfigException error(String message) {
        return new ConfigException(file + ":" + line + ": " + key + ": " + message);
    }

    public void expectArgs(int min, int max) throws ConfigException {
        if (args.size() < min || args.size() > max) {
            String want = min == max ? String.valueOf(min) : min + ".." + max;
            throw error("expected " + want + " argument(s), got " + args.size());
        }
    }

    public String arg(int i) throws ConfigException {
        if (i >= args.size()) {
            throw error("missing argument " + (i + 1));
        }
        return args.get(i);
    }

    public String argOr(int i, String dflt) {
        return i < args.size() ? args.get(i) : dflt;
    }

    /** A whole number in [min, max]. */
    public long longArg(int i, long min, long max) throws ConfigException {
        String s = arg(i);
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error("'" + s + "' is not a whole number");
        }
        if (v < min || v > max) {
            throw error(v + " is out of range " + min + ".." + max);
        }
        return v;
    }

    public int intArg(int i, int min, int max) throws ConfigException {
        return (int) longArg(i, min, max);
    }

    public boolean boolArg(int i) throws ConfigException {
        String s = arg(i).toLowerCase(Locale.ROOT);
        switch (s) {
            case "yes": case "true": case "on": case "1":
                return true;
            case "no": case "false": case "off": case "0":
                return false;
            default:
                throw error("'" + arg(i) + "' is not yes/no");
        }
    }

    /** The only argument, for single-valued keys. */
    public String single() throws ConfigException {
        expectArgs(1, 1);
        return args.get(0);
    }
}
