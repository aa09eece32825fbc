package nlagent.cli;

import java.util.Locale;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.NetnsSnapshot;

/** Renders a {@link NetnsSnapshot} as the plain-text table of {@code nlagent dump}. */
final class SnapshotTable {
    private static final String[] OPER = {"unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up"};
    private static final String ROW = "%7s  %-15s %6s  %-14s %5s %5s %12s %12s %14s  %s%n";

    private SnapshotTable() {
    }

    static String render(NetnsSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "namespace %s (%s): %d interfaces, ipv4 forwarding %s, ipv6 forwarding %s, "
                        + "ip_default_ttl %s, ipfrag_time %s s, ipv6 hop_limit %s%n",
                s.context().isEmpty() ? "(own)" : "'" + s.context() + "'", s.id(), s.interfaces().size(),
                onOff(s.ipv4Forwarding()), onOff(s.ipv6Forwarding()), num(s.ipDefaultTtl()),
                num(s.ipReasmTimeoutSeconds()), num(s.ipv6HopLimit())));
        out.append(String.format(Locale.ROOT, ROW, "IFINDEX", "NAME", "MTU", "OPER", "V4FWD", "V6FWD",
                "V4RETRANS_MS", "V6RETRANS_MS", "V6BASEREACH_MS", "IPV6"));
        for (InterfaceSnapshot i : s.interfaces()) {
            var v4 = i.ipv4();
            var v6 = i.ipv6();
            out.append(String.format(Locale.ROOT, ROW, i.ifIndex(), i.name(), i.mtu(), operName(i.operState()),
                    v4 == null ? "-" : onOff(v4.forwarding()), v6 == null ? "-" : onOff(v6.forwarding()),
                    v4 == null ? "-" : num(v4.retransTimeMs()), v6 == null ? "-" : num(v6.retransTimeMs()),
                    v6 == null ? "-" : num(v6.baseReachableTimeMs()),
                    v6 == null ? "absent" : v6.disabled() ? "disabled" : "enabled"));
        }
        return out.toString();
    }

    private static String operName(int state) {
        return state >= 0 && state < OPER.length ? OPER[state] : String.valueOf(state);
    }

    private static String onOff(boolean b) {
        return b ? "1" : "0";
    }

    private static String num(long v) {
        return v < 0 ? "?" : String.valueOf(v);
    }
}
