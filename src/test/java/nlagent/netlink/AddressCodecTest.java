package nlagent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import nlagent.sys.Native;

/** Decoders of the address and statistics messages behind the IP-MIB address and statistics tables. */
class AddressCodecTest {

    private static byte[] cacheinfo(long preferred, long valid) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt((int) preferred).putInt((int) valid)
                .putInt(100).putInt(200).array();
    }

    @Test
    void ipv4AddressCarriesBroadcastLabelAndLifetimes() {
        MessageBuilder b = new MessageBuilder().begin(Rtnl.RTM_NEWADDR, Netlink.NLM_F_MULTI, 1)
                .bytes((byte) Native.AF_INET, (byte) 24, (byte) 0x80, (byte) 0).i32(4)
                .attr(Rtnl.IFA_ADDRESS, new byte[] {10, 9, 0, 1}).attr(Rtnl.IFA_LOCAL, new byte[] {10, 9, 0, 1})
                .attr(Rtnl.IFA_BROADCAST, new byte[] {10, 9, 0, (byte) 255}).attrString(Rtnl.IFA_LABEL, "eth0:1")
                .attrI32(Rtnl.IFA_FLAGS, 0x80).attr(Rtnl.IFA_CACHEINFO, cacheinfo(0xFFFF_FFFFL, 0xFFFF_FFFFL)).finish();
        AddressInfo a = AddressInfo.decode(b.message());
        assertEquals(Native.AF_INET, a.family());
        assertEquals(4, a.ifIndex());
        assertEquals(24, a.prefixLen());
        assertArrayEquals(new byte[] {10, 9, 0, 1}, a.address());
        assertArrayEquals(new byte[] {10, 9, 0, (byte) 255}, a.broadcast());
        assertEquals("eth0:1", a.label());
        assertEquals(0xFFFF_FFFFL, a.preferredLifetimeSeconds(), "forever is u32 all-ones, not -1");
        assertEquals(0xFFFF_FFFFL, a.validLifetimeSeconds());
    }

    @Test
    void pointToPointAddressIsTheLocalOneAndIpv6FlagsAreTheExtendedOnes() {
        byte[] local = new byte[16];
        local[0] = 0x20;
        local[1] = 0x01;
        local[15] = 1;
        MessageBuilder b = new MessageBuilder().begin(Rtnl.RTM_NEWADDR, 0, 0)
                .bytes((byte) Native.AF_INET6, (byte) 64, (byte) 0x20, (byte) 0).i32(7)
                .attr(Rtnl.IFA_ADDRESS, new byte[16]).attr(Rtnl.IFA_LOCAL, local)
                .attrI32(Rtnl.IFA_FLAGS, 0x2A0).attr(Rtnl.IFA_CACHEINFO, cacheinfo(0, 3600)).finish();
        AddressInfo a = AddressInfo.decode(b.message());
        assertArrayEquals(local, a.address());
        assertEquals(0x2A0, a.flags(), "IFA_FLAGS (32 bits) wins over the 8-bit ifa_flags");
        assertEquals(0, a.preferredLifetimeSeconds(), "deprecated: preferred lifetime 0");
        assertEquals(3600, a.validLifetimeSeconds());
        assertArrayEquals(new byte[0], a.broadcast());
        assertEquals("", a.label());
    }

    @Test
    void malformedAddressMessagesAreRejectedOrSkipped() {
        MessageBuilder shortHeader = new MessageBuilder().begin(Rtnl.RTM_NEWADDR, 0, 0).bytes((byte) 2, (byte) 24).pad().finish();
        assertThrows(MalformedMessageException.class, () -> AddressInfo.decode(shortHeader.message()));
        MessageBuilder wrongLength = new MessageBuilder().begin(Rtnl.RTM_NEWADDR, 0, 0)
                .bytes((byte) Native.AF_INET, (byte) 24, (byte) 0, (byte) 0).i32(1).attr(Rtnl.IFA_ADDRESS, new byte[16]).finish();
        assertThrows(MalformedMessageException.class, () -> AddressInfo.decode(wrongLength.message()),
                "an AF_INET message with a 16-byte address");
        MessageBuilder badPrefix = new MessageBuilder().begin(Rtnl.RTM_NEWADDR, 0, 0)
                .bytes((byte) Native.AF_INET, (byte) 33, (byte) 0, (byte) 0).i32(1).attr(Rtnl.IFA_ADDRESS, new byte[4]).finish();
        assertThrows(MalformedMessageException.class, () -> AddressInfo.decode(badPrefix.message()));
        MessageBuilder noAddress = new MessageBuilder().begin(Rtnl.RTM_NEWADDR, 0, 0)
                .bytes((byte) Native.AF_INET, (byte) 24, (byte) 0, (byte) 0).i32(1).finish();
        assertNull(AddressInfo.decode(noAddress.message()));
        MessageBuilder phonet = new MessageBuilder().begin(Rtnl.RTM_NEWADDR, 0, 0)
                .bytes((byte) 35, (byte) 0, (byte) 0, (byte) 0).i32(1).attr(Rtnl.IFA_LOCAL, new byte[] {0x40}).finish();
        assertNull(AddressInfo.decode(phonet.message()), "another family's address is skipped, not an error");
    }

    @Test
    void linkMessageYieldsItsInet6StatsArray() {
        MessageBuilder b = new MessageBuilder().begin(Rtnl.RTM_NEWLINK, Netlink.NLM_F_MULTI, 1).ifinfo(0, 1, 9, 0x1)
                .attrString(Rtnl.IFLA_IFNAME, "eth0")
                .nest(Rtnl.IFLA_AF_SPEC, true)
                .nest(Native.AF_INET, true).attrInts(1, 0, 0).end()
                .nest(Native.AF_INET6, true).attrI32(Rtnl.IFLA_INET6_FLAGS, 0x80000000).attrLongs(Rtnl.IFLA_INET6_STATS, 38, 14, 980, 3).end()
                .end().finish();
        Inet6LinkStats s = Inet6LinkStats.decode(b.message());
        assertEquals(9, s.ifIndex());
        assertArrayEquals(new long[] {38, 14, 980, 3}, s.ipstats());
        MessageBuilder noV6 = new MessageBuilder().begin(Rtnl.RTM_NEWLINK, 0, 1).ifinfo(0, 1, 2, 0)
                .attrString(Rtnl.IFLA_IFNAME, "lo").finish();
        assertNull(Inet6LinkStats.decode(noV6.message()));
    }

    @Test
    void addressDumpAsksForEveryFamily() {
        ByteBuffer out = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        DumpRequest.addresses().encode(out, 1);
        assertEquals(24, out.position(), "header + 8-byte ifaddrmsg");
        assertEquals(Rtnl.RTM_GETADDR, out.getShort(4));
        assertEquals(0, out.get(16), "AF_UNSPEC: IPv4 and IPv6");
    }
}
