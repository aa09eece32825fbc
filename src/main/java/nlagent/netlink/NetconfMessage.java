package nlagent.netlink;

/** Decoder for RTM_NEWNETCONF/RTM_DELNETCONF (struct netconfmsg: u8 family, padded to 4). */
public final class NetconfMessage {
    private NetconfMessage() {
    }

    /** The entry, or null when the message lacks NETCONFA_IFINDEX (nothing to key it by). */
    public static NetconfEntry decode(NlMessage m) {
        if (m.payloadLength() < 1) {
            throw new MalformedMessageException("netconf message of " + m.length() + " bytes has no netconfmsg");
        }
        int family = Byte.toUnsignedInt(m.buffer().get(m.payloadOffset()));
        int[] values = new int[Rtnl.NETCONFA_MAX_KNOWN + 1];
        int mask = 0;
        NlAttrs a = m.attributes(Rtnl.NETCONFMSG_LEN);
        while (a.next()) {
            int t = a.type();
            if (t >= 1 && t <= Rtnl.NETCONFA_MAX_KNOWN) {
                values[t] = a.i32();
                mask |= 1 << t;
            }
        }
        if ((mask & (1 << Rtnl.NETCONFA_IFINDEX)) == 0) {
            return null;
        }
        return new NetconfEntry(family, values[Rtnl.NETCONFA_IFINDEX], mask, values);
    }
}
