package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import nlagent.mib.MibValue;
import nlagent.mib.Notification;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.VarBind;
import nlagent.model.DataPlaneStats;
import nlagent.testing.Preconditions;

/**
 * What the agent serves and sends agrees with the MIB file as net-snmp reads it: every served
 * instance belongs to a read-only object whose SYNTAX matches the value's type, and every
 * notification carries the OBJECTS of its NOTIFICATION-TYPE, in order.
 */
class MibConformanceTest {

    private static HealthStatus everythingPresent() {
        KernelCounters k = new KernelCounters(OptionalLong.of(1), OptionalLong.of(2), OptionalLong.of(45),
                OptionalLong.of(0), OptionalLong.of(5), OptionalLong.of(6), OptionalLong.of(7), OptionalLong.of(8));
        OptionalLong one = OptionalLong.of(1000);
        ProbeStatus p = new ProbeStatus(1, Path.of("/proc/sys/net/ipv6"), ProbeStatus.Kind.OK, one, one,
                OptionalLong.of(150), OptionalLong.of(8), OptionalLong.of(5_000_000_000L), true, false);
        DataPlaneStats d = new DataPlaneStats(2, 2, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        return new HealthStatus(k, OptionalLong.of(-3), one, List.of(p), 1, 0, 60, one, false, false,
                HealthState.WARNING, 5_000_000_000L, "msg", 4, 10, 40, d);
    }

    @Test
    void servedTypesMatchTheMib() {
        Preconditions.assumeCommands("snmptranslate");
        HealthConfig c = new HealthConfig();
        SortedMibView view = HealthView.build(everythingPresent(), c, 0);
        Map<Oid, MibValue> objects = new LinkedHashMap<>();
        for (int i = 0; i < view.size(); i++) {
            objects.put(objectOf(view.nameAt(i)), view.valueAt(i));
        }
        // all 52 readable objects of the MIB: 5 dentry-state, 3 slab, 11 probe scalars, 8 probe columns,
        // 3 netns, 11 agent, 3 health, 8 thresholds
        assertEquals(52, objects.size(), "served objects");
        Map<Oid, Definition> defs = definitions(new ArrayList<>(objects.keySet()));
        objects.forEach((oid, value) -> {
            Definition d = defs.get(oid);
            assertTrue(d != null, "no MIB definition for " + oid);
            assertEquals("read-only", d.access, d.name);
            assertTrue(compatible(d.syntax, value.type()), d.name + ": MIB SYNTAX " + d.syntax + ", served " + value);
        });
    }

    @Test
    void notificationsCarryTheirObjectsInMibOrder() {
        Preconditions.assumeCommands("snmptranslate");
        HealthConfig c = new HealthConfig();
        HealthStatus s = everythingPresent();
        List<Oid> asked = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        for (AlarmEvent.Kind kind : AlarmEvent.Kind.values()) {
            Notification n = HealthNotifications.of(new AlarmEvent(kind, 1), s, c);
            notifications.add(n);
            asked.add(n.trapOid());
            n.payload().forEach(v -> asked.add(objectOf(v.oid())));
        }
        Map<Oid, Definition> defs = definitions(asked);
        for (Notification n : notifications) {
            Definition d = defs.get(n.trapOid());
            assertEquals("NOTIFICATION-TYPE", d.kind, d.name);
            List<String> sent = n.payload().stream().map(VarBind::oid).map(o -> defs.get(objectOf(o)).name).toList();
            assertEquals(d.objects, sent, d.name);
        }
    }

    /** Scalar instance x.0 -> x; probe table cell column.index -> column. */
    private static Oid objectOf(Oid instance) {
        if (instance.startsWith(HealthOids.PROBE_ENTRY)) {
            return instance.prefix(HealthOids.PROBE_ENTRY.size() + 1);
        }
        assertEquals(0, instance.get(instance.size() - 1), "scalar instance " + instance);
        return instance.prefix(instance.size() - 1);
    }

    private static boolean compatible(String syntax, MibValue.Type t) {
        switch (t) {
            case GAUGE32:
                return syntax.startsWith("Gauge32") || syntax.startsWith("Unsigned32");
            case COUNTER32:
                return syntax.startsWith("Counter32");
            case INTEGER32:
                return syntax.startsWith("INTEGER") || syntax.startsWith("Integer32") || syntax.startsWith("TruthValue");
            case OCTET_STRING:
                return syntax.startsWith("DisplayString") || syntax.startsWith("OCTET STRING");
            case TIME_TICKS:
                return syntax.startsWith("TimeStamp") || syntax.startsWith("TimeTicks");
            default:
                return false;
        }
    }

    private record Definition(String name, String kind, String syntax, String access, List<String> objects) {
    }

    /** snmptranslate -Td of every OID in one call; blocks come back in the order asked. */
    private static Map<Oid, Definition> definitions(List<Oid> oids) {
        List<String> args = new ArrayList<>(List.of("-Td"));
        oids.forEach(o -> args.add("." + o));
        var r = DcacheHealthMibTest.translate(args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.stderr());
        String[] blocks = r.stdout().split("\n(?=DCACHE-HEALTH-MIB::)");
        assertEquals(oids.size(), blocks.length, r.stdout());
        Map<Oid, Definition> out = new LinkedHashMap<>();
        for (int i = 0; i < blocks.length; i++) {
            String[] lines = blocks[i].split("\n");
            String name = lines[0].substring("DCACHE-HEALTH-MIB::".length()).trim();
            String kind = lines.length > 1 ? lines[1].replace(name, "").trim() : "";
            String syntax = "";
            String access = "";
            List<String> objects = List.of();
            for (String l : lines) {
                String t = l.trim();
                if (t.startsWith("SYNTAX")) {
                    syntax = t.substring(6).trim();
                } else if (t.startsWith("MAX-ACCESS")) {
                    access = t.substring(10).trim();
                } else if (t.startsWith("OBJECTS")) {
                    objects = List.of(t.substring(t.indexOf('{') + 1, t.indexOf('}')).trim().split("\\s*,\\s*"));
                }
            }
            out.put(oids.get(i), new Definition(name, kind, syntax, access, objects));
        }
        return out;
    }
}
