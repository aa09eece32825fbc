package nlagent.kernel;

import java.util.concurrent.atomic.LongAdder;

import nlagent.netlink.NetlinkCounters;

/** The data plane's self-accounting counters (monotonic); {@link KernelDataPlane#stats()} reports them. */
final class KernelCounters {
    final NetlinkCounters netlink = new NetlinkCounters();
    /** Every open of a path under /proc/sys, wherever the agent makes one (see {@link HeldSysctl#open}). */
    final LongAdder procSysLookups = new LongAdder();
    final LongAdder fdReopens = new LongAdder();
    /** RTM_GETNEIGHTBL dumps made (each walks every device on the host; only polled or changed namespaces need one). */
    final LongAdder neighTableDumps = new LongAdder();
    /** RTM_GETNEIGH dumps (each walks the host's whole ARP/ND table). */
    final LongAdder neighbourDumps = new LongAdder();
    /** Link messages that read differently from the previous dump's (see {@link ReusingDump#decoded()}). */
    final LongAdder linksDecoded = new LongAdder();
    /** Refreshes whose light link dumps (counters, IPv6 blocks: LinkCountersMerge) failed: the links were dumped in full. */
    final LongAdder linkStatsFallbacks = new LongAdder();
    /** Reads answered from the previous snapshot: the refresh they started outlasted KernelDataPlane#FRESH_WAIT_MS. */
    final LongAdder staleReads = new LongAdder();
    final LongAdder namespacesAdded = new LongAdder();
    final LongAdder namespacesRemoved = new LongAdder();
}
