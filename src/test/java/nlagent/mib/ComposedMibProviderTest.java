package nlagent.mib;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

import nlagent.mib.netns.NetnsMibBuilder;
import nlagent.mib.netns.Uptime;
import nlagent.mib.oid.SnmpV2Mib;
import nlagent.time.ManualScheduler;

/** The standalone agent's system group is added on top of the shared provider, which keeps serving without it. */
class ComposedMibProviderTest {

    @Test
    void addsViewsToEveryContextWithoutTouchingTheBase() {
        MapSnapshotSource source = new MapSnapshotSource();
        source.put(TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback())));
        source.put(TestSnapshots.snapshot("ns1", 1, List.of(TestSnapshots.loopback())));
        SnapshotMibProvider base = new SnapshotMibProvider(source, new NetnsMibBuilder(new Uptime(new ManualScheduler(), 0)),
                List.of(), List.of()).start();
        MibView system = SortedMibView.builder().subtree(SnmpV2Mib.SYSTEM)
                .add(SnmpV2Mib.SYS_NAME.append(0), MibValue.string("h")).build();
        ComposedMibProvider composed = new ComposedMibProvider(base, List.of(system));

        for (String ctx : List.of("", "ns1")) {
            assertEquals(MibValue.string("h"), composed.view(ctx).get(SnmpV2Mib.SYS_NAME.append(0)));
            assertEquals(MibValue.NO_SUCH_OBJECT, base.view(ctx).get(SnmpV2Mib.SYS_NAME.append(0)), "base has no system group");
            assertFalse(base.view(ctx).subtrees().contains(SnmpV2Mib.SYSTEM), "AgentX would register it");
            assertTrue(composed.view(ctx).subtrees().contains(SnmpV2Mib.SYSTEM));
        }
        assertSame(composed.view("ns1"), composed.view("ns1"), "composite reused while the base view is the same");
        source.put(TestSnapshots.snapshot("ns1", 2, List.of(TestSnapshots.loopback(), TestSnapshots.veth(3, "v", 1, true))));
        assertEquals(MibValue.integer(2), composed.view("ns1").get(Oid.parse("1.3.6.1.2.1.2.1.0")));
        source.remove("ns1");
        assertNull(composed.view("ns1"));
        assertEquals(java.util.Set.of(""), composed.contexts());
    }
}
