package nlagent.agentx;

import java.util.Set;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;
import nlagent.config.ConfigSection;

/** Config keys of the AgentX subagent. */
public final class AgentxConfig implements ConfigSection {
    /** net-snmp's compiled-in default master socket. */
    public static final String DEFAULT_MASTER = "unix:/var/agentx/master";

    private String master; // null: AgentX off

    @Override
    public Set<String> keys() {
        return Set.of("agentx");
    }

    @Override
    public void accept(ConfigLine line) throws ConfigException {
        if (line.key().equals("agentx")) {
            line.expectArgs(0, 1);
            master = line.argOr(0, DEFAULT_MASTER);
        } else {
            throw line.error("not an agentx key");
        }
    }

    /** The master's address ({@code unix:/path} or {@code tcp:host:port}), or null when AgentX is off. */
    public String master() {
        return master;
    }

    public void setMaster(String master) {
        this.master = master;
    }
}
