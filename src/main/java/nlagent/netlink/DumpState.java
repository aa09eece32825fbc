package nlagent.netlink;

import nlagent.sys.Native;

/**
 * The state of one dump attempt, fed message by message: drops (and counts) messages of another
 * sequence number or addressed to another port id (late replies to an abandoned request, forgeries), marks the attempt damaged on NLM_F_DUMP_INTR or
 * NLMSG_OVERRUN (the caller restarts the dump), ends on NLMSG_DONE (whose s32 may carry a negative
 * errno) or on an NLMSG_ERROR with a non-zero error, keeping the extended-ACK text. A malformed
 * payload becomes a failure, but reading continues to NLMSG_DONE so the socket stays clean.
 */
final class DumpState<R> implements NlMessage.Handler {
    final int requestType;
    final int seq;
    /** Our socket's port id: the kernel addresses every reply to our dump with it. */
    final int portId;
    final NlSocket.DumpCollector<R> collector;
    boolean done;
    boolean damaged;
    NetlinkException failure;
    private int rejected;

    DumpState(int requestType, int seq, int portId, NlSocket.DumpCollector<R> collector) {
        this.requestType = requestType;
        this.seq = seq;
        this.portId = portId;
        this.collector = collector;
    }

    /** Messages dropped since the last call (another sequence or port id), for the socket's counters. */
    int takeRejected() {
        int r = rejected;
        rejected = 0;
        return r;
    }

    @Override
    public void message(NlMessage m) {
        if (m.seq() != seq || m.pid() != portId || done) {
            rejected++;
            return;
        }
        if ((m.flags() & Netlink.NLM_F_DUMP_INTR) != 0) {
            damaged = true;
        }
        switch (m.type()) {
            case Netlink.NLMSG_DONE:
                done = true;
                if (m.payloadLength() < 4) { // the kernel always sends the s32 status: a cut DONE is no answer
                    if (failure == null) {
                        failure = new NetlinkException("dump type " + requestType + ": truncated NLMSG_DONE ("
                                + m.payloadLength() + " payload bytes)");
                    }
                    break;
                }
                int err = m.buffer().getInt(m.payloadOffset());
                if (err < 0 && failure == null) {
                    failure = new NetlinkException("dump type " + requestType + " failed", -err,
                            ExtAck.message(m, ExtAck.doneTlvOffset(m)));
                }
                break;
            case Netlink.NLMSG_ERROR:
                int error = m.payloadLength() >= 4 ? m.buffer().getInt(m.payloadOffset()) : -Native.EINVAL;
                if (error != 0) { // an error reply ends the dump
                    done = true;
                    if (failure == null) {
                        failure = new NetlinkException("dump request type " + requestType + " refused", -error,
                                ExtAck.message(m, ExtAck.errorTlvOffset(m)));
                    }
                }
                break;
            case Netlink.NLMSG_NOOP:
                break;
            case Netlink.NLMSG_OVERRUN:
                damaged = true;
                break;
            default:
                if (!damaged && failure == null) {
                    try {
                        collector.accept(m);
                    } catch (MalformedMessageException e) {
                        // keep reading to NLMSG_DONE so the socket is clean for the next dump
                        failure = new NetlinkException("malformed reply to dump: " + e.getMessage());
                    }
                }
        }
    }
}
