package nlagent.metrics;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

import nlagent.config.ConfigException;

/**
 * Where the metrics endpoint listens: {@code http:HOST:PORT} or {@code http:[ADDR]:PORT}. HOST must
 * be an IP literal (no name lookup at start-up); port 0 picks a free port (tests).
 */
public record MetricsAddress(InetAddress address, int port) {

    /** Parses {@code spec}; {@code where} ("file:line: metrics" or "--metrics") prefixes errors. */
    public static MetricsAddress parse(String spec, String where) throws ConfigException {
        if (!spec.startsWith("http:") || spec.startsWith("http://")) {
            throw error(where, spec, "form is http:HOST:PORT (IPv6: http:[ADDR]:PORT), e.g. http:127.0.0.1:9116, or 'off'");
        }
        URI uri;
        try {
            uri = new URI("http://" + spec.substring(5) + "/");
        } catch (URISyntaxException e) {
            throw error(where, spec, "form is http:HOST:PORT (IPv6: http:[ADDR]:PORT)");
        }
        String host = uri.getHost();
        if (host == null || uri.getPort() < 0 || uri.getUserInfo() != null || !uri.getPath().equals("/")) {
            throw error(where, spec, "form is http:HOST:PORT (IPv6: http:[ADDR]:PORT)");
        }
        if (uri.getPort() > 65535) {
            throw error(where, spec, "port " + uri.getPort() + " is out of range 0..65535");
        }
        boolean v6 = host.startsWith("[");
        if (!v6 && !host.matches("[0-9.]+")) {
            throw error(where, spec, "'" + host + "' is not an IP address literal");
        }
        try {
            return new MetricsAddress(InetAddress.getByName(v6 ? host.substring(1, host.length() - 1) : host), uri.getPort());
        } catch (UnknownHostException e) {
            throw error(where, spec, "'" + host + "' is not an IP address literal");
        }
    }

    private static ConfigException error(String where, String spec, String why) {
        return new ConfigException(where + ": '" + spec + "': " + why);
    }

    @Override
    public String toString() {
        String h = address.getHostAddress();
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port + "/metrics";
    }
}
