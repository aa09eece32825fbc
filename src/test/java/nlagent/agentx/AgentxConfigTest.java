package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.cli.AgentConfig;
import nlagent.config.ConfigException;
import nlagent.config.ConfigFile;

class AgentxConfigTest {

    private static AgentxConfig parse(String text) throws ConfigException {
        AgentxConfig c = new AgentxConfig();
        ConfigFile.apply("test.conf", text, List.of(c));
        return c;
    }

    @Test
    void shippedDefaultsParse() throws Exception {
        AgentxConfig c = AgentConfig.load(null).agentx;
        assertNull(c.master(), "AgentX is off unless asked for");
        assertEquals(127, c.priority());
        assertEquals(15_000, c.pingIntervalMs());
        assertEquals(5_000, c.timeoutMs());
        assertEquals(1_000, c.retryMinMs());
        assertEquals(30_000, c.retryMaxMs());
        assertFalse(c.contexts(), "namespace contexts through snmpd are opt-in (each slows every snmpd request)");
        assertFalse(new AgentxConfig().contexts(), "the code default is the shipped one");
        assertTrue(parse("agentxContexts yes\n").contexts());
        assertTrue(c.followMasterCpu(), "the I/O thread follows a master bound to fewer CPUs unless told not to");
        assertTrue(new AgentxConfig().followMasterCpu());
        assertFalse(parse("agentxFollowMasterCpu no\n").followMasterCpu());
    }

    @Test
    void masterForms() throws Exception {
        assertEquals(AgentxConfig.DEFAULT_MASTER, parse("agentx\n").master());
        assertEquals("tcp:127.0.0.1:705", parse("agentx tcp:127.0.0.1:705\n").master());
        assertNull(parse("agentx /x\nagentx off\n").master());
        assertEquals("unix:/var/agentx/master", MasterAddress.parse(AgentxConfig.DEFAULT_MASTER).toString());
    }

    @Test
    void errorsNameFileLineAndKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("\nagentx udp:1.2.3.4:161\n"));
        assertTrue(e.getMessage().startsWith("test.conf:2: agentx:"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> parse("agentxPriority 0\n"));
        assertTrue(e.getMessage().contains("test.conf:1: agentxPriority") && e.getMessage().contains("1..255"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> parse("agentxRetryMinMs 5000\nagentxRetryMaxMs 1000\n"));
        assertTrue(e.getMessage().contains("agentxRetryMaxMs"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> parse("agentx tcp:h:99999\n"));
        assertTrue(e.getMessage().contains("port"), e.getMessage());
    }
}
