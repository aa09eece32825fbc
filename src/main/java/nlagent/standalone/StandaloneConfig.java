package nlagent.standalone;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;
import nlagent.config.ConfigSection;

/** Config keys of the standalone SNMP agent (listen addresses, communities, users). */
public final class StandaloneConfig implements ConfigSection {
    private final List<String> listen = new ArrayList<>();

    @Override
    public Set<String> keys() {
        return Set.of("listen");
    }

    @Override
    public void accept(ConfigLine line) throws ConfigException {
        if (line.key().equals("listen")) {
            listen.add(line.single());
        } else {
            throw line.error("not a standalone key");
        }
    }

    /** Transport addresses such as {@code udp:127.0.0.1:1161}. */
    public List<String> listen() {
        return List.copyOf(listen);
    }
}
