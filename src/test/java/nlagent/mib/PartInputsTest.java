package nlagent.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.model.IpAddressEntry;
import nlagent.model.IpCounters;
import nlagent.model.IpStat;
import nlagent.model.NeighbourEntry;
import nlagent.model.NetnsSnapshot;
import nlagent.model.Nexthops;
import nlagent.model.RouteEntry;
import nlagent.sys.Native;
import nlagent.time.ManualScheduler;

/**
 * A view part is taken from the previous view without a build only when everything its build reads
 * is equal ({@link LazyPartsView.Part#inputs}). The test changes every field of a snapshot, one at a
 * time and recursively (every component of the last interface's row, its statistics, its IPv4 and
 * IPv6 configuration, the namespace scalars, the counters), and checks that the view built with the
 * previous view answers exactly as a fresh build: a part whose inputs leave out a field its build
 * reads answers stale here. A new snapshot field of a type this test cannot change fails it, so the
 * inputs are reviewed when the model grows.
 */
class PartInputsTest {
    private static final List<String> PARTS_WITH_INPUTS = List.of("IF-MIB", "IP-MIB", "IP-MIB statistics", "ipIfStatsTable",
            "ipv6IfStatsTable", "IPV6-MIB");
    private final ManualScheduler clock = new ManualScheduler();
    private final NetnsMibBuilder builder = new NetnsMibBuilder(new Uptime(clock, 0));

    private static NetnsSnapshot base() {
        List<Integer> ifs = new ArrayList<>();
        for (int i = 2; i <= 9; i++) {
            ifs.add(i);
        }
        NetnsSnapshot s = ViewReuseTest.snapshot(1, ifs, 1, null, -1);
        // one of each table entry, so that a part that came to read them would have to declare them
        List<IpAddressEntry> addresses = List.of(new IpAddressEntry(Native.AF_INET, 9, new byte[] {10, 0, 0, 9}, 24, 0x80,
                new byte[] {10, 0, 0, (byte) 255}, 0xFFFFFFFFL, 0xFFFFFFFFL, 0, 0));
        List<NeighbourEntry> neighbours = List.of(new NeighbourEntry(Native.AF_INET, 9, new byte[] {10, 0, 0, 1},
                new byte[] {2, 0, 0, 0, 0, 1}, NeighbourEntry.NUD_REACHABLE, 0));
        // the second route names a nexthop object and nothing else of its path (compat mode 0): the object gives it
        List<RouteEntry> routes = List.of(new RouteEntry(Native.AF_INET, 254, new byte[] {10, 0, 0, 0}, 24, 0, 2, 1, 0,
                List.of(new RouteEntry.NextHop(9, new byte[] {10, 0, 0, 1}, 1)), 0),
                new RouteEntry(Native.AF_INET, 254, new byte[] {10, 1, 0, 0}, 24, 0, 11, 1, 20,
                        List.of(new RouteEntry.NextHop(0, null, 1)), 0, 5));
        Nexthops nexthops = new Nexthops(new java.util.TreeMap<>(Map.of(5, new RouteEntry.NextHop(9, new byte[] {10, 0, 0, 2}, 1))));
        return new NetnsSnapshot(s.context(), s.id(), s.takenAtNanos(), s.generation(), s.interfaces(), s.ipv4Forwarding(),
                s.ipv6Forwarding(), s.ipDefaultTtl(), s.ipReasmTimeoutSeconds(), s.ipv6HopLimit(), s.interfacesLastChangeNanos(),
                s.ipv4LastChangeNanos(), s.ipv6LastChangeNanos(), addresses, s.ipStatistics(), neighbours, routes, nexthops);
    }

    @Test
    void anEqualSnapshotTakesEveryPartWithInputsAsItIs() {
        LazyPartsView first = builder.buildLazily(base());
        first.buildAll();
        LazyPartsView second = builder.buildLazily(base(), first); // equal content, other objects
        second.buildAll();
        for (String part : PARTS_WITH_INPUTS) {
            assertNotNull(first.builtPart(part), part);
            assertSame(first.builtPart(part), second.builtPart(part), part + ": equal inputs, not built again");
        }
        assertNotSame(first.builtPart("routes and neighbours"), second.builtPart("routes and neighbours"), "no inputs: always built");
        assertEquals(ViewReuseTest.walk(builder.buildLazily(base())), ViewReuseTest.walk(second));

        // carried through a view nobody read, and still taken as is by the next read
        LazyPartsView unread = builder.buildLazily(base(), second);
        LazyPartsView third = builder.buildLazily(base(), unread);
        third.buildAll();
        assertSame(second.builtPart("IF-MIB"), third.builtPart("IF-MIB"));
    }

    /**
     * A refresh that moved only traffic counters (every poll: the NMS's own interface) builds IF-MIB
     * again and takes the parts that read no counter as they are, answering as a fresh build.
     */
    @Test
    void onlyCountersMovedTakesThePartsThatReadNoCounterAsTheyAre() {
        NetnsSnapshot before = ViewReuseTest.snapshot(1, List.of(2, 3, 4, 5), 1, null, -1);
        LazyPartsView previous = builder.buildLazily(before);
        previous.buildAll();
        // bump 2: every interface's LinkStats moved (the IP counters are kept as they were below)
        NetnsSnapshot moved = ViewReuseTest.snapshot(1, List.of(2, 3, 4, 5), 2, null, -1);
        NetnsSnapshot countersOnly = new NetnsSnapshot(moved.context(), moved.id(), moved.takenAtNanos(), moved.generation(),
                moved.interfaces(), moved.ipv4Forwarding(), moved.ipv6Forwarding(), moved.ipDefaultTtl(),
                moved.ipReasmTimeoutSeconds(), moved.ipv6HopLimit(), moved.interfacesLastChangeNanos(),
                moved.ipv4LastChangeNanos(), moved.ipv6LastChangeNanos(), moved.addresses(),
                before.ipStatistics(),
                moved.neighbours(), moved.routes());
        LazyPartsView next = builder.buildLazily(countersOnly, previous);
        next.buildAll();
        assertNotSame(previous.builtPart("IF-MIB"), next.builtPart("IF-MIB"), "IF-MIB reads the counters");
        for (String part : List.of("IP-MIB", "IPV6-MIB", "ipv6IfStatsTable", "ipIfStatsTable")) {
            assertSame(previous.builtPart(part), next.builtPart(part), part + " reads no link counter: taken as it is");
        }
        assertEquals(ViewReuseTest.walk(builder.buildLazily(countersOnly)), ViewReuseTest.walk(next));
    }

    @Test
    void everyChangedFieldIsSeenByThePartsThatReadIt() throws Exception {
        NetnsSnapshot base = base();
        List<Map.Entry<String, Object>> changed = mutations("snapshot", base);
        assertTrue(changed.size() > 60, "the walk over the snapshot's fields found " + changed.size());
        int rebuilt = 0;
        for (Map.Entry<String, Object> c : changed) {
            NetnsSnapshot s = (NetnsSnapshot) c.getValue();
            LazyPartsView previous = builder.buildLazily(base);
            previous.buildAll();
            clock.advance(1, java.util.concurrent.TimeUnit.SECONDS); // a part that read the clock would answer stale
            LazyPartsView next = builder.buildLazily(s, previous);
            List<VarBind> fresh = ViewReuseTest.walk(builder.buildLazily(s));
            assertEquals(fresh, ViewReuseTest.walk(next), "changed " + c.getKey());
            for (VarBind vb : fresh) {
                assertEquals(vb.value(), next.get(vb.oid()), "changed " + c.getKey() + ", GET " + vb.oid());
            }
            for (String part : PARTS_WITH_INPUTS) {
                rebuilt += next.builtPart(part) != previous.builtPart(part) ? 1 : 0;
            }
        }
        assertTrue(rebuilt >= changed.size() / 2, "most changes rebuild a part: " + rebuilt + " for " + changed.size());
    }

    /** One copy of {@code value} per field reachable from it, with that field changed (recursively). */
    static List<Map.Entry<String, Object>> mutations(String path, Object value) throws Exception {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        if (value == null) {
            return out; // no object to change in place; its absence is one of the variants of the parent's field
        }
        Class<?> type = value.getClass();
        if (type.isRecord()) {
            RecordComponent[] rc = type.getRecordComponents();
            Object[] args = new Object[rc.length];
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                args[i] = rc[i].getAccessor().invoke(value);
                types[i] = rc[i].getType();
            }
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            for (int i = 0; i < rc.length; i++) {
                String p = path + "." + rc[i].getName();
                for (Object v : leafChanges(p, rc[i].getType(), args[i])) {
                    Object[] a = args.clone();
                    a[i] = v;
                    addIfAccepted(out, p, ctor, a);
                }
                for (Map.Entry<String, Object> m : nested(p, args[i])) {
                    Object[] a = args.clone();
                    a[i] = m.getValue();
                    addIfAccepted(out, m.getKey(), ctor, a);
                }
            }
        }
        return out;
    }

    /** The record made of {@code args}, unless its constructor refuses them (then the value is not a valid one). */
    private static void addIfAccepted(List<Map.Entry<String, Object>> out, String path, Constructor<?> ctor, Object[] args)
            throws Exception {
        try {
            out.add(new SimpleEntry<>(path, ctor.newInstance(args)));
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (!(e.getCause() instanceof IllegalArgumentException)) {
                throw e;
            }
        }
    }

    /** Changes inside a list (its last element), a map (its last value) or a record-valued field. */
    private static List<Map.Entry<String, Object>> nested(String path, Object v) throws Exception {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                fail(path + " is empty in the base snapshot: give it an element, so that changes in it are tried");
            }
            int last = list.size() - 1;
            for (Map.Entry<String, Object> m : mutations(path + "[" + last + "]", list.get(last))) {
                List<Object> copy = new ArrayList<>(list);
                copy.set(last, m.getValue());
                out.add(new SimpleEntry<>(m.getKey(), copy));
            }
            List<Object> shorter = new ArrayList<>(list.subList(0, last));
            out.add(new SimpleEntry<>(path + " without its last element", shorter));
        } else if (v instanceof Map<?, ?> && !(v instanceof SortedMap<?, ?>)) {
            fail("PartInputsTest cannot change " + path + " of " + v.getClass() + ": teach it, and check the view parts' inputs");
        } else if (v instanceof SortedMap<?, ?> map) {
            if (map.isEmpty()) {
                fail(path + " is empty in the base snapshot: give it an entry, so that changes in it are tried");
            }
            @SuppressWarnings("unchecked")
            SortedMap<Object, Object> m = (SortedMap<Object, Object>) map;
            Object lastKey = m.lastKey();
            for (Object changed : leafChanges(path + "[" + lastKey + "]", m.get(lastKey).getClass(), m.get(lastKey))) {
                TreeMap<Object, Object> copy = new TreeMap<>(m);
                copy.put(lastKey, changed);
                out.add(new SimpleEntry<>(path + "[" + lastKey + "]", copy));
            }
            TreeMap<Object, Object> copy = new TreeMap<>(m);
            copy.remove(lastKey);
            out.add(new SimpleEntry<>(path + " without " + lastKey, copy));
        } else if (v != null && v.getClass().isRecord()) {
            out.addAll(mutations(path, v));
        }
        return out;
    }

    /** Other values for a field of {@code type} holding {@code v}; empty for lists, maps and records (see nested). */
    private static List<Object> leafChanges(String path, Class<?> type, Object v) {
        if (type == boolean.class) {
            return List.of(!(Boolean) v);
        }
        if (type == int.class) {
            return List.of((Integer) v + 1);
        }
        if (type == long.class) {
            return List.of((Long) v + 1_234_567_890_123L);
        }
        if (type == String.class) {
            return List.of(v + "x");
        }
        if (type == byte[].class) {
            byte[] b = v == null ? new byte[0] : ((byte[]) v).clone();
            byte[] c = Arrays.copyOf(b, b.length == 0 ? 16 : b.length); // the same length: a value the kernel could give
            c[c.length - 1] ^= 0x5a;
            return List.of(c);
        }
        if (type == int[].class) {
            int[] c = v == null ? new int[64] : Arrays.copyOf((int[]) v, Math.max(((int[]) v).length, 64));
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i] == 0 ? 1 : 0;
            }
            return List.of(c);
        }
        if (type == IpCounters.class) {
            IpCounters c = (IpCounters) v;
            IpCounters.Builder b = IpCounters.builder();
            for (IpStat s : IpStat.values()) {
                b.put(s, c.has(s) ? c.get(s) + 7 : 3);
            }
            return List.of(b.build());
        }
        if (List.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || type.isRecord()) {
            return List.of();
        }
        fail("PartInputsTest cannot change " + path + " of " + type + ": teach it, and check the view parts' inputs");
        return List.of();
    }
}
