package nlagent.standalone;

import nlagent.config.ConfigException;
import nlagent.config.ConfigLine;

/** SNMPv3 security levels in increasing order (values as in snmp4j's SecurityLevel). */
public enum SecurityLevel {
    NOAUTH(1), AUTH(2), PRIV(3);

    private final int snmp4j;

    SecurityLevel(int snmp4j) {
        this.snmp4j = snmp4j;
    }

    public int snmp4jValue() {
        return snmp4j;
    }

    public static SecurityLevel parse(String s, ConfigLine line) throws ConfigException {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "noauth": case "noauthnopriv":
                return NOAUTH;
            case "auth": case "authnopriv":
                return AUTH;
            case "priv": case "authpriv":
                return PRIV;
            default:
                throw line.error("security level must be noauth, auth or priv, got '" + s + "'");
        }
    }
}
