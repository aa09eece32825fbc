package nlagent.agentx;

import java.util.logging.Level;

import nlagent.sys.CpuSet;

/**
 * Where the AgentX I/O thread runs: on the master's CPUs when the master is bound to fewer CPUs
 * than we may use, else where the scheduler puts it.
 *
 * <p>Why: net-snmp's master sends one AgentX GetNext per varbind and waits for its answer, so a
 * poll is a strict ping-pong between the two processes, and each message wakes a sleeping peer.
 * When the peer last ran on the other CPU, that wake-up is an inter-processor interrupt and an idle
 * CPU leaving its sleep (on a VM an exit to the hypervisor each), paid in kernel time by both sides:
 * about 19 µs of nlagent's and 21 µs of snmpd's kernel time per GetNext on this project's VM. With both
 * bound to one CPU the wake-up is a switch to a runnable task on the same CPU: the subagent poll
 * of bench/README.md ("One CPU for the AgentX ping-pong") cost a fifth. The scheduler does not
 * find that placement by itself while a CPU is idle, and binding only one side does not help;
 * snmpd is bound by its unit (CPUAffinity= in the shipped drop-in), and we follow it.
 *
 * @param pinTo the CPUs to bind the I/O thread to, or null to leave it
 * @param level how loud the reason is: INFO when the thread is bound or cannot follow, FINE when there is nothing to follow
 * @param reason one line for the log
 */
record IoThreadPlacement(CpuSet pinTo, Level level, String reason) {

    /**
     * @param masterPid the master's PID from SO_PEERCRED; 0 when not known (TCP, another PID namespace)
     * @param masterCpus the master's CPUs, or null when they could not be read
     * @param ourCpus the CPUs this process may use (the connecting thread's)
     */
    static IoThreadPlacement decide(int masterPid, CpuSet masterCpus, CpuSet ourCpus) {
        if (masterPid <= 0) {
            return new IoThreadPlacement(null, Level.FINE,
                    "the AgentX master's PID is not known (TCP, or another PID namespace): the AgentX I/O thread is not bound");
        }
        if (masterCpus == null || masterCpus.isEmpty()) {
            // its socket names the process that listened: one that forked afterwards (snmpd without -f) is gone
            return new IoThreadPlacement(null, Level.INFO, "the AgentX master's socket names pid " + masterPid
                    + ", whose CPUs cannot be read (gone: a master that forks after listening, as snmpd without -f):"
                    + " the AgentX I/O thread is not bound");
        }
        CpuSet common = masterCpus.intersect(ourCpus);
        if (common.equals(ourCpus)) {
            return new IoThreadPlacement(null, Level.FINE, "the AgentX master (pid " + masterPid + ") may run on "
                    + cpus(masterCpus) + ", as nlagent (" + ourCpus + "): the AgentX I/O thread is not bound");
        }
        if (common.isEmpty()) {
            return new IoThreadPlacement(null, Level.INFO, "the AgentX master (pid " + masterPid + ") runs on "
                    + cpus(masterCpus) + ", none of which nlagent may use (" + ourCpus
                    + "): the AgentX I/O thread is not bound, and every GetNext wakes a thread on another CPU");
        }
        return new IoThreadPlacement(common, Level.INFO, "the AgentX master (pid " + masterPid + ") is bound to "
                + cpus(masterCpus) + ": the AgentX I/O thread runs on " + cpus(common) + " too"
                + (common.size() == 1 ? " (each request and answer then wakes a task on the CPU it was sent from)" : ""));
    }

    private static String cpus(CpuSet s) {
        return (s.size() == 1 ? "CPU " : "CPUs ") + s;
    }
}
