package nlagent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.cli.AgentConfig;
import nlagent.config.ConfigException;
import nlagent.config.ConfigFile;

/** The {@code metrics} key and {@code --metrics}: off by default (the shipped config), clear one-line errors. */
class MetricsConfigTest {

    @Test
    void shippedConfigHasTheEndpointOff() throws Exception {
        assertNull(AgentConfig.load(null).metrics.address());
    }

    @Test
    void parsesIpv4AndIpv6Literals() throws Exception {
        MetricsConfig c = new MetricsConfig();
        ConfigFile.apply("t.conf", "metrics http:127.0.0.1:9116\n", List.of(c));
        assertEquals(9116, c.address().port());
        assertEquals("http://127.0.0.1:9116/metrics", c.address().toString());
        c.set("http:[::1]:0");
        assertEquals("http://[0:0:0:0:0:0:0:1]:0/metrics", c.address().toString());
        c.set("off");
        assertNull(c.address());
    }

    @Test
    void badValuesNameTheLineAndSayWhy() {
        for (String bad : new String[] {"127.0.0.1:9116", "http://127.0.0.1:9116", "http:localhost:9116",
                "http:127.0.0.1", "http:127.0.0.1:70000", "http:127.0.0.1:x", "http:[::1", "http:1.2.3.4:80/x"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigFile.apply("t.conf", "metrics " + bad + "\n", List.of(new MetricsConfig())), bad);
            assertTrue(e.getMessage().startsWith("t.conf:1: metrics: '" + bad + "': "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> new MetricsConfig().set("udp:1.2.3.4:1"));
        assertTrue(e.getMessage().startsWith("--metrics: "), e.getMessage());
    }
}
