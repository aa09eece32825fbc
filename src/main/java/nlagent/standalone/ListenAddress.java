package nlagent.standalone;

import java.net.InetAddress;
import java.net.UnknownHostException;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;

/**
 * A UDP listen address: {@code udp:HOST:PORT}, {@code udp6:[ADDR]:PORT} or {@code udp:[ADDR]:PORT}.
 * HOST must be an IP literal (no name lookups at start-up).
 */
public record ListenAddress(InetAddress address, int port) {

    /** Parses {@code spec}; {@code line} (may be null for command-line values) names the source in errors. */
    public static ListenAddress parse(String spec, ConfigLine line) throws ConfigException {
        String s = spec;
        if (s.startsWith("udp6:")) {
            s = s.substring(5);
        } else if (s.startsWith("udp:")) {
            s = s.substring(4);
        } else {
            throw error(line, spec, "must start with udp: or udp6:");
        }
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw error(line, spec, "IPv6 form is udp6:[ADDR]:PORT");
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0 || s.indexOf(':') != colon) {
                throw error(line, spec, "form is udp:HOST:PORT (IPv6: udp6:[ADDR]:PORT)");
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw error(line, spec, "'" + port + "' is not a port number");
        }
        if (p < 0 || p > 65535) { // 0: an ephemeral port (tests, benchmarks)
            throw error(line, spec, "port " + p + " is out of range 0..65535");
        }
        if (!host.matches("[0-9.]+") && !host.matches("[0-9a-fA-F:.%a-zA-Z]*:[0-9a-fA-F:.%a-zA-Z]*")) {
            throw error(line, spec, "'" + host + "' is not an IP address literal");
        }
        try {
            return new ListenAddress(InetAddress.getByName(host), p);
        } catch (UnknownHostException e) {
            throw error(line, spec, "'" + host + "' is not an IP address literal");
        }
    }

    private static ConfigException error(ConfigLine line, String spec, String why) {
        String msg = "bad listen address '" + spec + "': " + why;
        return line == null ? new ConfigException("--listen: " + msg) : line.error(msg);
    }

    @Override
    public String toString() {
        String h = address.getHostAddress();
        return address instanceof java.net.Inet6Address ? "udp6:[" + h + "]:" + port : "udp:" + h + ":" + port;
    }
}
