package nlagent.agentx;

import nlagent.config.ConfigException;
import nlagent.config.ConfigKey;
import nlagent.config.ConfigLine;
import nlagent.config.DeclaredSection;
import nlagent.config.KeyTable;
import nlagent.mib.Oid;

/** Config keys of the AgentX subagent. */
public final class AgentxConfig extends DeclaredSection {
    /** net-snmp's compiled-in default master socket. */
    public static final String DEFAULT_MASTER = "unix:/var/agentx/master";
    /** net-snmp's own default (DEFAULT_MIB_PRIORITY); lower numbers win. */
    public static final int DEFAULT_PRIORITY = 127;

    private static final ConfigKey PRIORITY = ConfigKey.number("agentxPriority", 1, 255, DEFAULT_PRIORITY,
            "registration priority; below 127 overrides net-snmp's built-in tables");
    private static final ConfigKey PING_INTERVAL_MS = ConfigKey.number("agentxPingIntervalMs", 0, 3_600_000, 15_000,
            "period of Pings to the master, in milliseconds; 0: none");
    private static final ConfigKey TIMEOUT_MS = ConfigKey.number("agentxTimeoutMs", 100, 600_000, 5_000,
            "wait for the master's Response, in milliseconds");
    private static final ConfigKey RETRY_MIN_MS = ConfigKey.number("agentxRetryMinMs", 10, 3_600_000, 1_000,
            "first reconnect delay, in milliseconds");
    private static final ConfigKey RETRY_MAX_MS = ConfigKey.number("agentxRetryMaxMs", 10, 3_600_000, 30_000,
            "longest reconnect delay, in milliseconds");
    /** Every key of this section, declared once. */
    static final KeyTable KEYS = KeyTable.of(
            ConfigKey.words("agentx", 0, 1, "off", "AgentX master address (unix:PATH or tcp:HOST:PORT) or 'off'; "
                    + "without an argument " + DEFAULT_MASTER),
            PRIORITY, PING_INTERVAL_MS, TIMEOUT_MS, RETRY_MIN_MS, RETRY_MAX_MS,
            ConfigKey.words("agentxContexts", 1, 1, "no", "whether namespace contexts are registered too "
                    + "(each one slows every request snmpd answers: bench/README.md, AgentX subagent cost)"),
            ConfigKey.words("agentxFollowMasterCpu", 1, 1, "yes", "whether the AgentX I/O thread runs on the master's "
                    + "CPUs when the master (a Unix socket peer) is bound to fewer CPUs than nlagent"));

    private String master; // null: AgentX off
    private int priority = DEFAULT_PRIORITY;
    private long pingIntervalMs = PING_INTERVAL_MS.defaultNumber();
    private long timeoutMs = TIMEOUT_MS.defaultNumber();
    private long retryMinMs = RETRY_MIN_MS.defaultNumber();
    private long retryMaxMs = RETRY_MAX_MS.defaultNumber();
    /**
     * Off by default: net-snmp 5.9.3 searches its contexts linearly on every request, the default
     * context last, so each registered namespace context makes every GetNext snmpd handles dearer
     * (measured in bench/README.md); namespaces are served by the standalone agent instead.
     */
    private boolean contexts = false;
    /** On by default: one CPU for the GetNext ping-pong costs a fifth of two (IoThreadPlacement). */
    private boolean followMasterCpu = true;
    private String descr = "nlagent";
    private Oid id = null;
    private RegistrationPlan.Layout contextLayout = RegistrationPlan.Layout.COVERING; // no key: the benchmark compares

    public AgentxConfig() {
        super(KEYS);
    }

    @Override
    protected void apply(ConfigLine line) throws ConfigException {
        switch (line.key()) {
            case "agentx":
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
                priority = (int) PRIORITY.number(line);
                break;
            case "agentxPingIntervalMs":
                pingIntervalMs = PING_INTERVAL_MS.number(line);
                break;
            case "agentxTimeoutMs":
                timeoutMs = TIMEOUT_MS.number(line);
                break;
            case "agentxRetryMinMs":
                retryMinMs = RETRY_MIN_MS.number(line);
                break;
            case "agentxRetryMaxMs":
                retryMaxMs = RETRY_MAX_MS.number(line);
                break;
            case "agentxContexts":
                contexts = line.boolArg(0);
                break;
            case "agentxFollowMasterCpu":
                followMasterCpu = line.boolArg(0);
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

    /** Whether the AgentX I/O thread follows a master bound to fewer CPUs ({@link IoThreadPlacement}). */
    public boolean followMasterCpu() {
        return followMasterCpu;
    }

    public void setFollowMasterCpu(boolean follow) {
        this.followMasterCpu = follow;
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
