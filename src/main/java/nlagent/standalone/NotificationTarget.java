package nlagent.standalone;

import java.net.InetAddress;
import java.net.UnknownHostException;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;

/**
 * Where notifications go: {@code trap2sink HOST[:PORT] [COMMUNITY]} (SNMPv2c trap; {@code trapsink}
 * is accepted as a synonym, no SNMPv1 traps are sent), {@code informsink HOST[:PORT] [COMMUNITY]}
 * (SNMPv2c inform, acknowledged and retried), or an SNMPv3 user's trap or inform
 * ({@code trapsess}, see {@link TrapSession}). HOST is an IP literal; IPv6 as {@code [ADDR]:PORT}.
 *
 * @param community  SNMPv2c community; null for SNMPv3
 * @param user       SNMPv3 user (keys from its passphrases); null for SNMPv2c
 * @param level      SNMPv3 security level; null for SNMPv2c
 */
public record NotificationTarget(InetAddress address, int port, String community, boolean inform, UsmUserSpec user,
                                 SecurityLevel level) {
    public static final int DEFAULT_PORT = 162;

    /** An SNMPv2c target. */
    public NotificationTarget(InetAddress address, int port, String community, boolean inform) {
        this(address, port, community, inform, null, null);
    }

    @Override
    public String toString() {
        return (inform ? "inform" : "trap") + (user == null ? " v2c" : " v3 user " + user.name() + " " + level) + " to "
                + address.getHostAddress() + ":" + port; // never the community
    }

    static NotificationTarget parse(ConfigLine line) throws ConfigException {
        line.expectArgs(1, 2);
        InetAddress[] host = new InetAddress[1];
        int port = parseAddress(line.arg(0), line, host);
        return new NotificationTarget(host[0], port, line.argOr(1, "public"), line.key().equals("informsink"));
    }

    /** Parses {@code spec} (HOST[:PORT], [ADDR]:PORT) into {@code host[0]}; returns the port. */
    static int parseAddress(String spec, ConfigLine line, InetAddress[] out) throws ConfigException {
        String host = spec;
        int port = DEFAULT_PORT;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0) {
                throw line.error("bad target '" + spec + "': IPv6 form is [ADDR]:PORT");
            }
            host = spec.substring(1, close);
            if (close + 1 < spec.length()) {
                if (spec.charAt(close + 1) != ':') {
                    throw line.error("bad target '" + spec + "'");
                }
                port = parsePort(spec.substring(close + 2), line);
            }
        } else if (spec.indexOf(':') >= 0 && spec.indexOf(':') == spec.lastIndexOf(':')) {
            host = spec.substring(0, spec.indexOf(':'));
            port = parsePort(spec.substring(spec.indexOf(':') + 1), line);
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            throw line.error("target host must be an IP address literal, got '" + host + "'");
        }
        try {
            out[0] = InetAddress.getByName(host);
            return port;
        } catch (UnknownHostException e) {
            throw line.error("target host must be an IP address literal, got '" + host + "'");
        }
    }

    private static int parsePort(String s, ConfigLine line) throws ConfigException {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw line.error("'" + s + "' is not a port number");
    }
}
