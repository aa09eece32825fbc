package nlagent.netlink;

/**
 * Extended-ACK TLVs of NLMSG_ERROR and NLMSG_DONE (NETLINK_EXT_ACK): where they start and the
 * human-readable NLMSGERR_ATTR_MSG, which tells why the kernel refused a request.
 */
final class ExtAck {
    private ExtAck() {
    }

    /** NLMSG_ERROR: s32 error, then the echoed request (its header only when NLM_F_CAPPED), then TLVs. */
    static int errorTlvOffset(NlMessage m) {
        int echoed = m.payloadOffset() + 4;
        if ((m.flags() & Netlink.NLM_F_CAPPED) != 0) {
            return echoed + Netlink.NLMSG_HDRLEN;
        }
        if (echoed + 4 > m.end()) {
            return m.end();
        }
        return echoed + Netlink.align4(m.buffer().getInt(echoed));
    }

    /** NLMSG_DONE: s32 error, then TLVs. */
    static int doneTlvOffset(NlMessage m) {
        return m.payloadOffset() + 4;
    }

    /** NLMSGERR_ATTR_MSG, or null when the message carries no TLVs. */
    static String message(NlMessage m, int tlvOffset) {
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) == 0 || tlvOffset >= m.end() || tlvOffset < m.payloadOffset()) {
            return null;
        }
        NlAttrs a = new NlAttrs(m.buffer(), tlvOffset, m.end());
        while (a.next()) {
            if (a.type() == Netlink.NLMSGERR_ATTR_MSG) {
                return a.string();
            }
        }
        return null;
    }
}
