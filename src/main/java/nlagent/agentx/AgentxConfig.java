package nlagent.agentx;

import java.util.Set;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;
import nlagent.config.ConfigSection;
import nlagent.mib.Oid;

/** Config keys of the AgentX subagent. */
public final class AgentxConfig implements ConfigSection {
    /** net-snmp's compiled-in default master socket. */
    public static final String DEFAULT_MASTER = "unix:/var/agentx/master";
    /** net-snmp's own default (DEFAULT_MIB_PRIORITY); lower numbers win. */
    public static final int DEFAULT_PRIORITY = 127;

    private String master; // null: AgentX off
    private int priority = DEFAULT_PRIORITY;
    private long pingIntervalMs = 15_000;
    private long timeoutMs = 5_000;
    private long retryMinMs = 1_000;
    private long retryMaxMs = 30_000;
    private boolean contexts = true;
    private String descr = "nlagent";
    private Oid id = null;
    private RegistrationPlan.Layout contextLayout = RegistrationPlan.Layout.COVERING; // no key: the benchmark compares

    @Override
    public Set<String> keys() {
        return Set.of("agentx", "agentxPriority", "agentxPingIntervalMs", "agentxTimeoutMs", "agentxRetryMinMs",
                "agentxRetryMaxMs", "agentxContexts");
    }

    @Override
    public void accept(ConfigLine line) throws ConfigException {
        switch (line.key()) {
            case "agentx":
                line.expectArgs(0, 1);
                String m = line.argOr(0, DEFAULT_MASTER);
                if (!m.equalsIgnoreCase("off")) {
                    try {
                        MasterAddress.parse(m);
                    } catch (IllegalArgumentException e) {
                        throw line.error(e.getMessage());
                    }
                }
                master = m.equalsIgnoreCase("off") ? null : m;
                break;
            case "agentxPriority":
                priority = line.intArg(0, 1, 255);
                break;
            case "agentxPingIntervalMs":
                pingIntervalMs = line.longArg(0, 0, 3_600_000);
                break;
            case "agentxTimeoutMs":
                timeoutMs = line.longArg(0, 100, 600_000);
                break;
            case "agentxRetryMinMs":
                retryMinMs = line.longArg(0, 10, 3_600_000);
                break;
            case "agentxRetryMaxMs":
                retryMaxMs = line.longArg(0, 10, 3_600_000);
                break;
            case "agentxContexts":
                contexts = line.boolArg(0);
                break;
            default:
                throw line.error("not an agentx key");
        }
    }

    @Override
    public void finish(String file) throws ConfigException {
        if (retryMaxMs < retryMinMs) {
            throw new ConfigException(file + ": agentxRetryMaxMs (" + retryMaxMs + ") is below agentxRetryMinMs (" + retryMinMs + ")");
        }
    }

    /** The master's address ({@code unix:/path} or {@code tcp:host:port}), or null when AgentX is off. */
    public String master() {
        return master;
    }

    /** Sets the master ({@code --agentx}); null or "off" turns AgentX off. */
    public void setMaster(String master) {
        if (master != null && !master.equalsIgnoreCase("off")) {
            MasterAddress.parse(master); // fail early on a typo
            this.master = master;
        } else {
            this.master = null;
        }
    }

    /** Registration priority, 1..255 (net-snmp built-ins use 127; below 127 overrides them). */
    public int priority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    /** Ping period; 0 disables pings. */
    public long pingIntervalMs() {
        return pingIntervalMs;
    }

    public void setPingIntervalMs(long ms) {
        this.pingIntervalMs = ms;
    }

    /** How long to wait for the master's Response to Open, Register, Ping, Notify. */
    public long timeoutMs() {
        return timeoutMs;
    }

    public void setTimeoutMs(long ms) {
        this.timeoutMs = ms;
    }

    public long retryMinMs() {
        return retryMinMs;
    }

    public long retryMaxMs() {
        return retryMaxMs;
    }

    public void setRetryMs(long minMs, long maxMs) {
        this.retryMinMs = minMs;
        this.retryMaxMs = maxMs;
    }

    /** Whether namespace contexts are registered too (flag 0x08), or only the default context. */
    public boolean contexts() {
        return contexts;
    }

    public void setContexts(boolean contexts) {
        this.contexts = contexts;
    }

    /** How namespace contexts are registered (one covering registration unless a benchmark says otherwise). */
    RegistrationPlan.Layout contextLayout() {
        return contextLayout;
    }

    void setContextLayout(RegistrationPlan.Layout layout) {
        this.contextLayout = layout;
    }

    /** o.descr of the Open PDU and sysORDescr of the agent caps. */
    public String descr() {
        return descr;
    }

    /** o.id of the Open PDU (null OID when unset). */
    public Oid id() {
        return id;
    }
}
