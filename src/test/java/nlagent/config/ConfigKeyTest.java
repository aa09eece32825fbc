package nlagent.config;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Declared keys check arity and range with the usual file:line: key: messages. */
class ConfigKeyTest {
    private static final ConfigKey PORT = ConfigKey.number("port", 1, 65535, 161, "UDP port");
    private static final KeyTable TABLE = KeyTable.of(PORT, ConfigKey.words("name", 1, 2, "", "a name and a nick"));

    private static ConfigLine line(String text) throws ConfigException {
        return ConfigFile.parse("t.conf", text).get(0);
    }

    @Test
    void numbersAndArity() throws Exception {
        assertEquals(1161, PORT.number(line("port 1161")));
        assertEquals(161, PORT.defaultNumber());
        assertEquals("t.conf:1: port: 0 is out of range 1..65535",
                assertThrows(ConfigException.class, () -> PORT.number(line("port 0"))).getMessage());
        assertEquals("t.conf:1: name: expected 1..2 argument(s), got 3",
                assertThrows(ConfigException.class, () -> TABLE.check(line("name a b c"))).getMessage());
        TABLE.check(line("name a b"));
        assertEquals(Set.of("port", "name"), TABLE.names());
        assertEquals(List.of("port", "name"), TABLE.all().stream().map(ConfigKey::name).toList());
    }

    @Test
    void declarationsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.number("x", 1, 10, 11, "default out of range"));
        assertThrows(IllegalArgumentException.class, () -> KeyTable.of(PORT, PORT));
        assertThrows(IllegalStateException.class, () -> ConfigKey.words("w", 1, 1, "", "words").defaultNumber());
    }
}
