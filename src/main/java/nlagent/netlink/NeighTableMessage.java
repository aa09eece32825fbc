package nlagent.netlink;

/** Decoder for RTM_NEWNEIGHTBL (struct ndtmsg, 4 bytes: u8 family, pads; attributes at +4). */
public final class NeighTableMessage {
    private NeighTableMessage() {
    }

    /**
     * The per-device parameters, or null for the table-header message (NDTA_PARMS without
     * NDTPA_IFINDEX): that one holds the table's defaults, which belong to the initial namespace
     * even when dumped from another one.
     */
    public static NeighParms decode(NlMessage m) {
        if (m.payloadLength() < Rtnl.NDTMSG_LEN) {
            throw new MalformedMessageException("neightbl message of " + m.length() + " bytes has no ndtmsg");
        }
        int family = Byte.toUnsignedInt(m.buffer().get(m.payloadOffset()));
        NlAttrs a = m.attributes(Rtnl.NDTMSG_LEN);
        while (a.next()) {
            if (a.type() == Rtnl.NDTA_PARMS) {
                return parms(family, a.nested());
            }
        }
        return null;
    }

    private static NeighParms parms(int family, NlAttrs p) {
        int ifIndex = 0;
        boolean hasIndex = false;
        long retrans = -1;
        long base = -1;
        while (p.next()) {
            switch (p.type()) {
                case Rtnl.NDTPA_IFINDEX: ifIndex = p.i32(); hasIndex = true; break;
                case Rtnl.NDTPA_RETRANS_TIME: retrans = p.uint(); break;
                case Rtnl.NDTPA_BASE_REACHABLE_TIME: base = p.uint(); break;
                default: // NDTPA_PAD, NDTPA_REACHABLE_TIME (randomized: NeighParms) and the rest
            }
        }
        return hasIndex ? new NeighParms(family, ifIndex, retrans, base) : null;
    }
}
