package nlagent.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigSection;

/**
 * The shipped config/nlagent.conf (also the built-in default) documents every key the sections
 * accept, generated from their key lists: each key is set or shown as a commented example inside a
 * block that has a comment, so an operator reading the file finds every option.
 */
class ShippedConfigTest {

    @Test
    void everyKeyIsDocumentedInTheShippedConfig() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("config/nlagent.conf"));
        List<String> undocumented = new ArrayList<>();
        for (ConfigSection s : AgentConfig.load(null).sections()) {
            for (String key : s.keys()) {
                Pattern use = Pattern.compile("^#?\\s*" + Pattern.quote(key) + "(\\s.*)?$");
                Pattern mention = Pattern.compile("^#.*['\"\\s]" + Pattern.quote(key) + "['\"\\s]");
                boolean ok = false;
                for (int i = 0; i < lines.size() && !ok; i++) {
                    if (use.matcher(lines.get(i)).matches()) {
                        ok = hasProseAbove(lines, i, key);
                    } else if (mention.matcher(lines.get(i)).find()) {
                        ok = true; // a synonym explained in a comment, e.g. 'trapsink'
                    }
                }
                if (!ok) {
                    undocumented.add(key);
                }
            }
        }
        assertEquals(List.of(), undocumented, "keys without a setting or commented example under a comment");
    }

    @Test
    void declaredKeysMatchTheKeyListsAndTheShippedDefaults() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("config/nlagent.conf"));
        for (ConfigSection s : AgentConfig.load(null).sections()) {
            assertFalse(s.declaredKeys().isEmpty(), s.getClass().getSimpleName() + " declares no key table");
            assertEquals(s.keys(), s.declaredKeys().stream().map(nlagent.config.ConfigKey::name)
                    .collect(java.util.stream.Collectors.toSet()), s.getClass().getSimpleName());
            for (nlagent.config.ConfigKey k : s.declaredKeys()) {
                assertFalse(k.doc().isBlank(), k.name());
                if (!k.numeric()) {
                    continue;
                }
                // the shipped file is the built-in default: a number it sets or shows must be the declared default
                Pattern use = Pattern.compile("^#?\\s*" + Pattern.quote(k.name()) + "\\s+(-?\\d+)\\s*$");
                for (String l : lines) {
                    var m = use.matcher(l);
                    if (m.matches()) {
                        assertEquals(k.defaultNumber(), Long.parseLong(m.group(1)), "config/nlagent.conf: " + l);
                    }
                }
            }
        }
    }

    /**
     * A prose comment (four words or more, not starting with {@code key}) in the block of non-blank
     * lines above line {@code i}.
     */
    private static boolean hasProseAbove(List<String> lines, int i, String key) {
        for (int j = i - 1; j >= 0 && !lines.get(j).isBlank(); j--) {
            String l = lines.get(j).trim();
            if (l.startsWith("#")) {
                String[] words = l.substring(1).trim().split("\\s+");
                if (words.length >= 4 && !words[0].equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }
}
