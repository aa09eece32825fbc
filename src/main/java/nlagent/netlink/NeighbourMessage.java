package nlagent.netlink;

import nlagent.sys.Native;

/**
 * One IPv4/IPv6 neighbour entry from RTM_NEWNEIGH/RTM_DELNEIGH (a dump reply or a notification).
 *
 * @param deleted        RTM_DELNEIGH
 * @param family         AF_INET or AF_INET6
 * @param ifIndex        ndm_ifindex
 * @param state          ndm_state (NUD_* bits; the kernel reports one state)
 * @param flags          ndm_flags (NTF_ROUTER 0x80, NTF_PROXY 0x08 ...)
 * @param address        NDA_DST (4 or 16 bytes)
 * @param linkAddress    NDA_LLADDR, empty when the kernel has none (incomplete, failed)
 * @param updatedCentis  NDA_CACHEINFO ndm_updated: hundredths of a second since the entry last changed, -1 if absent
 */
public record NeighbourMessage(boolean deleted, int family, int ifIndex, int state, int flags, byte[] address,
                               byte[] linkAddress, long updatedCentis) {

    /** struct nda_cacheinfo { u32 confirmed; u32 used; u32 updated; u32 refcnt; }: offset of ndm_updated. */
    private static final int CACHEINFO_UPDATED = 8;

    /**
     * Decodes RTM_NEWNEIGH/RTM_DELNEIGH; null for other message types, other families (AF_BRIDGE
     * fdb entries) and entries without a destination address.
     */
    public static NeighbourMessage decode(NlMessage m) {
        if (m.type() != Rtnl.RTM_NEWNEIGH && m.type() != Rtnl.RTM_DELNEIGH) {
            return null;
        }
        if (m.payloadLength() < Rtnl.NDMSG_LEN) {
            throw new MalformedMessageException("neighbour message of " + m.length() + " bytes has no ndmsg");
        }
        var b = m.buffer();
        int p = m.payloadOffset();
        int family = Byte.toUnsignedInt(b.get(p));
        if (family != Native.AF_INET && family != Native.AF_INET6) {
            return null;
        }
        int ifIndex = b.getInt(p + 4);
        int state = Short.toUnsignedInt(b.getShort(p + 8));
        int flags = Byte.toUnsignedInt(b.get(p + 10));
        byte[] dst = null;
        byte[] ll = new byte[0];
        long updated = -1;
        NlAttrs a = m.attributes(Rtnl.NDMSG_LEN);
        while (a.next()) {
            switch (a.type()) {
                case Rtnl.NDA_DST: dst = a.bytes(); break;
                case Rtnl.NDA_LLADDR: ll = a.bytes(); break;
                case Rtnl.NDA_CACHEINFO: updated = Integer.toUnsignedLong(a.intAt(CACHEINFO_UPDATED)); break;
                default:
            }
        }
        if (dst == null || dst.length != (family == Native.AF_INET ? 4 : 16)) {
            return null;
        }
        return new NeighbourMessage(m.type() == Rtnl.RTM_DELNEIGH, family, ifIndex, state, flags, dst, ll, updated);
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public byte[] linkAddress() {
        return linkAddress.clone();
    }
}
