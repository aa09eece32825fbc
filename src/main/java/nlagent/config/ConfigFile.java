package nlagent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the snmpd.conf-like config format: one {@code key value...} per line, {@code #} starts a
 * comment, arguments are separated by white space and may be double-quoted to contain spaces.
 * Every line is routed to the section that owns its key; an unknown key is an error (a typo must
 * not silently fall back to a default).
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** Parses {@code path} into {@code sections}. */
    public static void load(Path path, List<? extends ConfigSection> sections) throws ConfigException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read config file: " + e.getMessage());
        }
        apply(path.toString(), text, sections);
    }

    /** Parses {@code text} (named {@code source} in errors) into {@code sections}. */
    public static void apply(String source, String text, List<? extends ConfigSection> sections) throws ConfigException {
        Map<String, ConfigSection> owner = new HashMap<>();
        for (ConfigSection s : sections) {
            for (String k : s.keys()) {
                if (owner.put(k, s) != null) {
                    throw new IllegalStateException("config key owned twice: " + k);
                }
            }
        }
        for (ConfigLine line : parse(source, text)) {
            ConfigSection s = owner.get(line.key());
            if (s == null) {
                throw line.error("unknown key (known keys: " + String.join(", ", new java.util.TreeSet<>(owner.keySet())) + ")");
            }
            s.accept(line);
        }
        for (ConfigSection s : sections) {
            s.finish(source);
        }
    }

    /** Splits {@code text} into lines of key and arguments; comments and blank lines are dropped. */
    public static List<ConfigLine> parse(String source, String text) throws ConfigException {
        List<ConfigLine> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            List<String> words = split(source, n + 1, lines[n]);
            if (!words.isEmpty()) {
                out.add(new ConfigLine(source, n + 1, words.get(0), words.subList(1, words.size())));
            }
        }
        return out;
    }

    private static List<String> split(String source, int lineNo, String line) throws ConfigException {
        List<String> words = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else if (c == '\\' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '#') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    words.add(cur.toString());
                    cur = null;
                }
            } else if (c == '"') {
                quoted = true;
                if (cur == null) {
                    cur = new StringBuilder();
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(c);
            }
        }
        if (quoted) {
            throw new ConfigException(source + ":" + lineNo + ": unterminated quote");
        }
        if (cur != null) {
            words.add(cur.toString());
        }
        return words;
    }
}
