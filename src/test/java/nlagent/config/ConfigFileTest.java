package nlagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    static final class Recorder implements ConfigSection {
        final List<ConfigLine> lines = new ArrayList<>();
        long port;

        @Override
        public Set<String> keys() {
            return Set.of("name", "port");
        }

        @Override
        public void accept(ConfigLine line) throws ConfigException {
            lines.add(line);
            if (line.key().equals("port")) {
                line.expectArgs(1, 1);
                port = line.longArg(0, 1, 65535);
            }
        }
    }

    @Test
    void splitsWordsQuotesAndComments() throws Exception {
        List<ConfigLine> l = ConfigFile.parse("t.conf", "  # comment\n\nname a \"b c\" d#tail\nport 161 # trailing\n");
        assertEquals(2, l.size());
        assertEquals(List.of("a", "b c", "d"), l.get(0).args());
        assertEquals(3, l.get(0).line());
        assertEquals(List.of("161"), l.get(1).args());
    }

    @Test
    void errorsNameFileLineAndKey() {
        Recorder r = new Recorder();
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFile.apply("/etc/x.conf", "name ok\nport 70000\n", List.of(r)));
        assertEquals("/etc/x.conf:2: port: 70000 is out of range 1..65535", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigFile.apply("/etc/x.conf", "port abc", List.of(new Recorder())));
        assertTrue(e.getMessage().startsWith("/etc/x.conf:1: port: 'abc' is not a whole number"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigFile.apply("/etc/x.conf", "\n\nprot 1", List.of(new Recorder())));
        assertTrue(e.getMessage().startsWith("/etc/x.conf:3: prot: unknown key"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigFile.apply("/etc/x.conf", "name \"open", List.of(new Recorder())));
        assertEquals("/etc/x.conf:1: unterminated quote", e.getMessage());
    }

    @Test
    void loadNamesAnUnreadableFile(@TempDir Path dir) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.load(dir.resolve("missing.conf"), List.of(new Recorder())));
        assertTrue(e.getMessage().contains("missing.conf"), e.getMessage());
        Path f = dir.resolve("ok.conf");
        Files.writeString(f, "port 1161\n");
        Recorder r = new Recorder();
        ConfigFile.load(f, List.of(r));
        assertEquals(1161, r.port);
    }
}
