package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nlagent.config.ConfigFile;
import nlagent.mib.MibValue;
import nlagent.mib.Notification;
import nlagent.mib.Oid;
import nlagent.mib.VarBind;
import nlagent.testing.Preconditions;
import nlagent.testing.TestNamespaces;
import nlagent.time.ManualScheduler;

/**
 * The real phenomenon, end to end at the monitor: 300 namespaces that each read
 * /proc/sys/net/ipv6/conf/all/forwarding through the host /proc lengthen the host's same-name
 * chain; the ipv6 probe's excess over the control rises, the state and the rising notification
 * follow; after the namespaces are deleted the chain is pruned and the falling notification is
 * sent. The schedule is driven by a ManualScheduler; the latencies are real.
 */
class DcacheChainTest {
    private static final int NAMESPACES = 300;
    private static final String IPV6 = ChainLoad.IPV6;

    @Test
    void ipv6ChainRisesWith300NamespacesAndFallsAfterDeletion() throws Exception {
        Preconditions.assumeRoot();
        Preconditions.assumeCommands("ip", "cat");
        long baselineUs = ChainLoad.baselineExcessUsOrSkip();
        // thresholds relative to this machine's baseline: 300 entries add about 30 us (100 ns each)
        long rising = ChainLoad.risingUs(baselineUs);
        long falling = ChainLoad.fallingUs(baselineUs);
        HealthConfig c = new HealthConfig();
        // ipv6 only: on a shared host another workload's namespaces may lengthen core or ipv4 meanwhile
        ConfigFile.apply("test.conf", "probePath " + IPV6 + "\nprobeBurst 15\nprobeIntervalSeconds 60\nsampleIntervalSeconds 10\n"
                + "chainExcessUs " + rising + " " + falling + "\nchainExcessCriticalUs 100000 99999\n", List.of(c));
        ManualScheduler clock = new ManualScheduler();
        List<Notification> sent = new ArrayList<>();
        try (TestNamespaces ns = new TestNamespaces("dh");
             HealthMonitor m = HealthMonitor.start(c, () -> null, sent::add, clock, clock)) {
            clock.runDue();
            HealthStatus before = m.status();
            assertEquals(HealthState.OK, before.state(), before.message());
            assertTrue(sent.isEmpty(), "no crossing at baseline: " + sent);
            assertEquals(ProbeStatus.Kind.OK, before.probes().get(0).kind());

            List<String> names = ChainLoad.namespacesTouchingIpv6(ns, NAMESPACES);
            long loadedOwnUs = ChainLoad.ownExcessUs();
            assertTrue(loadedOwnUs >= rising,
                    "the test's own stat timing sees the chain: " + baselineUs + " -> " + loadedOwnUs + " us");

            clock.advance(60, TimeUnit.SECONDS);
            HealthStatus up = m.status();
            ProbeStatus ipv6 = up.probes().get(0);
            long excessUs = ipv6.excessNanos().getAsLong() / 1000;
            System.out.printf("dcache chain: baseline excess %d us; with %d namespaces ipv6 %d us (ratio %d%%, ~%d entries),"
                    + " own timing %d us%n", baselineUs, NAMESPACES, excessUs,
                    ipv6.ratioPercent().getAsLong(), ipv6.chainEstimate().getAsLong(), loadedOwnUs);
            assertTrue(excessUs >= rising, "ipv6 excess " + excessUs + " us, baseline " + baselineUs + "; " + up);
            assertTrue(ipv6.chainEstimate().getAsLong() >= 100, "estimate " + ipv6.chainEstimate());
            assertTrue(ipv6.ratioPercent().getAsLong() >= 300, "ratio " + ipv6.ratioPercent());
            assertEquals(HealthState.WARNING, up.state(), up.message());
            assertTrue(up.message().contains(IPV6), up.message());
            // other tenants' namespaces come and go meanwhile: only ours are sure to be counted
            assertTrue(up.counters().slabNetNamespaceObjects().orElse(0) >= NAMESPACES,
                    "net_namespace slab " + up.counters().slabNetNamespaceObjects());
            assertEquals(List.of(HealthOids.CHAIN_RISING), trapsFor(sent, 1));
            Notification rise = sent.get(0);
            assertEquals(MibValue.string(IPV6), value(rise, HealthOids.probeCell(HealthOids.PROBE_PATH, 1)));
            assertEquals(MibValue.gauge32(excessUs), value(rise, HealthOids.probeCell(HealthOids.PROBE_EXCESS, 1)));
            assertEquals(MibValue.integer(HealthState.WARNING.mibValue),
                    value(rise, HealthOids.scalar(HealthOids.HEALTH_STATE)));
            // the served view agrees with the status
            assertEquals(MibValue.gauge32(excessUs),
                    m.current().get(HealthOids.probeCell(HealthOids.PROBE_EXCESS, 1)));
            assertEquals(MibValue.integer(HealthState.WARNING.mibValue),
                    m.current().get(HealthOids.scalar(HealthOids.HEALTH_STATE)));

            ns.deleteNamespaces(names);
            // namespace teardown (and with it the pruning of their dentries) is asynchronous
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (m.status().state() != HealthState.OK && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                clock.advance(60, TimeUnit.SECONDS);
            }
            HealthStatus down = m.status();
            assertEquals(HealthState.OK, down.state(), down.message());
            assertEquals(List.of(HealthOids.CHAIN_RISING, HealthOids.CHAIN_FALLING), trapsFor(sent, 1));
            Notification fall = sent.stream().filter(n -> n.trapOid().equals(HealthOids.CHAIN_FALLING)).findFirst()
                    .orElseThrow();
            assertEquals(MibValue.integer(HealthState.OK.mibValue),
                    value(fall, HealthOids.scalar(HealthOids.HEALTH_STATE)));
            assertTrue(down.probes().get(0).excessNanos().getAsLong() / 1000 <= falling);
            assertTrue(down.monitorProcSysLookups() > 0);
        }
    }


    /** Trap OIDs of the notifications about probe row {@code index}. */
    private static List<Oid> trapsFor(List<Notification> sent, int index) {
        Oid path = HealthOids.probeCell(HealthOids.PROBE_PATH, index);
        return sent.stream().filter(n -> n.payload().stream().anyMatch(v -> v.oid().equals(path)))
                .map(Notification::trapOid).toList();
    }

    private static MibValue value(Notification n, Oid oid) {
        return n.payload().stream().filter(v -> v.oid().equals(oid)).map(VarBind::value).findFirst()
                .orElse(MibValue.NO_SUCH_OBJECT);
    }

}
