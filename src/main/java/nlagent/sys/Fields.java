package nlagent.sys;

import java.util.regex.Pattern;

/**
 * The whitespace-separated fields of a line of a /proc file. {@code String.split("\\s+")} compiles its
 * regular expression on every call; the parsers of /proc/net/snmp6 (one call per line, ~90 lines) and
 * /proc/slabinfo ran it for every line of every read, in every namespace's refresh and every health
 * sample, and the compiler's code showed up in NMS polls (bench/README.md, "Interface tables walked at
 * the end of the warm-up").
 */
public final class Fields {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Fields() {
    }

    /** The fields of {@code line}, trimmed first; as {@code line.trim().split("\\s+")}. */
    public static String[] of(String line) {
        return WHITESPACE.split(line.trim());
    }
}
