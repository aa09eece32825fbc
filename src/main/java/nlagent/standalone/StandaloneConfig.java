package nlagent.standalone;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import nlagent.config.ConfigException;
import nlagent.config.ConfigKey;
import nlagent.config.ConfigLine;
import nlagent.config.DeclaredSection;
import nlagent.config.KeyTable;

/**
 * Config keys of the standalone SNMP agent: listen addresses, v1/v2c communities, SNMPv3 users,
 * the system group, notification targets. Each key is documented in config/nlagent.conf.
 */
public final class StandaloneConfig extends DeclaredSection {
    /** The listen address when the config names none (equal to the shipped config). */
    public static final String DEFAULT_LISTEN = "udp:127.0.0.1:1161";
    /** Largest UDP payload over IPv4: no response may be bigger. */
    public static final int MAX_UDP_PAYLOAD = 65507;
    /**
     * Default of maxGetbulkRepeats and maxGetbulkResponses: snmpd's maxGetbulkResponses default
     * (snmp_agent.c: "more than reasonable default"); its repeat cap then follows as 100 / repeaters.
     */
    public static final int DEFAULT_MAX_GETBULK = 100;
    /** SNMPv2-TC DisplayString: SIZE (0..255). */
    private static final int DISPLAY_STRING_MAX_OCTETS = 255;
    /** Upper bound of both GETBULK caps: more varbinds than fit one largest UDP datagram anyway. */
    private static final int MAX_GETBULK_CAP = 65535;
    /**
     * In-process requests at start (see {@link Warmup}); bench/README.md has the measurement behind it ("First poll":
     * the passes; "Interface tables walked at the end of the warm-up": 40,000 leaves room for the pass after the
     * freeze and the interface tables, 34,899 requests in all at K = 2,000).
     */
    public static final int DEFAULT_WARMUP_REQUESTS = 40_000;
    /** CPU cap of the warm-up whatever its request count. */
    public static final long WARMUP_CPU_BUDGET_MS = 5000;

    private final List<ListenAddress> listen = new ArrayList<>();
    /** Where each listen address was configured, so a bind failure can name the line. */
    private final java.util.Map<ListenAddress, ConfigLine> listenLines = new java.util.HashMap<>();
    private final List<Community> communities = new ArrayList<>();
    private final List<UsmUserSpec> users = new ArrayList<>();
    private final List<ReadUser> readUsers = new ArrayList<>();
    private final List<NotificationTarget> notificationTargets = new ArrayList<>();
    private final List<ConfigLine> rouserLines = new ArrayList<>();
    private byte[] engineId;
    private String sysName;
    private String sysContact = "";
    private String sysLocation = "";
    private String sysDescr;
    private String sysObjectId;
    private int maxMessageSize = (int) MAX_MESSAGE_SIZE.defaultNumber();
    private int maxGetbulkRepeats = (int) MAX_GETBULK_REPEATS.defaultNumber();
    private int maxGetbulkResponses = (int) MAX_GETBULK_RESPONSES.defaultNumber();
    private int warmupRequests = (int) WARMUP_REQUESTS.defaultNumber();
    private boolean off;

    private static final ConfigKey MAX_MESSAGE_SIZE = ConfigKey.number("maxMessageSize", 484, MAX_UDP_PAYLOAD, MAX_UDP_PAYLOAD,
            "largest SNMP message sent, in bytes");
    private static final ConfigKey MAX_GETBULK_REPEATS = ConfigKey.number("maxGetbulkRepeats", 1, MAX_GETBULK_CAP,
            DEFAULT_MAX_GETBULK, "GETBULK repetitions served at most (snmpd's maxGetbulkRepeats)");
    private static final ConfigKey MAX_GETBULK_RESPONSES = ConfigKey.number("maxGetbulkResponses", 1, MAX_GETBULK_CAP,
            DEFAULT_MAX_GETBULK, "repeated varbinds per GETBULK answer at most (snmpd's maxGetbulkResponses)");
    private static final ConfigKey WARMUP_REQUESTS = ConfigKey.number("warmupRequests", 0, 1_000_000,
            DEFAULT_WARMUP_REQUESTS, "in-process requests answered at start so the first poll is warm; 0 = off");
    /** Every key of this section, declared once. */
    static final KeyTable KEYS = KeyTable.of(
            ConfigKey.words("listen", 1, 1, DEFAULT_LISTEN, "transport address to listen on, repeatable; 'off' for none"),
            ConfigKey.words("rocommunity", 2, 3, "", "v1/v2c community: NAME SOURCE [CONTEXT]"),
            ConfigKey.words("createUser", 3, 5, "", "SNMPv3 USM user: NAME AUTH AUTHPASS [PRIV [PRIVPASS]]"),
            ConfigKey.words("rouser", 1, 2, "", "SNMPv3 read user: NAME [noauth|auth|priv]"),
            ConfigKey.words("engineId", 1, 1, "", "SNMPv3 engine ID in hex; default from the host name"),
            ConfigKey.words("sysName", 1, 1, "", "sysName; default the host name"),
            ConfigKey.words("sysContact", 1, 1, "", "sysContact"),
            ConfigKey.words("sysLocation", 1, 1, "", "sysLocation"),
            ConfigKey.words("sysDescr", 1, 1, "", "sysDescr; default the uname line"),
            ConfigKey.words("sysObjectID", 1, 1, "1.3.6.1.4.1.8072.3.2.10", "sysObjectID"),
            ConfigKey.words("trapsink", 1, 2, "", "synonym of trap2sink"),
            ConfigKey.words("trap2sink", 1, 2, "", "SNMPv2c trap target: HOST[:PORT] [COMMUNITY]"),
            ConfigKey.words("informsink", 1, 2, "", "SNMPv2c inform target: HOST[:PORT] [COMMUNITY]"),
            ConfigKey.words("trapsess", 2, 16, "", "notification target in net-snmp's trapsess syntax (SNMPv3 or v2c)"),
            MAX_MESSAGE_SIZE, MAX_GETBULK_REPEATS, MAX_GETBULK_RESPONSES, WARMUP_REQUESTS);

    public StandaloneConfig() {
        super(KEYS);
    }

    @Override
    protected void apply(ConfigLine line) throws ConfigException {
        switch (line.key()) {
            case "listen":
                if (line.single().equalsIgnoreCase("off")) {
                    off = true; // AgentX-only operation
                } else {
                    ListenAddress a = ListenAddress.parse(line.single(), line);
                    listen.add(a);
                    listenLines.putIfAbsent(a, line);
                }
                break;
            case "rocommunity":
                communities.add(new Community(line.arg(0), SourceFilter.parse(line.arg(1), line), line.argOr(2, "")));
                break;
            case "createUser":
                users.add(UsmUserSpec.parse(line));
                break;
            case "rouser":
                readUsers.add(new ReadUser(line.arg(0), SecurityLevel.parse(line.argOr(1, "auth"), line)));
                rouserLines.add(line);
                break;
            case "engineId":
                engineId = parseHex(line.single(), line);
                break;
            case "sysName":
                sysName = displayString(line);
                break;
            case "sysContact":
                sysContact = displayString(line);
                break;
            case "sysLocation":
                sysLocation = displayString(line);
                break;
            case "sysDescr":
                sysDescr = displayString(line);
                break;
            case "sysObjectID":
                sysObjectId = line.single();
                try {
                    nlagent.mib.Oid.parse(sysObjectId);
                } catch (IllegalArgumentException e) {
                    throw line.error("'" + sysObjectId + "' is not an OID");
                }
                break;
            case "trapsink":
            case "trap2sink":
            case "informsink":
                notificationTargets.add(NotificationTarget.parse(line));
                break;
            case "trapsess":
                notificationTargets.add(TrapSession.parse(line));
                break;
            case "maxMessageSize":
                maxMessageSize = (int) MAX_MESSAGE_SIZE.number(line);
                break;
            case "maxGetbulkRepeats":
                maxGetbulkRepeats = (int) MAX_GETBULK_REPEATS.number(line);
                break;
            case "maxGetbulkResponses":
                maxGetbulkResponses = (int) MAX_GETBULK_RESPONSES.number(line);
                break;
            case "warmupRequests":
                warmupRequests = (int) WARMUP_REQUESTS.number(line);
                break;
            default:
                throw line.error("not a standalone key");
        }
    }

    @Override
    public void finish(String file) throws ConfigException {
        if (off && !listen.isEmpty()) {
            throw new ConfigException(file + ": listen: 'off' cannot be combined with listen addresses");
        }
        Set<String> known = new HashSet<>();
        for (UsmUserSpec u : users) {
            if (!known.add(u.name())) {
                throw new ConfigException(file + ": createUser: user '" + u.name() + "' is defined twice");
            }
        }
        for (int i = 0; i < readUsers.size(); i++) {
            ReadUser r = readUsers.get(i);
            ConfigLine line = rouserLines.get(i);
            UsmUserSpec spec = users.stream().filter(u -> u.name().equals(r.name())).findFirst().orElse(null);
            if (spec == null) {
                throw line.error("no createUser line defines user '" + r.name() + "'");
            }
            if (r.minLevel() == SecurityLevel.PRIV && spec.privProtocol() == null) {
                throw line.error("user '" + r.name() + "' requires priv but createUser gives no privacy protocol");
            }
        }
    }

    /** SNMPv2-TC DisplayString is SIZE (0..255): a longer value is invalid on the wire (every GET of it answered tooBig). */
    private static String displayString(ConfigLine line) throws ConfigException {
        String v = line.single();
        int octets = v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (octets > DISPLAY_STRING_MAX_OCTETS) {
            throw line.error("value is " + octets + " octets long; a DisplayString holds at most " + DISPLAY_STRING_MAX_OCTETS);
        }
        return v;
    }

    private static byte[] parseHex(String s, ConfigLine line) throws ConfigException {
        String h = s.toLowerCase(Locale.ROOT).startsWith("0x") ? s.substring(2) : s;
        if (h.length() < 10 || h.length() > 64 || h.length() % 2 != 0 || !h.matches("[0-9a-fA-F]+")) {
            throw line.error("engine ID must be 5..32 bytes in hex, e.g. 0x80001f88046e6c6167656e74, got '" + s + "'");
        }
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** Transport addresses; {@link #DEFAULT_LISTEN} when none is configured; empty after {@code listen off}. */
    public List<ListenAddress> listen() {
        if (off) {
            return List.of();
        }
        if (listen.isEmpty()) {
            try {
                return List.of(ListenAddress.parse(DEFAULT_LISTEN, null));
            } catch (ConfigException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(listen);
    }

    /**
     * Where {@code address} was configured ("file:line: listen"), or null when it is the built-in
     * default (no listen line at all).
     */
    public String listenOrigin(ListenAddress address) {
        ConfigLine l = listenLines.get(address);
        return l == null ? null : l.file() + ":" + l.line() + ": " + l.key();
    }

    /** True when at least one community or SNMPv3 read user can use the standalone agent. */
    public boolean hasReaders() {
        return !communities.isEmpty() || !readUsers.isEmpty();
    }

    /** True when community strings or USM passphrases are configured (secrets the file must not show everyone). */
    public boolean holdsSecrets() {
        return !communities.isEmpty() || !users.isEmpty();
    }

    public List<Community> communities() {
        return List.copyOf(communities);
    }

    public List<UsmUserSpec> users() {
        return List.copyOf(users);
    }

    public List<ReadUser> readUsers() {
        return List.copyOf(readUsers);
    }

    public List<NotificationTarget> notificationTargets() {
        return List.copyOf(notificationTargets);
    }

    /** The configured engine ID, or null for the default derived from the host name. */
    public byte[] engineId() {
        return engineId == null ? null : engineId.clone();
    }

    /** sysName, or null for the host name. */
    public String sysName() {
        return sysName;
    }

    public String sysContact() {
        return sysContact;
    }

    public String sysLocation() {
        return sysLocation;
    }

    /** sysDescr, or null for the kernel's uname line. */
    public String sysDescr() {
        return sysDescr;
    }

    /** sysObjectID as dotted text, or null for net-snmp's Linux value. */
    public String sysObjectId() {
        return sysObjectId;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** The GETBULK caps (maxGetbulkRepeats, maxGetbulkResponses). */
    public nlagent.mib.GetBulk.Limits getBulkLimits() {
        return new nlagent.mib.GetBulk.Limits(maxGetbulkRepeats, maxGetbulkResponses);
    }

    /** Requests the in-process warm-up runs at start; 0 = none. */
    public int warmupRequests() {
        return warmupRequests;
    }

    /**
     * A v1/v2c community: {@code name} is accepted from {@code source} and reads {@code context}.
     * Context {@code "*"} lets {@code name@CONTEXT} select any served context (plain {@code name}: the default one).
     */
    public record Community(String name, SourceFilter source, String context) {
    }

    /** An SNMPv3 user allowed to read, at or above {@code minLevel}. */
    public record ReadUser(String name, SecurityLevel minLevel) {
    }
}
