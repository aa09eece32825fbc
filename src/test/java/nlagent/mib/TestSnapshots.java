package nlagent.mib;

import java.util.List;

import nlagent.model.InterfaceSnapshot;
import nlagent.model.Ipv4Conf;
import nlagent.model.Ipv6Conf;
import nlagent.model.LinkStats;
import nlagent.model.NetnsId;
import nlagent.model.NetnsSnapshot;
import nlagent.model.RouteEntry;

/** Hand-built snapshots for unit tests of the MIB layer (the integration tests use the kernel). */
public final class TestSnapshots {
    private TestSnapshots() {
    }

    public static final int UP_RUNNING = InterfaceSnapshot.IFF_UP | InterfaceSnapshot.IFF_RUNNING
            | InterfaceSnapshot.IFF_LOWER_UP | 0x2 | 0x1000;

    /** An IPv6 address with only its first and last octets set (fd00::1 is v6(0xfd, 1)). */
    public static byte[] v6(int first, int last) {
        byte[] a = new byte[16];
        a[0] = (byte) first;
        a[15] = (byte) last;
        return a;
    }

    /** A route's next hop of weight 1; {@code gw} null for a connected route. */
    public static RouteEntry.NextHop hop(int ifIndex, byte[] gw) {
        return new RouteEntry.NextHop(ifIndex, gw, 1);
    }

    public static LinkStats stats(long rxPackets, long txPackets, long rxBytes, long txBytes, long multicast) {
        return new LinkStats(rxPackets, txPackets, rxBytes, txBytes, 1, 2, 3, 4, multicast, 0,
                0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public static Ipv6Conf ipv6Ready() {
        return new Ipv6Conf(false, 1000, 30000, 65535, 0x80000000, false, null, null);
    }

    public static InterfaceSnapshot loopback() {
        return new InterfaceSnapshot(1, "lo", 772, UP_RUNNING | InterfaceSnapshot.IFF_LOOPBACK, 65536, new byte[6], 0,
                "", "", stats(10, 10, 1000, 1000, 0), -1, 0,
                new Ipv4Conf(false, 1000, 30000, null), ipv6Ready());
    }

    public static InterfaceSnapshot veth(int ifIndex, String name, long speedMbps, boolean up) {
        return new InterfaceSnapshot(ifIndex, name, 1, up ? UP_RUNNING : 0x1002, 1500,
                new byte[] {0x02, 0x42, (byte) 0xac, 0x11, 0x00, (byte) ifIndex}, up ? 6 : 2, "alias-" + name, "veth",
                stats(100, 50, 10_000, 5_000, 7), speedMbps, 0,
                new Ipv4Conf(true, 1000, 30000, null), up ? ipv6Ready() : new Ipv6Conf(false, 1000, 30000, 65535, 0, false, null, null));
    }

    public static NetnsSnapshot snapshot(String context, long generation, List<InterfaceSnapshot> ifs) {
        return new NetnsSnapshot(context, new NetnsId(42, 4, 4026531840L + generation), 0, generation, ifs,
                false, true, 64, 30, 64, 0, 0, 0);
    }
}
