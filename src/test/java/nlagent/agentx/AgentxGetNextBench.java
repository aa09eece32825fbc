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
import nlagent.mib.TestMibProvider;
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
 * Run: {@code mvn -q test-compile && java -cp target/classes:target/test-classes:$(cat cp.txt) nlagent.agentx.AgentxGetNextBench
 * [ROUNDS [CONTEXTS [direct|hot|ffi]]]}: {@code direct} stops after the Unix-socket part; {@code hot} times
 * only nlagent's own work, in a loop without sockets; {@code ffi} times jnr-ffi's calls.
 */
public final class AgentxGetNextBench {
    private AgentxGetNextBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        if (args.length > 2 && args[2].equals("hot")) {
            hotLoop(rounds);
            return;
        }
        if (args.length > 2 && args[2].equals("ffi")) {
            ffiCost(rounds);
            return;
        }
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

    /**
     * GetNexts one at a time to the subagent, in 20 chunks, each followed by as many round trips to a
     * thread that only echoes through {@link AgentxSocket} (what the subagent pays the kernel and
     * jnr-ffi): both see the same load of the shared machine, so their difference is nlagent's own
     * work even while the machine's load, and with it the kernel's cost, changes between runs.
     */
    private static void direct(Path dir, int rounds, ExecutorScheduler scheduler) throws Exception {
        Path sock = dir.resolve("master");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             PlainFdEcho echo = new PlainFdEcho(dir.resolve("echo-fd"))) {
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
                for (int i = -5_000; i < 0; i++) { // JIT warm-up
                    getNext(m, i);
                }
                echo.roundTrips(5_000);
                long[] nanos = new long[rounds];
                long cpu = 0;
                long alloc = 0;
                long echoCpu = 0;
                int chunk = Math.max(1, rounds / 20);
                for (int done = 0; done < rounds; done += chunk) {
                    int n = Math.min(chunk, rounds - done);
                    long cpu0 = subagentThreadCpuNanos();
                    long alloc0 = subagentThreadAllocatedBytes();
                    for (int i = done; i < done + n; i++) {
                        nanos[i] = getNext(m, i);
                    }
                    cpu += subagentThreadCpuNanos() - cpu0;
                    alloc += subagentThreadAllocatedBytes() - alloc0;
                    echoCpu += echo.roundTrips(n);
                }
                System.out.printf("direct GetNext: subagent I/O thread CPU %.2f us per GetNext (decode, view lookup, encode, syscalls), %d bytes allocated per GetNext%n",
                        cpu / 1e3 / rounds, alloc / rounds);
                System.out.printf("floor: an echo thread (plain fd, as the subagent; interleaved) spends %.2f us of CPU per round trip; nlagent's own part %.2f us%n",
                        echoCpu / 1e3 / rounds, (cpu - echoCpu) / 1e3 / rounds);
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
     * nlagent's own work without sockets, on warm caches: the same walk's GetNexts answered from one
     * buffer into another, by the fast path and by the general one (frame, decode, handle, encode).
     */
    private static void hotLoop(int rounds) throws Exception {
        RequestHandler handler = new RequestHandler(new TestMibProvider(TestViews.view(1)));
        GetNextFastPath fast = new GetNextFastPath(handler);
        ByteBuffer[] requests = new ByteBuffer[TestViews.BIG_ROWS];
        for (int i = 0; i < requests.length; i++) {
            ByteBuffer e = AgentxCodec.encode(new Pdu(PduType.GET_NEXT, 0, 1, i, i, null, new Payload.Ranges(
                    List.of(new SearchRange(TestViews.BIG_TABLE.append(2, 1 + i), false, null)))));
            requests[i] = ByteBuffer.allocateDirect(e.remaining()).put(e).flip();
        }
        ByteBuffer out = ByteBuffer.allocateDirect(AgentxCodec.NET_SNMP_MAX_PDU_BYTES);
        FrameDecoder frames = new FrameDecoder();
        java.util.function.Consumer<FrameDecoder.Frame> general = f -> {
            try {
                out.clear();
                AgentxCodec.encode(handler.handle(AgentxCodec.decode(f.header(), f.payload())), java.nio.ByteOrder.BIG_ENDIAN, out);
            } catch (AgentxParseException e) {
                throw new IllegalStateException(e);
            }
        };
        for (int round = 0; round < 5; round++) { // the first rounds warm the JIT up
            long t0 = System.nanoTime();
            for (int k = 0; k < rounds; k++) {
                if (!fast.answer(requests[k % requests.length].clear(), out)) {
                    throw new IllegalStateException("not taken by the fast path");
                }
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < rounds; k++) {
                frames.feed(requests[k % requests.length].clear(), general);
            }
            long t2 = System.nanoTime();
            System.out.printf("hot loop, no sockets: %.0f ns per GetNext by the fast path, %.0f ns by the general path%n",
                    (t1 - t0) / (double) rounds, (t2 - t1) / (double) rounds);
        }
    }

    /** libc calls through jnr-ffi, with errno saved after each call (as AgentxSocket) and without. */
    @jnr.ffi.annotations.SaveError
    public interface SavingErrno {
        long labs(long v);

        long recv(int fd, long buf, long len, int flags);
    }

    /** As {@link SavingErrno}, errno not saved. */
    @jnr.ffi.annotations.IgnoreError
    public interface IgnoringErrno {
        long labs(long v);

        long recv(int fd, long buf, long len, int flags);
    }

    /**
     * jnr-ffi's cost per call: labs(3) (no syscall) and recv(2) on fd -1 (a syscall that fails at
     * once: its entry and exit), with and without errno saved.
     */
    private static void ffiCost(int rounds) {
        SavingErrno save = jnr.ffi.LibraryLoader.create(SavingErrno.class).load("c");
        IgnoringErrno ignore = jnr.ffi.LibraryLoader.create(IgnoringErrno.class).load("c");
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                sink += save.labs(-i);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                sink += ignore.labs(-i);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < rounds / 10; i++) {
                sink += save.recv(-1, 0, 0, 0);
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < rounds / 10; i++) {
                sink += ignore.recv(-1, 0, 0, 0);
            }
            long t4 = System.nanoTime();
            System.out.printf("jnr-ffi per call: labs %.1f ns (errno saved) / %.1f ns (ignored); recv(-1) %.0f / %.0f ns%s%n",
                    (t1 - t0) / (double) rounds, (t2 - t1) / (double) rounds, (t3 - t2) * 10.0 / rounds,
                    (t4 - t3) * 10.0 / rounds, sink == 42 ? " " : "");
        }
    }

    /** One GetNext of the big table's column 2 (a walk: each asks from the previous answer); returns its round trip in ns. */
    private static long getNext(Channel m, int i) throws Exception {
        return getNext(m, i, PduType.RESPONSE);
    }

    /** As above, waiting for a PDU of type {@code answer} (GetNext itself from an echo). */
    private static long getNext(Channel m, int i, PduType answer) throws Exception {
        Oid from = TestViews.BIG_TABLE.append(2, 1 + Math.floorMod(i, TestViews.BIG_ROWS));
        Pdu req = new Pdu(PduType.GET_NEXT, 0, 1, i, i, null,
                new Payload.Ranges(List.of(new SearchRange(from, false, null))));
        long t0 = System.nanoTime();
        m.write(req);
        Pdu resp = m.read();
        while (resp.type() != answer) { // late admin PDUs (the 2nd and 3rd AddAgentCaps)
            m.write(Pdu.responseTo(resp, new Payload.Response(0, 0, 0, List.of())));
            resp = m.read();
        }
        long dt = System.nanoTime() - t0;
        if (resp.packetId() != i) {
            throw new IllegalStateException("packetID mismatch");
        }
        return dt;
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

    /**
     * The kernel's share as the subagent pays it: a thread that echoes through {@link AgentxSocket}
     * (blocking recv, send with MSG_DONTWAIT, through jnr-ffi) and does nothing else.
     */
    private static final class PlainFdEcho implements AutoCloseable {
        private final ServerSocketChannel server;
        private final AgentxSocket echo;
        private final SocketChannel client;
        private final Thread thread;
        private final Channel master;

        PlainFdEcho(Path sock) throws Exception {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(sock));
            echo = AgentxSocket.connect(MasterAddress.parse("unix:" + sock), 1_000);
            client = server.accept();
            master = new Channel(client);
            thread = new Thread(() -> {
                ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
                try {
                    while (true) {
                        echo.read(b.clear());
                        b.flip();
                        while (b.hasRemaining()) {
                            echo.write(b);
                        }
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            }, "echo-fd");
            thread.setDaemon(true);
            thread.start();
        }

        /**
         * {@code n} round trips of the GetNext PDUs the subagent gets, through the same master code
         * ({@link #getNext}: the echo comes back as the request PDU), so that the master's work
         * between two requests, which leaves the echo thread's caches as cold as the subagent's, is
         * the same; returns the echo thread's CPU for them in ns.
         */
        long roundTrips(int n) throws Exception {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getThreadCpuTime(thread.getId());
            for (int i = 0; i < n; i++) {
                getNext(master, i, PduType.GET_NEXT);
            }
            return mx.getThreadCpuTime(thread.getId()) - c0;
        }

        @Override
        public void close() throws Exception {
            echo.shutdown();
            thread.join(5_000);
            echo.release();
            client.close();
            server.close();
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
