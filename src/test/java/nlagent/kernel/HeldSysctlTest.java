package nlagent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import nlagent.sys.ErrnoException;
import nlagent.sys.Native;
import nlagent.testing.ProcSysOracle;
import nlagent.testing.TestNamespaces;

/** Held /proc/sys fds: re-read without lookups, counted opens, ENOENT once the table is gone. */
class HeldSysctlTest {

    @Test
    void readsByPreadCountsOpensAndReportsEnoentWhenTheDeviceGoes() throws Exception {
        try (TestNamespaces ns = new TestNamespaces("kh")) {
            String a = ns.linkName("a");
            ns.addVeth(a, null, ns.linkName("b"));
            KernelCounters counters = new KernelCounters();
            String rel = "net/ipv6/neigh/" + a + "/retrans_time_ms";
            try (HeldSysctl h = HeldSysctl.open(rel, counters)) {
                assertEquals(1, counters.procSysLookups.sum());
                assertEquals(ProcSysOracle.readLong("/proc/sys/" + rel), h.readLong());
                ns.sysctl(null, "net.ipv6.neigh." + a + ".retrans_time_ms", "3333");
                assertEquals(3336, h.readLong(), "same fd, new value (jiffies-rounded)");
                assertEquals(1, counters.procSysLookups.sum(), "re-reads are not lookups");
                ns.deleteLink(a);
                ErrnoException e = assertThrows(ErrnoException.class, h::readLong);
                assertEquals(Native.ENOENT, e.errno(), e.getMessage());
            }
            ErrnoException missing = assertThrows(ErrnoException.class,
                    () -> HeldSysctl.open("net/ipv6/neigh/" + a + "/retrans_time_ms", counters));
            assertEquals(Native.ENOENT, missing.errno());
            assertEquals(2, counters.procSysLookups.sum(), "a failed open is a lookup too");
        }
    }
}
