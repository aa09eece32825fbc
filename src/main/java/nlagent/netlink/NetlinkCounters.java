package nlagent.netlink;

import java.util.concurrent.atomic.LongAdder;

/** Counters every {@link NlSocket} of the agent adds to; read by the data plane's self-accounting. */
public final class NetlinkCounters {
    /** Dumps completed. */
    public final LongAdder dumps = new LongAdder();
    /** Bytes received in dump replies. */
    public final LongAdder dumpBytes = new LongAdder();
    /** Notification messages received. */
    public final LongAdder notifications = new LongAdder();
    /** Dumps restarted after NLM_F_DUMP_INTR or a truncated datagram, and ENOBUFS re-dumps. */
    public final LongAdder resyncs = new LongAdder();
    /** Failed dumps (NLMSG_ERROR, errno in NLMSG_DONE, I/O errors, malformed replies). */
    public final LongAdder errors = new LongAdder();
    /**
     * Messages dropped because they did not come from the kernel (sender nl_pid not 0) or were not
     * addressed to this socket's dump (port id or sequence not ours): forgeries from processes in
     * the namespace, or late replies to an abandoned request.
     */
    public final LongAdder rejected = new LongAdder();
}
