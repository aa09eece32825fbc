package nlagent.standalone;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;
import nlagent.config.ConfigSection;

/**
 * Config keys of the standalone SNMP agent: listen addresses, v1/v2c communities, SNMPv3 users,
 * the system group, notification targets. Each key is documented in config/nlagent.conf.
 */
public final class StandaloneConfig implements ConfigSection {
    /** The listen address when the config names none (equal to the shipped config). */
    public static final String DEFAULT_LISTEN = "udp:127.0.0.1:1161";
    /** Largest UDP payload over IPv4: no response may be bigger. */
    public static final int MAX_UDP_PAYLOAD = 65507;
    /** In-process requests at start (see {@link Warmup}); bench/README.md has the measurement behind it. */
    public static final int DEFAULT_WARMUP_REQUESTS = 12_000;
    /** CPU cap of the warm-up whatever its request count. */
    public static final long WARMUP_CPU_BUDGET_MS = 5000;

    private final List<ListenAddress> listen = new ArrayList<>();
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
    private int maxMessageSize = MAX_UDP_PAYLOAD;
    private int warmupRequests = DEFAULT_WARMUP_REQUESTS;
    private boolean off;

    @Override
    public Set<String> keys() {
        return Set.of("listen", "rocommunity", "createUser", "rouser", "engineId", "sysName", "sysContact",
                "sysLocation", "sysDescr", "sysObjectID", "trapsink", "trap2sink", "informsink", "maxMessageSize",
                "warmupRequests");
    }

    @Override
    public void accept(ConfigLine line) throws ConfigException {
        switch (line.key()) {
            case "listen":
                if (line.single().equalsIgnoreCase("off")) {
                    off = true; // AgentX-only operation
                } else {
                    listen.add(ListenAddress.parse(line.single(), line));
                }
                break;
            case "rocommunity":
                line.expectArgs(2, 3);
                communities.add(new Community(line.arg(0), SourceFilter.parse(line.arg(1), line), line.argOr(2, "")));
                break;
            case "createUser":
                users.add(UsmUserSpec.parse(line));
                break;
            case "rouser":
                line.expectArgs(1, 2);
                readUsers.add(new ReadUser(line.arg(0), SecurityLevel.parse(line.argOr(1, "auth"), line)));
                rouserLines.add(line);
                break;
            case "engineId":
                engineId = parseHex(line.single(), line);
                break;
            case "sysName":
                sysName = line.single();
                break;
            case "sysContact":
                sysContact = line.single();
                break;
            case "sysLocation":
                sysLocation = line.single();
                break;
            case "sysDescr":
                sysDescr = line.single();
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
            case "maxMessageSize":
                line.expectArgs(1, 1);
                maxMessageSize = line.intArg(0, 484, MAX_UDP_PAYLOAD);
                break;
            case "warmupRequests":
                line.expectArgs(1, 1);
                warmupRequests = line.intArg(0, 0, 1_000_000);
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
