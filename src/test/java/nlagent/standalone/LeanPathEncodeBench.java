package nlagent.standalone;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

import nlagent.mib.GetBulk;
import nlagent.mib.MibProvider;
import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.TestMibProvider;

/**
 * The standalone lean path's own CPU per varbind, kernel and sockets left out: a {@code snmpbulkwalk
 * -Cr25} of an ifTable and ifXTable of ROWS interfaces (22 + 19 columns with the value types the
 * agent serves), as pre-encoded GETBULK datagrams answered by {@link LeanV2cPath#answer} in-process
 * into a direct buffer as the listen thread's, ITERATIONS times; prints the thread's CPU per walk and
 * per varbind, and the answer bytes (equal before and after a change of the encoder, as a check).
 * bench/README.md, "Encoding from the view's arrays".
 *
 * <pre>
 * CP=target/classes:target/test-classes:$(cat target/cp.txt)
 * taskset -c 1 java -XX:+UseSerialGC -XX:MaxInlineLevel=6 -cp $CP nlagent.standalone.LeanPathEncodeBench 1000 60
 * </pre>
 */
public final class LeanPathEncodeBench {
    private LeanPathEncodeBench() {
    }

    public static void main(String[] a) throws Exception {
        int rows = a.length > 0 ? Integer.parseInt(a[0]) : 1000;
        int iters = a.length > 1 ? Integer.parseInt(a[1]) : 60;
        SortedMibView.Builder b = SortedMibView.builder();
        Oid ifEntry = Oid.parse("1.3.6.1.2.1.2.2.1");
        Oid ifXEntry = Oid.parse("1.3.6.1.2.1.31.1.1.1");
        b.subtree(Oid.parse("1.3.6.1.2.1.2")).subtree(Oid.parse("1.3.6.1.2.1.31"));
        for (int c = 1; c <= 22; c++) {
            b.object(ifEntry.append(c));
            for (int r = 1; r <= rows; r++) {
                MibValue v = switch (c) {
                    case 2 -> MibValue.string("veth" + r + "abcdef");
                    case 6 -> MibValue.octets(new byte[] {2, 0, 0, (byte) r, (byte) (r >> 8), 1});
                    case 10, 11, 16, 17 -> MibValue.counter32(r * 123457L & 0xFFFFFFFFL);
                    case 5 -> MibValue.gauge32(0xFFFF_FFFFL); // ifSpeed of a 10 Gbit/s veth
                    case 9 -> MibValue.timeTicks(0);
                    case 22 -> MibValue.oid(Oid.parse("0.0"));
                    default -> MibValue.integer(r % 7);
                };
                b.add(ifEntry.append(c, r), v);
            }
        }
        for (int c = 1; c <= 19; c++) {
            b.object(ifXEntry.append(c));
            for (int r = 1; r <= rows; r++) {
                MibValue v = switch (c) {
                    case 1, 18 -> MibValue.string("veth" + r + "abcdef");
                    case 6, 7, 8, 9, 10, 11, 12, 13 -> MibValue.counter64(r * 987654321L);
                    case 15 -> MibValue.gauge32(10000);
                    default -> MibValue.counter32(r);
                };
                b.add(ifXEntry.append(c, r), v);
            }
        }
        SortedMibView view = b.build();
        List<byte[]> reqs = new ArrayList<>();
        int id = 1;
        for (int i = 0; i < view.size(); i += 25) {
            Oid from = i == 0 ? Oid.parse("1.3.6.1.2.1.2") : view.nameAt(i - 1);
            PDU p = new PDU();
            p.setType(PDU.GETBULK);
            p.setRequestID(new Integer32(id++));
            p.setNonRepeaters(0);
            p.setMaxRepetitions(25);
            p.add(new VariableBinding(new OID(from.toString())));
            reqs.add(Warmup.encode(new OctetString("public"), p));
        }
        MibProvider provider = new TestMibProvider(view);
        AccessControl access = new AccessControl(List.of(new StandaloneConfig.Community("public",
                SourceFilter.parse("127.0.0.1", null), "*")), List.of());
        SnmpCounters counters = new SnmpCounters();
        GetBulk.Limits limits = new GetBulk.Limits(100, 100);
        LeanResponder responder = new LeanResponder(provider, access, 65507, limits, counters);
        LeanV2cPath lean = new LeanV2cPath(null, provider, access, 65507, limits, counters, responder);
        InetAddress lo = InetAddress.getLoopbackAddress();
        java.lang.management.ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(UdpChannelTransport.MAX_DATAGRAM_BYTES);
        long sink = 0;
        for (int it = 0; it < iters; it++) {
            long c0 = tmx.getCurrentThreadCpuTime();
            long bytes = 0;
            for (byte[] r : reqs) {
                // as the listen thread: decoded here, answered into its direct buffer
                if (!lean.answer(r, 0, r.length, lo, 65535, "bench", out)) {
                    throw new IllegalStateException("the lean path left a request of the walk unanswered");
                }
                bytes += out.remaining();
            }
            long c1 = tmx.getCurrentThreadCpuTime();
            sink += bytes;
            if (it % 10 == 9 || it == 0) {
                System.out.printf("iteration %d: %d requests, %d varbinds, %.2f ms CPU (%.0f ns per varbind), %d answer bytes%n",
                        it, reqs.size(), view.size(), (c1 - c0) / 1e6, (double) (c1 - c0) / view.size(), bytes);
            }
        }
        System.out.println("answer bytes in all: " + sink);
    }
}
