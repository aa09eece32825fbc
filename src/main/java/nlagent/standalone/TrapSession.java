package nlagent.standalone;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;

/**
 * net-snmp's {@code trapsess} line, the subset that describes one notification target:
 * {@code trapsess [-Ci] -v 3 -u USER -l LEVEL -a AUTH -A AUTHPASS [-x PRIV -X PRIVPASS] HOST[:PORT]}
 * or {@code trapsess [-Ci] -v 2c -c COMMUNITY HOST[:PORT]}. {@code -Ci} sends informs instead of
 * traps. SNMPv3 traps come from this agent's engine ID (the receiver needs
 * {@code createUser -e ENGINEID ...}); informs discover the receiver's engine.
 */
final class TrapSession {
    private TrapSession() {
    }

    /** Options that take a value (all but -Ci). */
    private static final List<String> WITH_VALUE = List.of("-v", "-c", "-u", "-l", "-a", "-A", "-x", "-X");

    static NotificationTarget parse(ConfigLine line) throws ConfigException {
        List<String> args = line.args();
        Map<String, String> opt = new HashMap<>();
        boolean inform = false;
        int i = 0;
        while (i < args.size() - 1) {
            String a = args.get(i);
            if (a.equals("-Ci")) {
                inform = true;
                i++;
            } else if (WITH_VALUE.contains(a)) {
                opt.put(a, args.get(i + 1));
                i += 2;
            } else {
                throw line.error("unknown or unsupported option '" + a + "' (supported: -Ci " + String.join(" ", WITH_VALUE) + ")");
            }
        }
        if (i != args.size() - 1) {
            throw line.error("the last argument must be the target HOST[:PORT]");
        }
        InetAddress[] host = new InetAddress[1];
        int port = NotificationTarget.parseAddress(args.get(i), line, host);
        String version = opt.getOrDefault("-v", "");
        switch (version) {
            case "2c":
                if (!opt.containsKey("-c")) {
                    throw line.error("-v 2c needs -c COMMUNITY");
                }
                return new NotificationTarget(host[0], port, opt.get("-c"), inform);
            case "3":
                return v3(line, opt, host[0], port, inform);
            default:
                throw line.error("-v must be 2c or 3, got '" + version + "' (no SNMPv1 traps are sent)");
        }
    }

    private static NotificationTarget v3(ConfigLine line, Map<String, String> opt, InetAddress host, int port, boolean inform)
            throws ConfigException {
        String user = opt.get("-u");
        if (user == null) {
            throw line.error("-v 3 needs -u USER");
        }
        SecurityLevel level = SecurityLevel.parse(opt.getOrDefault("-l", "authPriv"), line);
        if (level == SecurityLevel.NOAUTH) {
            throw line.error("-l noAuthNoPriv would send health data unauthenticated: use authNoPriv or authPriv");
        }
        if (!opt.containsKey("-a") || !opt.containsKey("-A")) {
            throw line.error("-l " + opt.getOrDefault("-l", "authPriv") + " needs -a AUTH -A AUTHPASS");
        }
        boolean priv = level == SecurityLevel.PRIV;
        if (priv && (!opt.containsKey("-x") || !opt.containsKey("-X"))) {
            throw line.error("-l authPriv needs -x PRIV -X PRIVPASS");
        }
        UsmUserSpec spec = UsmUserSpec.of(line, user, opt.get("-a"), opt.get("-A"), priv ? opt.get("-x") : null,
                priv ? opt.get("-X") : null);
        return new NotificationTarget(host, port, null, inform, spec, level);
    }
}
