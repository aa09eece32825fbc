package nlagent.standalone;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code snmpwalk -On} output into OID → "TYPE: value" (multi-line Hex-STRINGs joined). */
final class WalkParser {
    private WalkParser() {
    }

    static Map<String, String> parse(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        String last = null;
        for (String line : out.split("\n")) {
            int eq = line.indexOf(" = ");
            if (line.startsWith(".") && eq > 0) {
                last = line.substring(0, eq);
                m.put(last, line.substring(eq + 3).trim());
            } else if (last != null && !line.isBlank()) {
                m.put(last, m.get(last) + " " + line.trim());
            }
        }
        return m;
    }

    /** The column number of an OID under {@code entryPrefix} (e.g. ".1.3.6.1.2.1.2.2.1"), or -1. */
    static int column(String oid, String entryPrefix) {
        if (!oid.startsWith(entryPrefix + ".")) {
            return -1;
        }
        String rest = oid.substring(entryPrefix.length() + 1);
        return Integer.parseInt(rest.substring(0, rest.indexOf('.')));
    }

    /** The numeric part of "Counter32: 5" / "Counter64: 5". */
    static java.math.BigInteger number(String typedValue) {
        String v = typedValue.substring(typedValue.indexOf(':') + 1).trim();
        return new java.math.BigInteger(v);
    }
}
