package nlagent.metrics;

import nlagent.config.ConfigException;
import nlagent.config.ConfigKey;
import nlagent.config.ConfigLine;
import nlagent.config.DeclaredSection;
import nlagent.config.KeyTable;

/** The {@code metrics} key: {@code off} (default) or {@code http:HOST:PORT}. Documented in config/nlagent.conf. */
public final class MetricsConfig extends DeclaredSection {
    /** Every key of this section, declared once. */
    static final KeyTable KEYS = KeyTable.of(
            ConfigKey.words("metrics", 1, 1, "off", "Prometheus endpoint: http:HOST:PORT or 'off'"));

    private MetricsAddress address;
    /** Where the address came from ("FILE:LINE: metrics" or "--metrics"), for errors at start. */
    private String origin = "metrics";

    public MetricsConfig() {
        super(KEYS);
    }

    @Override
    protected void apply(ConfigLine line) throws ConfigException {
        String v = line.single();
        origin = line.file() + ":" + line.line() + ": metrics";
        address = v.equals("off") ? null : MetricsAddress.parse(v, origin);
    }

    /** {@code --metrics ADDR} (or {@code off}): replaces the config's line. */
    public void set(String spec) throws ConfigException {
        origin = "--metrics";
        address = spec.equals("off") ? null : MetricsAddress.parse(spec, origin);
    }

    /** "FILE:LINE: metrics" or "--metrics": where the address was set, as named in errors. */
    public String origin() {
        return origin;
    }

    /** Null when the endpoint is off. */
    public MetricsAddress address() {
        return address;
    }
}
