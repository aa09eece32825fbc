package nlagent.standalone;

import java.net.InetAddress;
import java.net.UnknownHostException;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;

/**
 * Where notifications go: {@code trap2sink HOST[:PORT] [COMMUNITY]} (SNMPv2c trap; {@code trapsink}
 * is accepted as a synonym, no SNMPv1 traps are sent) or {@code informsink HOST[:PORT] [COMMUNITY]}
 * (SNMPv2c inform, acknowledged and retried). HOST is an IP literal; IPv6 as {@code [ADDR]:PORT}.
 */
public record NotificationTarget(InetAddress address, int port, String community, boolean inform) {
    public static final int DEFAULT_PORT = 162;

    static NotificationTarget parse(ConfigLine line) throws ConfigException {
        line.expectArgs(1, 2);
        String spec = line.arg(0);
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
            return new NotificationTarget(InetAddress.getByName(host), port, line.argOr(1, "public"),
                    line.key().equals("informsink"));
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
