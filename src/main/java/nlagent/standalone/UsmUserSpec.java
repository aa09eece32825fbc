package nlagent.standalone;

import java.util.Locale;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;

/**
 * An SNMPv3 USM user as configured with net-snmp's syntax:
 * {@code createUser NAME (SHA|SHA-224|SHA-256|SHA-384|SHA-512|MD5) AUTHPASS [(AES|AES-128|AES-192|AES-256|DES) PRIVPASS]}.
 * PRIVPASS defaults to AUTHPASS as in net-snmp. Protocol names are kept as text here; the
 * snmp4j mapping lives in the agent.
 */
public record UsmUserSpec(String name, String authProtocol, String authPassphrase, String privProtocol,
                          String privPassphrase) {

    @Override
    public String toString() {
        return "UsmUserSpec[" + name + ", " + authProtocol + ", " + privProtocol + "]"; // never the passphrases
    }

    private static final java.util.Set<String> AUTH = java.util.Set.of("MD5", "SHA", "SHA-224", "SHA-256", "SHA-384", "SHA-512");
    private static final java.util.Set<String> PRIV = java.util.Set.of("DES", "AES", "AES-128", "AES-192", "AES-256");

    static UsmUserSpec parse(ConfigLine line) throws ConfigException {
        line.expectArgs(3, 5);
        String priv = line.args().size() >= 4 ? line.arg(3) : null;
        return of(line, line.arg(0), line.arg(1), line.arg(2), priv, priv == null ? null : line.argOr(4, line.arg(2)));
    }

    /** A user with checked protocol names and passphrase lengths; {@code priv} null for none. */
    static UsmUserSpec of(ConfigLine line, String name, String authName, String authPass, String privName, String privPass)
            throws ConfigException {
        String auth = authName.toUpperCase(Locale.ROOT);
        if (!AUTH.contains(auth)) {
            throw line.error("authentication protocol must be one of " + new java.util.TreeSet<>(AUTH) + ", got '" + authName + "'");
        }
        if (authPass.length() < 8) {
            throw line.error("authentication passphrase of '" + name + "' is shorter than 8 characters (RFC 3414)");
        }
        String priv = null;
        if (privName != null) {
            priv = privName.toUpperCase(Locale.ROOT);
            if (!PRIV.contains(priv)) {
                throw line.error("privacy protocol must be one of " + new java.util.TreeSet<>(PRIV) + ", got '" + privName + "'");
            }
            if (privPass == null || privPass.length() < 8) {
                throw line.error("privacy passphrase of '" + name + "' is shorter than 8 characters (RFC 3414)");
            }
        }
        return new UsmUserSpec(name, auth, authPass, priv, priv == null ? null : privPass);
    }
}
