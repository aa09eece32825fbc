package nlagent.agentx;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nlagent.mib.Oid;
import nlagent.testing.Processes;
import nlagent.time.ExecutorScheduler;
import nlagent.time.Ticker;

/**
 * Benchmark, not a test: per-PDU latency of an AgentX GetNext round trip. net-snmp turns every
 * GETBULK repetition into one sequential AgentX GetNext, so this figure times max-repetitions is
 * what a bulk walk waits for.
 * <ol>
 * <li>direct: this process plays the master on a Unix socket and sends GetNexts one at a time
 *     (subagent codec + view lookup + socket round trip);</li>
 * <li>through snmpd: snmpbulkwalk -Cr50 and snmpwalk of a 6,000-varbind table via a private
 *     snmpd master (includes snmpd's own work and the UDP round trips).</li>
 * </ol>
 * Run: {@code mvn -q test-compile && java -cp target/classes:target/test-classes:$(cat cp.txt) nlagent.agentx.AgentxGetNextBench}
 */
public final class AgentxGetNextBench {
    private AgentxGetNextBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Path dir = Files.createTempDirectory("axbench");
        try (ExecutorScheduler scheduler = new ExecutorScheduler("bench", 1)) {
            direct(dir, rounds, scheduler);
            echoFloor(dir, rounds, false);
            echoFloor(dir, rounds, true);
            if (args.length > 2 && args[2].equals("direct")) {
                return;
            }
            throughSnmpd(dir.resolve("snmpd"), scheduler);
            registerContexts(dir.resolve("snmpd-ctx"), scheduler, args.length > 1 ? Integer.parseInt(args[1]) : 2_000);
        } finally {
            Processes.run(30, "rm", "-rf", dir.toString());
        }
    }

    private static void direct(Path dir, int rounds, ExecutorScheduler scheduler) throws Exception {
        Path sock = dir.resolve("master");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            AgentxConfig c = new AgentxConfig();
            c.setMaster("unix:" + sock);
            c.setPingIntervalMs(0);
            AgentxSubagent sub = AgentxSubagent.start(c, new TestMibProvider(TestViews.view(1)), Ticker.system(), scheduler);
            try (SocketChannel ch = server.accept()) {
                Channel m = new Channel(ch);
                // admin phase: answer Open, Register(s), AddAgentCaps
                while (true) {
                    Pdu p = m.read();
                    m.write(Pdu.responseTo(p, new Payload.Response(0, 0, 0, List.of())));
                    if (p.type() == PduType.ADD_AGENT_CAPS) {
                        break;
                    }
                }
                Oid start = TestViews.BIG_TABLE.append(2);
                long[] nanos = new long[rounds];
                long cpu0 = 0;
                long alloc0 = 0;
                for (int i = -5_000; i < rounds; i++) { // first 5,000: JIT warm-up
                    if (i == 0) {
                        cpu0 = subagentThreadCpuNanos();
                        alloc0 = subagentThreadAllocatedBytes();
                    }
                    Oid from = start.append(1 + Math.floorMod(i, TestViews.BIG_ROWS));
                    Pdu req = new Pdu(PduType.GET_NEXT, 0, 1, i, i, null,
                            new Payload.Ranges(List.of(new SearchRange(from, false, null))));
                    long t0 = System.nanoTime();
                    m.write(req);
                    Pdu resp = m.read();
                    while (resp.type() != PduType.RESPONSE) { // late admin PDUs (the 2nd and 3rd AddAgentCaps)
                        m.write(Pdu.responseTo(resp, new Payload.Response(0, 0, 0, List.of())));
                        resp = m.read();
                    }
                    long dt = System.nanoTime() - t0;
                    if (resp.packetId() != i) {
                        throw new IllegalStateException("packetID mismatch");
                    }
                    if (i >= 0) {
                        nanos[i] = dt;
                    }
                }
                long cpu = subagentThreadCpuNanos() - cpu0;
                long alloc = subagentThreadAllocatedBytes() - alloc0;
                System.out.printf("direct GetNext: subagent I/O thread CPU %.2f us per GetNext (decode, view lookup, encode, syscalls), %d bytes allocated per GetNext%n",
                        cpu / 1e3 / rounds, alloc / rounds);
                Arrays.sort(nanos);
                System.out.printf("direct GetNext round trip over a Unix socket, %d PDUs: p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us%n",
                        rounds, nanos[rounds / 2] / 1e3, nanos[rounds * 9 / 10] / 1e3, nanos[rounds * 99 / 100] / 1e3,
                        nanos[rounds - 1] / 1e3);
            } finally {
                sub.close();
            }
        }
    }

    /**
     * The kernel's share: CPU per round trip of a thread that only echoes 40 bytes on a Unix socket,
     * blocking or through a selector as the subagent's I/O thread does.
     */
    private static void echoFloor(Path dir, int rounds, boolean selector) throws Exception {
        Path sock = dir.resolve(selector ? "echo-sel" : "echo");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(sock)); SocketChannel echo = server.accept()) {
                Thread t = new Thread(() -> {
                    try (java.nio.channels.Selector sel = java.nio.channels.Selector.open()) {
                        ByteBuffer b = ByteBuffer.allocateDirect(4096);
                        if (selector) {
                            echo.configureBlocking(false);
                            echo.register(sel, java.nio.channels.SelectionKey.OP_READ);
                        }
                        while (true) {
                            if (selector) {
                                sel.select();
                                sel.selectedKeys().clear();
                            }
                            if (echo.read(b.clear()) < 0) {
                                return;
                            }
                            b.flip();
                            while (b.hasRemaining()) {
                                echo.write(b);
                            }
                        }
                    } catch (java.io.IOException e) {
                        // closed
                    }
                }, "echo");
                t.setDaemon(true);
                t.start();
                ByteBuffer q = ByteBuffer.allocateDirect(40);
                ByteBuffer r = ByteBuffer.allocateDirect(40);
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long c0 = 0;
                for (int i = -5_000; i < rounds; i++) {
                    if (i == 0) {
                        c0 = mx.getThreadCpuTime(t.getId());
                    }
                    client.write(q.clear());
                    r.clear();
                    while (r.hasRemaining()) {
                        client.read(r);
                    }
                }
                System.out.printf("floor: an echo thread (%s) spends %.2f us of CPU per round trip%n",
                        selector ? "selector" : "blocking read", (mx.getThreadCpuTime(t.getId()) - c0) / 1e3 / rounds);
            }
        }
    }

    /** CPU time of the subagent's thread that reads, answers and writes (agentx-io; agentx-reader before it). */
    static long subagentThreadCpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(subagentThread().getId());
    }

    /** Bytes the subagent's I/O thread has allocated on the heap so far. */
    static long subagentThreadAllocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(subagentThread().getId());
    }

    private static Thread subagentThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("agentx-io") || t.getName().equals("agentx-reader")) {
                return t;
            }
        }
        throw new IllegalStateException("no AgentX I/O thread");
    }

    private static void throughSnmpd(Path dir, ExecutorScheduler scheduler) throws Exception {
        if (nlagent.testing.Preconditions.which("snmpd") == null) {
            System.out.println("through snmpd: skipped (no snmpd)");
            return;
        }
        try (SnmpdMaster m = new SnmpdMaster(dir, false, "", List.of("-I", SnmpdMaster.DISABLED_MODULES))) {
            m.start();
            AgentxConfig c = new AgentxConfig();
            c.setMaster("unix:" + m.socket);
            AgentxSubagent sub = AgentxSubagent.start(c, new TestMibProvider(TestViews.view(1)), Ticker.system(), scheduler);
            try {
                if (!sub.awaitActive(5_000)) {
                    throw new IllegalStateException("no session");
                }
                String table = "." + TestViews.BIG_TABLE;
                m.v2c("snmpbulkwalk", "-Cr50", table); // warm-up
                for (String tool : new String[] {"snmpbulkwalk", "snmpwalk"}) {
                    List<String> opts = new ArrayList<>(List.of("-v2c", "-c", "public"));
                    if (tool.equals("snmpbulkwalk")) {
                        opts.add("-Cr50");
                    }
                    long t0 = System.nanoTime();
                    Processes.Result r = m.client(tool, opts, table);
                    long dt = System.nanoTime() - t0;
                    long n = r.stdout().lines().count();
                    System.out.printf("through snmpd: %s%s of %d varbinds: %.0f ms, %.1f us per varbind (= per AgentX GetNext)%n",
                            tool, tool.equals("snmpbulkwalk") ? " -Cr50" : "", n, dt / 1e6, dt / 1e3 / n);
                }
            } finally {
                sub.close();
            }
        }
    }

    /**
     * Start-up cost of registering many namespace contexts: {@code contexts} contexts of 18
     * subtrees each (about what IF-MIB + IP-MIB + IPV6-MIB + system give per namespace).
     */
    private static void registerContexts(Path dir, ExecutorScheduler scheduler, int contexts) throws Exception {
        if (nlagent.testing.Preconditions.which("snmpd") == null) {
            return;
        }
        nlagent.mib.SortedMibView.Builder b = nlagent.mib.SortedMibView.builder();
        for (int i = 1; i <= 18; i++) {
            b.subtree(TestViews.PEN.append(i)).add(TestViews.PEN.append(i, 0), nlagent.mib.MibValue.integer(i));
        }
        nlagent.mib.SortedMibView view = b.build();
        TestMibProvider p = new TestMibProvider(view);
        for (int i = 0; i < contexts; i++) {
            p.put("ns" + i, view);
        }
        try (SnmpdMaster m = new SnmpdMaster(dir, false, "", List.of("-I", SnmpdMaster.DISABLED_MODULES))) {
            m.start();
            AgentxConfig c = new AgentxConfig();
            c.setMaster("unix:" + m.socket);
            c.setTimeoutMs(60_000);
            c.setContexts(true);
            long t0 = System.nanoTime();
            AgentxSubagent sub = AgentxSubagent.start(c, p, Ticker.system(), scheduler);
            try {
                if (!sub.awaitActive(600_000)) {
                    throw new IllegalStateException("no session");
                }
                long dt = System.nanoTime() - t0;
                System.out.printf("registration: %d contexts x 18 subtrees = %d Register PDUs in %.1f s (%.0f us each)%n",
                        contexts + 1, (contexts + 1) * 18, dt / 1e9, dt / 1e3 / ((contexts + 1) * 18));
                String oid = "." + TestViews.PEN + ".18.0";
                long g0 = System.nanoTime();
                Processes.Result r = m.v2c("snmpget", oid);
                System.out.printf("  then snmpget in the default context: %.1f ms (%s)%n", (System.nanoTime() - g0) / 1e6, r.stdout().trim());
            } finally {
                sub.close();
            }
        }
    }

    /** Blocking PDU I/O for the bench's master side. */
    private static final class Channel {
        private final SocketChannel ch;
        private final ByteBuffer header = ByteBuffer.allocate(AgentxHeader.SIZE);

        Channel(SocketChannel ch) {
            this.ch = ch;
        }

        void write(Pdu p) throws Exception {
            ByteBuffer b = AgentxCodec.encode(p);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        Pdu read() throws Exception {
            header.clear();
            readFully(header);
            header.flip();
            AgentxHeader h = AgentxHeader.decode(header.duplicate());
            ByteBuffer payload = ByteBuffer.allocate((int) h.payloadLength());
            readFully(payload);
            return AgentxCodec.decode(h, payload.flip());
        }

        private void readFully(ByteBuffer b) throws Exception {
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    throw new java.io.EOFException();
                }
            }
        }
    }
}
