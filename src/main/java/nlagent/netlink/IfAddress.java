package nlagent.netlink;

/**
 * One interface address from RTM_NEWADDR.
 *
 * @param family    AF_INET or AF_INET6
 * @param ifIndex   ifa_index
 * @param prefixLen ifa_prefixlen
 * @param scope     ifa_scope (RT_SCOPE_LINK 253 for link-local)
 * @param flags     IFA_FLAGS if present, else the 8-bit ifa_flags (IFA_F_TENTATIVE 0x40 ...)
 * @param address   IFA_ADDRESS (4 or 16 bytes)
 */
public record IfAddress(int family, int ifIndex, int prefixLen, int scope, int flags, byte[] address) {

    /** Decoder for RTM_NEWADDR/RTM_DELADDR (struct ifaddrmsg, 8 bytes: family, prefixlen, flags, scope, u32 index). */
    public static IfAddress decode(NlMessage m) {
        if (m.payloadLength() < Rtnl.IFADDRMSG_LEN) {
            throw new MalformedMessageException("address message of " + m.length() + " bytes has no ifaddrmsg");
        }
        var b = m.buffer();
        int p = m.payloadOffset();
        int family = Byte.toUnsignedInt(b.get(p));
        int prefixLen = Byte.toUnsignedInt(b.get(p + 1));
        int flags = Byte.toUnsignedInt(b.get(p + 2));
        int scope = Byte.toUnsignedInt(b.get(p + 3));
        int index = b.getInt(p + 4);
        byte[] address = null;
        byte[] local = null;
        NlAttrs a = m.attributes(Rtnl.IFADDRMSG_LEN);
        while (a.next()) {
            switch (a.type()) {
                case Rtnl.IFA_ADDRESS: address = a.bytes(); break;
                case Rtnl.IFA_LOCAL: local = a.bytes(); break;
                case Rtnl.IFA_FLAGS: flags = a.i32(); break;
                default:
            }
        }
        // on point-to-point links IFA_LOCAL is the local address and IFA_ADDRESS the peer
        byte[] own = local != null ? local : address;
        return own == null ? null : new IfAddress(family, index, prefixLen, scope, flags, own);
    }

    @Override
    public byte[] address() {
        return address.clone();
    }
}
