package nlagent.agentx;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import nlagent.mib.Oid;
import nlagent.mib.oid.SnmpV2Mib;

/**
 * Which OIDs to Register for a view's subtrees. net-snmp's registry lets the longest registered
 * OID answer whatever the priority (agentx-notes 3.3), and its built-in modules register ifTable,
 * ifXTable, the IP scalars and each IPV6-MIB column separately. So in the default context, for
 * priority override (agentxPriority below 127, modules left enabled) to work, we also register
 * every built-in registration that lies inside one of our subtrees: ours is then at least as
 * specific, and the priority decides. With the modules disabled these extra registrations simply
 * succeed. The system group is snmpd's own in the default context; namespace contexts get nlagent's.
 *
 * <p>Other contexts have no built-ins (snmpd keeps one registry per context), so there one
 * registration covers the whole view: the longest common prefix of its subtrees (mib-2 for a
 * namespace view). snmpd keeps each context's registrations in a list it searches linearly and
 * splits regions at every boundary; one region per context instead of 18 means 18 times fewer
 * Register PDUs and regions at start, and no extra GetNext round trip at each region boundary of
 * a walk (measured in bench/README.md, section AgentX). What snmpd's per-request cost does depend
 * on, the number of contexts, no layout changes.
 */
final class RegistrationPlan {
    /** How non-default contexts are registered. */
    enum Layout {
        /** One registration covering all of a view's subtrees (the default). */
        COVERING,
        /** One registration per subtree, as the default context (kept for the benchmark's comparison). */
        PER_SUBTREE
    }

    /**
     * Registrations of Debian's snmpd 5.9.3 (nsModuleTable) under interfaces, ip, ifMIB and ipv6MIB,
     * as listed live with the default module set (config/snmpd-agentx.conf names the modules).
     */
    static final List<Oid> NET_SNMP_BUILTINS = parseAll(
            "1.3.6.1.2.1.2.1", "1.3.6.1.2.1.2.2", "1.3.6.1.2.1.31.1.1", "1.3.6.1.2.1.31.1.5",
            "1.3.6.1.2.1.4", "1.3.6.1.2.1.4.1", "1.3.6.1.2.1.4.2", "1.3.6.1.2.1.4.25", "1.3.6.1.2.1.4.26",
            "1.3.6.1.2.1.4.32", "1.3.6.1.2.1.4.33", "1.3.6.1.2.1.4.34", "1.3.6.1.2.1.4.35", "1.3.6.1.2.1.4.36",
            "1.3.6.1.2.1.4.37", "1.3.6.1.2.1.4.24.4", "1.3.6.1.2.1.4.24.6.0", "1.3.6.1.2.1.4.24.7",
            "1.3.6.1.2.1.4.31.1", "1.3.6.1.2.1.4.31.2", "1.3.6.1.2.1.4.31.3",
            "1.3.6.1.2.1.4.20.1.1", "1.3.6.1.2.1.4.20.1.2", "1.3.6.1.2.1.4.20.1.3", "1.3.6.1.2.1.4.20.1.4", "1.3.6.1.2.1.4.20.1.5",
            // ipRouteTable and ipNetToMediaTable: mibII registers each column
            "1.3.6.1.2.1.4.21.1.1", "1.3.6.1.2.1.4.21.1.2", "1.3.6.1.2.1.4.21.1.3", "1.3.6.1.2.1.4.21.1.4", "1.3.6.1.2.1.4.21.1.5",
            "1.3.6.1.2.1.4.21.1.6", "1.3.6.1.2.1.4.21.1.7", "1.3.6.1.2.1.4.21.1.8", "1.3.6.1.2.1.4.21.1.9", "1.3.6.1.2.1.4.21.1.10",
            "1.3.6.1.2.1.4.21.1.11", "1.3.6.1.2.1.4.21.1.12", "1.3.6.1.2.1.4.21.1.13",
            "1.3.6.1.2.1.4.22.1.1", "1.3.6.1.2.1.4.22.1.2", "1.3.6.1.2.1.4.22.1.3", "1.3.6.1.2.1.4.22.1.4",
            "1.3.6.1.2.1.55.1.1", "1.3.6.1.2.1.55.1.2", "1.3.6.1.2.1.55.1.3", "1.3.6.1.2.1.55.1.4",
            "1.3.6.1.2.1.55.1.5.1.2", "1.3.6.1.2.1.55.1.5.1.3", "1.3.6.1.2.1.55.1.5.1.4", "1.3.6.1.2.1.55.1.5.1.5",
            "1.3.6.1.2.1.55.1.5.1.6", "1.3.6.1.2.1.55.1.5.1.7", "1.3.6.1.2.1.55.1.5.1.8", "1.3.6.1.2.1.55.1.5.1.9",
            "1.3.6.1.2.1.55.1.5.1.10", "1.3.6.1.2.1.55.1.5.1.11");

    private RegistrationPlan() {
    }

    private static List<Oid> parseAll(String... oids) {
        List<Oid> out = new ArrayList<>();
        for (String s : oids) {
            out.add(Oid.parse(s));
        }
        return List.copyOf(out);
    }

    /** The OIDs to register in {@code context} for a view with {@code subtrees}, in OID order. */
    static List<Oid> registrations(String context, List<Oid> subtrees) {
        return registrations(context, subtrees, Layout.COVERING);
    }

    static List<Oid> registrations(String context, List<Oid> subtrees, Layout layout) {
        TreeSet<Oid> out = new TreeSet<>();
        boolean defaultContext = context.isEmpty();
        if (!defaultContext && layout == Layout.COVERING && !subtrees.isEmpty()) {
            Oid cover = commonPrefix(subtrees);
            if (cover != null) {
                return List.of(cover);
            }
        }
        for (Oid s : subtrees) {
            if (defaultContext && s.startsWith(SnmpV2Mib.SYSTEM)) {
                continue;
            }
            out.add(s);
            if (defaultContext) {
                for (Oid builtin : NET_SNMP_BUILTINS) {
                    if (builtin.size() > s.size() && builtin.startsWith(s)) {
                        out.add(builtin);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The longest OID that every one of {@code oids} starts with; null if they share no arc (AgentX has no empty subtree). */
    static Oid commonPrefix(List<Oid> oids) {
        Oid first = oids.get(0);
        int n = first.size();
        for (Oid o : oids) {
            int i = 0;
            while (i < n && i < o.size() && o.get(i) == first.get(i)) {
                i++;
            }
            n = i;
        }
        return n == 0 ? null : first.prefix(n);
    }
}
