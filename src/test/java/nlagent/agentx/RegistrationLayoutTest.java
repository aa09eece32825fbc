package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.TestMibProvider;
import nlagent.time.ExecutorScheduler;
import nlagent.time.Ticker;

/**
 * The registration layout (bench/README.md, AgentX): by default only the default context, per
 * subtree (plus snmpd's finer built-in OIDs inside them, for priority override); with
 * agentxContexts yes also one covering registration per namespace context. A scripted master
 * counts the Register PDUs per context.
 */
class RegistrationLayoutTest {
    @TempDir
    Path tmp;

    private FakeMaster master;
    private AgentxSubagent subagent;

    @AfterEach
    void stop() throws IOException {
        if (subagent != null) {
            subagent.close();
        }
        if (master != null) {
            master.close();
        }
    }

    /** 18 subtrees under mib-2, the shape of a namespace's view (system, IF-MIB, IP-MIB, IPV6-MIB parts). */
    static final List<Oid> NAMESPACE_SUBTREES = List.of(
            "1.3.6.1.2.1.1.1", "1.3.6.1.2.1.1.2", "1.3.6.1.2.1.1.3", "1.3.6.1.2.1.1.4", "1.3.6.1.2.1.1.5",
            "1.3.6.1.2.1.1.6", "1.3.6.1.2.1.1.7", "1.3.6.1.2.1.2.1", "1.3.6.1.2.1.2.2", "1.3.6.1.2.1.31.1.1",
            "1.3.6.1.2.1.31.1.5", "1.3.6.1.2.1.4.28", "1.3.6.1.2.1.4.30", "1.3.6.1.2.1.55.1.1", "1.3.6.1.2.1.55.1.2",
            "1.3.6.1.2.1.55.1.3", "1.3.6.1.2.1.55.1.5", "1.3.6.1.2.1.4.25").stream().map(Oid::parse).toList();

    static SortedMibView namespaceView() {
        SortedMibView.Builder b = SortedMibView.builder();
        for (Oid s : NAMESPACE_SUBTREES) {
            b.subtree(s).add(s.append(0), MibValue.integer(1));
        }
        return b.build();
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private Map<String, List<Oid>> registersByContext(PduType type) {
        return master.received.stream().filter(p -> p.type() == type).collect(Collectors.groupingBy(
                p -> p.context() == null ? "" : p.context(), TreeMap::new,
                Collectors.mapping(p -> ((Payload.Registration) p.payload()).subtree(), Collectors.toList())));
    }

    /** A provider serving {@code view} in the default context and in {@code count} contexts ns0, ns1, .... */
    private static TestMibProvider withNamespaces(SortedMibView view, int count) {
        TestMibProvider p = new TestMibProvider(view);
        for (int i = 0; i < count; i++) {
            p.put("ns" + i, view);
        }
        return p;
    }

    @Test
    void byDefaultOnlyTheDefaultContextIsRegistered() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        SortedMibView view = namespaceView();
        TestMibProvider p = withNamespaces(view, 20);
        try (ExecutorScheduler s = new ExecutorScheduler("t", 1)) {
            AgentxConfig c = new AgentxConfig(); // agentxContexts as shipped: no
            c.setMaster("unix:" + master.socket);
            subagent = AgentxSubagent.start(c, p, Ticker.system(), s);
            assertTrue(subagent.awaitActive(5_000));
            Map<String, List<Oid>> regs = registersByContext(PduType.REGISTER);
            assertEquals(List.of(""), List.copyOf(regs.keySet()), "no namespace context reaches the master");
            assertEquals(RegistrationPlan.registrations("", NAMESPACE_SUBTREES), regs.get(""));
            assertTrue(master.received.stream().noneMatch(x -> x.context() != null), "no PDU with a context at all");

            // namespaces that come and go change nothing at the master; the resync they cause still
            // runs (it picks up the default view's new subtree), so the assertion below is not vacuous
            int before = master.received.size();
            p.put("late", view);
            p.remove("ns3");
            Oid other = Oid.parse("1.3.6.1.4.1.99998");
            p.put("", SortedMibView.builder().subtree(other).add(other.append(1, 0), MibValue.integer(1)).build());
            p.put("late2", view);
            await("default context resynced", () -> master.received.stream().skip(before).anyMatch(x -> x.type() == PduType.REGISTER
                    && x.context() == null && ((Payload.Registration) x.payload()).subtree().equals(other)));
            assertTrue(master.received.stream().noneMatch(x -> x.context() != null),
                    master.received.subList(before, master.received.size()).toString());
        }
    }

    @Test
    void optedInOneCoveringRegistrationPerNamespaceContextPerSubtreeInTheDefaultOne() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        SortedMibView view = namespaceView();
        TestMibProvider p = withNamespaces(view, 20);
        try (ExecutorScheduler s = new ExecutorScheduler("t", 1)) {
            AgentxConfig c = new AgentxConfig();
            c.setMaster("unix:" + master.socket);
            c.setContexts(true); // agentxContexts yes
            subagent = AgentxSubagent.start(c, p, Ticker.system(), s);
            assertTrue(subagent.awaitActive(5_000));
            Map<String, List<Oid>> regs = registersByContext(PduType.REGISTER);
            assertEquals(21, regs.size());
            for (int i = 0; i < 20; i++) {
                assertEquals(List.of(Oid.parse("1.3.6.1.2.1")), regs.get("ns" + i), "ns" + i);
            }
            // default context: every subtree but the system group (snmpd's own: 11 left), plus snmpd's
            // finer built-in registrations inside them (the 10 ipv6IfTable columns under 55.1.5)
            List<Oid> defaults = regs.get("");
            assertEquals(RegistrationPlan.registrations("", NAMESPACE_SUBTREES), defaults);
            assertEquals(21, defaults.size(), defaults.toString());
            assertTrue(defaults.stream().noneMatch(o -> o.startsWith(Oid.parse("1.3.6.1.2.1.1"))), defaults.toString());

            // a namespace that comes later: one registration; one that goes: one Unregister
            int before = master.received.size();
            p.put("late", view);
            p.remove("ns3");
            await("late registered, ns3 withdrawn", () -> master.received.stream().skip(before).filter(x ->
                    (x.type() == PduType.REGISTER && "late".equals(x.context()))
                    || (x.type() == PduType.UNREGISTER && "ns3".equals(x.context()))).count() == 2);
            assertEquals(List.of(Oid.parse("1.3.6.1.2.1")), registersByContext(PduType.REGISTER).get("late"));
            assertEquals(List.of(Oid.parse("1.3.6.1.2.1")), registersByContext(PduType.UNREGISTER).get("ns3"));
        }
    }

    @Test
    void coverIsTheLongestCommonPrefix() {
        assertEquals(List.of(Oid.parse("1.3.6.1.2.1")), RegistrationPlan.registrations("ns", NAMESPACE_SUBTREES));
        assertEquals(List.of(Oid.parse("1.3.6.1.2.1.2.2")), RegistrationPlan.registrations("ns", List.of(Oid.parse("1.3.6.1.2.1.2.2"))));
        assertEquals(Oid.parse("1.3.6.1"), RegistrationPlan.commonPrefix(List.of(Oid.parse("1.3.6.1.2.1.2"), Oid.parse("1.3.6.1.4.1.9"))));
        assertNull(RegistrationPlan.commonPrefix(List.of(Oid.parse("1.3"), Oid.parse("2.5"))));
        // nothing in common: one per subtree, as in the default context
        assertEquals(List.of(Oid.parse("1.3"), Oid.parse("2.5")), RegistrationPlan.registrations("ns", List.of(Oid.parse("1.3"), Oid.parse("2.5"))));
        // the benchmark's comparison layout
        assertEquals(18, RegistrationPlan.registrations("ns", NAMESPACE_SUBTREES, RegistrationPlan.Layout.PER_SUBTREE).size());
    }
}
