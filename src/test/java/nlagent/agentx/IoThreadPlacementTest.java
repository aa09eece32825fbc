package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import nlagent.sys.CpuSet;

class IoThreadPlacementTest {
    private static final CpuSet ALL = CpuSet.parse("0-7");

    @Test
    void followsAMasterBoundToFewerCpus() {
        IoThreadPlacement p = IoThreadPlacement.decide(42, CpuSet.of(3), ALL);
        assertEquals(CpuSet.of(3), p.pinTo());
        assertEquals(Level.INFO, p.level());
        assertTrue(p.reason().contains("pid 42") && p.reason().contains("CPU 3"), p.reason());
        assertEquals(CpuSet.parse("2-3"), IoThreadPlacement.decide(42, CpuSet.parse("2-3"), ALL).pinTo());
    }

    @Test
    void onlyWhereBothMayRun() {
        assertEquals(CpuSet.of(4), IoThreadPlacement.decide(42, CpuSet.parse("4,9"), ALL).pinTo(),
                "a master CPU outside our cpuset is left out");
        IoThreadPlacement none = IoThreadPlacement.decide(42, CpuSet.of(9), ALL);
        assertNull(none.pinTo());
        assertEquals(Level.INFO, none.level(), "the operator should hear that the pair cannot share a CPU");
        assertTrue(none.reason().contains("CPU 9") && none.reason().contains("0-7"), none.reason());
    }

    @Test
    void leavesTheThreadWhenNothingIsGained() {
        assertNull(IoThreadPlacement.decide(42, ALL, ALL).pinTo(), "an unbound master");
        assertNull(IoThreadPlacement.decide(42, CpuSet.parse("0-15"), ALL).pinTo(), "a master with more CPUs than we have");
        assertNull(IoThreadPlacement.decide(0, CpuSet.of(3), ALL).pinTo(), "no PID: TCP, or another PID namespace");
        assertNull(IoThreadPlacement.decide(42, null, ALL).pinTo(), "the master's CPUs unreadable (it exited)");
        assertNull(IoThreadPlacement.decide(42, CpuSet.parse(""), ALL).pinTo());
        for (IoThreadPlacement p : new IoThreadPlacement[] {IoThreadPlacement.decide(42, ALL, ALL),
                IoThreadPlacement.decide(0, CpuSet.of(3), ALL)}) {
            assertEquals(Level.FINE, p.level(), "nothing to follow: " + p.reason());
        }
        IoThreadPlacement gone = IoThreadPlacement.decide(42, null, ALL);
        assertEquals(Level.INFO, gone.level(), "a forked master cannot be followed: say so once");
        assertTrue(gone.reason().contains("pid 42") && gone.reason().contains("-f"), gone.reason());
    }
}
