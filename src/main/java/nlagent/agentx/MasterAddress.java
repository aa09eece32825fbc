package nlagent.agentx;

import java.nio.file.Path;

/**
 * Where the AgentX master listens, in net-snmp's agentXSocket syntax: {@code unix:/path} or a bare
 * {@code /path} (Unix domain socket), {@code tcp:host:port}, {@code tcp:[v6addr]:port}.
 */
public record MasterAddress(Path unixPath, String host, int port) {
    /** net-snmp's default TCP port for AgentX. */
    public static final int DEFAULT_TCP_PORT = 705;
    /** sun_path holds 108 bytes including the terminating NUL. */
    public static final int MAX_UNIX_PATH_BYTES = 107;

    public static MasterAddress parse(String spec) {
        String s = spec.trim();
        if (s.startsWith("unix:")) {
            s = s.substring(5);
        } else if (s.startsWith("tcp:")) {
            String hp = s.substring(4);
            String host;
            String portText;
            if (hp.startsWith("[")) {
                int close = hp.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '[' in " + spec);
                }
                host = hp.substring(1, close);
                portText = hp.length() > close + 1 && hp.charAt(close + 1) == ':' ? hp.substring(close + 2) : "";
            } else {
                int colon = hp.lastIndexOf(':');
                host = colon < 0 ? hp : hp.substring(0, colon);
                portText = colon < 0 ? "" : hp.substring(colon + 1);
            }
            int port = DEFAULT_TCP_PORT;
            if (!portText.isEmpty()) {
                try {
                    port = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad port '" + portText + "' in " + spec);
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("port out of range in " + spec);
                }
            }
            if (host.isEmpty()) {
                host = "localhost";
            }
            return new MasterAddress(null, host, port);
        }
        if (!s.startsWith("/")) {
            throw new IllegalArgumentException("expected unix:/path, /path or tcp:host:port, got '" + spec + "'");
        }
        return new MasterAddress(Path.of(s), null, 0);
    }

    public boolean isUnix() {
        return unixPath != null;
    }

    @Override
    public String toString() {
        return isUnix() ? "unix:" + unixPath : "tcp:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
