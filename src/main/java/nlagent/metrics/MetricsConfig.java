package nlagent.metrics;

import java.util.Set;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;
import nlagent.config.ConfigSection;

/** The {@code metrics} key: {@code off} (default) or {@code http:HOST:PORT}. Documented in config/nlagent.conf. */
public final class MetricsConfig implements ConfigSection {
    private MetricsAddress address;

    @Override
    public Set<String> keys() {
        return Set.of("metrics");
    }

    @Override
    public void accept(ConfigLine line) throws ConfigException {
        String v = line.single();
        address = v.equals("off") ? null : MetricsAddress.parse(v, line.file() + ":" + line.line() + ": metrics");
    }

    /** {@code --metrics ADDR} (or {@code off}): replaces the config's line. */
    public void set(String spec) throws ConfigException {
        address = spec.equals("off") ? null : MetricsAddress.parse(spec, "--metrics");
    }

    /** Null when the endpoint is off. */
    public MetricsAddress address() {
        return address;
    }
}
