package nlagent.health;

import java.util.Set;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;
import nlagent.config.ConfigSection;

/** Config keys of the dcache health monitor (probes, thresholds). */
public final class HealthConfig implements ConfigSection {
    private long probeIntervalSeconds = 60;

    @Override
    public Set<String> keys() {
        return Set.of("probeIntervalSeconds");
    }

    @Override
    public void accept(ConfigLine line) throws ConfigException {
        if (line.key().equals("probeIntervalSeconds")) {
            line.expectArgs(1, 1);
            probeIntervalSeconds = line.longArg(0, 10, 86_400);
        } else {
            throw line.error("not a health key");
        }
    }

    public long probeIntervalSeconds() {
        return probeIntervalSeconds;
    }
}
