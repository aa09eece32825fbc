package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigException;
import nlagent.config.ConfigFile;

/** Standalone config keys: the shipped defaults, and errors that name file, line and key. */
class StandaloneConfigTest {

    private static StandaloneConfig parse(String text) throws ConfigException {
        StandaloneConfig c = new StandaloneConfig();
        ConfigFile.apply("x.conf", text, List.of(c));
        return c;
    }

    @Test
    void shippedConfigListensOnLoopbackWithPublicFromLoopbackOnly() throws Exception {
        String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("config/nlagent.conf"));
        StandaloneConfig c = new StandaloneConfig();
        // only the standalone keys; the other sections' keys are skipped here
        StringBuilder mine = new StringBuilder();
        for (String line : shipped.split("\n")) {
            String k = line.trim().split("\\s+")[0];
            mine.append(c.keys().contains(k) ? line : "").append('\n');
        }
        ConfigFile.apply("config/nlagent.conf", mine.toString(), List.of(c));
        assertEquals("[udp:127.0.0.1:1161]", c.listen().toString());
        assertEquals(1, c.communities().size());
        StandaloneConfig.Community pub = c.communities().get(0);
        assertEquals("public", pub.name());
        assertEquals("", pub.context());
        assertTrue(pub.source().matches(InetAddress.getByName("127.0.0.1")));
        assertFalse(pub.source().matches(InetAddress.getByName("127.0.0.2")));
        assertFalse(pub.source().matches(InetAddress.getByName("10.1.2.3")));
        assertTrue(c.users().isEmpty());
    }

    @Test
    void sourcesMatchPrefixesAndMappedAddresses() throws Exception {
        StandaloneConfig c = parse("rocommunity a 10.0.0.0/8\nrocommunity b fd00::/8\nrocommunity c default\n");
        assertTrue(c.communities().get(0).source().matches(InetAddress.getByName("10.200.1.1")));
        assertTrue(c.communities().get(0).source().matches(InetAddress.getByName("::ffff:10.1.1.1")));
        assertFalse(c.communities().get(0).source().matches(InetAddress.getByName("11.0.0.1")));
        assertTrue(c.communities().get(1).source().matches(InetAddress.getByName("fd12::1")));
        assertFalse(c.communities().get(1).source().matches(InetAddress.getByName("fe80::1")));
        assertTrue(c.communities().get(2).source().matches(InetAddress.getByName("192.0.2.1")));
    }

    @Test
    void listenForms() throws Exception {
        StandaloneConfig c = parse("listen udp:127.0.0.1:1161\nlisten udp6:[::1]:1162\n");
        assertEquals("[udp:127.0.0.1:1161, udp6:[0:0:0:0:0:0:0:1]:1162]", c.listen().toString());
    }

    @Test
    void errorsNameFileLineAndKey() {
        assertError("listen tcp:1.2.3.4:161", "x.conf:1: listen: bad listen address 'tcp:1.2.3.4:161'");
        assertError("\nlisten udp:127.0.0.1:99999", "x.conf:2: listen: bad listen address");
        assertError("rocommunity public", "x.conf:1: rocommunity: expected 2..3 argument(s)");
        assertError("rocommunity public example.org", "x.conf:1: rocommunity: source must be an IP address");
        assertError("createUser u SHA-256 short", "x.conf:1: createUser: authentication passphrase of 'u' is shorter than 8");
        assertError("createUser u SHA-999 longenough", "x.conf:1: createUser: authentication protocol must be one of");
        assertError("createUser u SHA-256 longenough ROT13 longenough", "x.conf:1: createUser: privacy protocol must be one of");
        assertError("rouser nobody", "x.conf:1: rouser: no createUser line defines user 'nobody'");
        assertError("createUser u SHA-256 longenough\nrouser u priv", "x.conf:2: rouser: user 'u' requires priv");
        assertError("engineId 0x12", "x.conf:1: engineId: engine ID must be 5..32 bytes");
        assertError("maxMessageSize 100", "x.conf:1: maxMessageSize: 100 is out of range 484..65507");
        assertError("trap2sink nms.example.org", "x.conf:1: trap2sink: target host must be an IP address literal");
        assertError("sysObjectID 1.3.x", "x.conf:1: sysObjectID: '1.3.x' is not an OID");
    }

    private static void assertError(String text, String expectedStart) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void passphrasesStayOutOfToString() throws Exception {
        StandaloneConfig c = parse("createUser u SHA-256 secretpass1 AES secretpass2\n");
        assertFalse(c.users().get(0).toString().contains("secret"));
    }

    @Test
    void displayStringsHoldAt255Octets() throws Exception {
        assertEquals(255, parse("sysDescr \"" + "d".repeat(255) + "\"").sysDescr().length());
        // 128 two-octet characters: 256 octets although only 128 characters
        ConfigException e = assertThrows(ConfigException.class, () -> parse("\nsysName \"" + "\u00e9".repeat(128) + "\""));
        assertEquals("x.conf:2: sysName: value is 256 octets long; a DisplayString holds at most 255", e.getMessage());
    }
}
