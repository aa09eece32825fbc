package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nlagent.mib.MibValue;
import nlagent.mib.Notification;
import nlagent.mib.TestMibProvider;
import nlagent.mib.VarBind;
import nlagent.testing.LogCapture;
import nlagent.time.ExecutorScheduler;
import nlagent.time.ManualScheduler;
import nlagent.time.Ticker;

/** Pings, timeouts, reconnects and their log lines, against a scripted master. */
class AgentxLivenessTest {
    @TempDir
    Path tmp;

    private final Logger log = Logger.getLogger(AgentxSubagent.class.getName());
    private LogCapture capture;
    /** The subagent's WARNING lines so far (a live view). */
    private List<LogRecord> warnings;
    private AgentxSubagent subagent;
    private FakeMaster master;

    @BeforeEach
    void captureLog() {
        capture = LogCapture.attach(Level.WARNING, AgentxSubagent.class);
        warnings = capture.records();
    }

    @AfterEach
    void stop() throws IOException {
        capture.close();
        if (subagent != null) {
            subagent.close();
        }
        if (master != null) {
            master.close();
        }
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); // shared CI machine: be patient, the condition decides
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private AgentxConfig config(Path socket) {
        AgentxConfig c = new AgentxConfig();
        c.setMaster("unix:" + socket);
        return c;
    }

    @Test
    void missedPingClosesAndReconnectsAfterBackoff() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        ManualScheduler time = new ManualScheduler();
        subagent = AgentxSubagent.start(config(master.socket), new TestMibProvider(TestViews.view(1)), time, time);
        assertTrue(subagent.awaitActive(5_000));
        time.advance(15, TimeUnit.SECONDS);
        await("first ping", () -> master.pings.get() == 1);
        // the answer is processed on the subagent's reader thread, which cancels the ping's 5 s timeout:
        // only the pinger may be left, or advancing the clock would fire that timeout first
        await("first ping answered", () -> time.pendingTasks() == 1);
        assertEquals(1, master.opens.get());

        master.pingMode = FakeMaster.PingMode.SILENT;
        time.advance(15, TimeUnit.SECONDS);
        await("second ping", () -> master.pings.get() == 2);
        time.advance(4_900, TimeUnit.MILLISECONDS);
        assertEquals(AgentxSubagent.State.ACTIVE, subagent.state(), "still alive before the ping timeout");
        time.advance(100, TimeUnit.MILLISECONDS); // 5 s ping timeout
        await("session dropped", () -> subagent.state() == AgentxSubagent.State.CONNECTING);
        assertEquals(1, master.opens.get(), "no reconnect before the back-off");
        await("back-off scheduled", () -> time.pendingTasks() > 0);
        time.advance(1, TimeUnit.SECONDS);
        await("reconnected", () -> subagent.state() == AgentxSubagent.State.ACTIVE);
        assertEquals(2, master.opens.get());
        // re-registered everything on the new session
        long registers = master.received.stream().filter(p -> p.type() == PduType.REGISTER).count();
        assertEquals(2, registers);
        assertTrue(warnings.stream().anyMatch(r -> r.getMessage().contains("no answer from the AgentX master")
                && r.getMessage().endsWith("reconnecting in 1 s")), warnings.toString());
    }

    @Test
    void subtreesThatChangeAreResyncedOnTheNextPingTick() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        ManualScheduler time = new ManualScheduler();
        TestMibProvider p = new TestMibProvider(TestViews.view(1));
        p.put("nsA", TestViews.view(1));
        AgentxConfig c = config(master.socket);
        c.setContexts(true); // namespace contexts through the master: opt-in
        subagent = AgentxSubagent.start(c, p, time, time);
        assertTrue(subagent.awaitActive(5_000));
        assertEquals(List.of("", "nsA"), master.received.stream().filter(x -> x.type() == PduType.REGISTER)
                .map(x -> x.context() == null ? "" : x.context()).toList());
        // the default view now answers a second subtree and no longer the old one
        nlagent.mib.Oid other = nlagent.mib.Oid.parse("1.3.6.1.4.1.99998");
        p.put("", nlagent.mib.SortedMibView.builder().subtree(other).add(other.append(1, 0), MibValue.integer(1)).build());
        int before = master.received.size();
        time.advance(15, TimeUnit.SECONDS);
        await("re-sync", () -> master.received.stream().skip(before).anyMatch(x -> x.type() == PduType.UNREGISTER)
                && master.received.stream().skip(before).anyMatch(x -> x.type() == PduType.REGISTER));
        List<Pdu> sync = master.received.subList(before, master.received.size());
        assertTrue(sync.stream().anyMatch(x -> x.type() == PduType.REGISTER && x.context() == null
                && ((Payload.Registration) x.payload()).subtree().equals(other)), sync.toString());
        assertTrue(sync.stream().anyMatch(x -> x.type() == PduType.UNREGISTER && x.context() == null
                && ((Payload.Registration) x.payload()).subtree().equals(TestViews.PEN)), sync.toString());
        // a namespace that vanishes is withdrawn at once (context event, no tick needed)
        p.remove("nsA");
        await("nsA withdrawn", () -> master.received.stream().anyMatch(x -> x.type() == PduType.UNREGISTER && "nsA".equals(x.context())));
        assertEquals(1, master.opens.get());
    }

    @Test
    void pingAnsweredNotOpenReconnects() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        ManualScheduler time = new ManualScheduler();
        subagent = AgentxSubagent.start(config(master.socket), new TestMibProvider(TestViews.view(1)), time, time);
        assertTrue(subagent.awaitActive(5_000));
        master.pingMode = FakeMaster.PingMode.NOT_OPEN;
        time.advance(15, TimeUnit.SECONDS);
        await("session dropped", () -> subagent.state() == AgentxSubagent.State.CONNECTING);
        master.pingMode = FakeMaster.PingMode.ANSWER;
        await("back-off scheduled", () -> time.pendingTasks() > 0);
        time.advance(1, TimeUnit.SECONDS);
        await("reconnected", () -> master.opens.get() == 2 && subagent.state() == AgentxSubagent.State.ACTIVE);
    }

    @Test
    void garbageFromMasterClosesOnPurposeAndReconnects() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        byte[] garbage = new byte[20];
        ByteBuffer.wrap(garbage).put((byte) 1).put((byte) 5).put((byte) 0x10).put((byte) 0).putInt(1).putInt(1).putInt(1)
                .putInt(0x7FFF_FFFF); // a Get claiming 2 GiB of payload
        master.garbageAfterCaps = garbage;
        try (ExecutorScheduler s = new ExecutorScheduler("t", 1)) {
            AgentxConfig c = config(master.socket);
            c.setRetryMs(50, 100);
            subagent = AgentxSubagent.start(c, new TestMibProvider(TestViews.view(1)), Ticker.system(), s);
            await("three sessions", () -> master.opens.get() >= 3);
            master.garbageAfterCaps = null;
            // garbage closed at least two sessions on purpose and the subagent reconnected each time; the
            // first session that gets no garbage (the third, if the master had not sent it yet, or a later one)
            // becomes active and stays so
            await("stable session", () -> subagent.state() == AgentxSubagent.State.ACTIVE);
            int opens = master.opens.get();
            Thread.sleep(300); // several back-off periods (50-100 ms): no further reconnect
            assertEquals(AgentxSubagent.State.ACTIVE, subagent.state());
            assertEquals(opens, master.opens.get(), "a clean session is kept");
            assertTrue(warnings.stream().anyMatch(r -> r.getMessage().contains("exceeds the cap")), warnings.toString());
            subagent.close();
        }
    }

    @Test
    void malformedRequestGetsParseErrorAndSessionStays() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        try (ExecutorScheduler s = new ExecutorScheduler("t", 1)) {
            subagent = AgentxSubagent.start(config(master.socket), new TestMibProvider(TestViews.view(1)), Ticker.system(), s);
            assertTrue(subagent.awaitActive(5_000));
            // a GetNext whose payload is 4 bytes of nonsense (an OID claiming 100 sub-identifiers)
            byte[] bad = new byte[24];
            ByteBuffer.wrap(bad).put((byte) 1).put((byte) 6).put((byte) 0x10).put((byte) 0).putInt(100).putInt(7).putInt(77)
                    .putInt(4).put((byte) 100);
            int before = master.received.size();
            master.sendToAll(new Pdu(PduType.GET, 0, 100, 7, 78, null, new Payload.Ranges(List.of(
                    new SearchRange(TestViews.PEN.append(1, 0), false, null)))));
            sendRaw(bad);
            await("two responses", () -> master.received.size() >= before + 2);
            List<Pdu> responses = master.received.subList(before, master.received.size());
            Payload.Response ok = (Payload.Response) responses.stream().filter(p -> p.packetId() == 78).findFirst().orElseThrow().payload();
            assertEquals(MibValue.integer(1), ok.varBinds().get(0).value());
            Payload.Response err = (Payload.Response) responses.stream().filter(p -> p.packetId() == 77).findFirst().orElseThrow().payload();
            assertEquals(Payload.Response.PARSE_ERROR, err.error());
            assertEquals(AgentxSubagent.State.ACTIVE, subagent.state());
            assertEquals(1, master.opens.get());

            // Notify: sysUpTime.0, snmpTrapOID.0, then the payload
            subagent.send(new Notification(TestViews.PEN.append(0, 1), List.of(new VarBind(TestViews.PEN.append(1, 0), MibValue.integer(3)))));
            await("notify", () -> master.received.stream().anyMatch(p -> p.type() == PduType.NOTIFY));
            Pdu notify = master.received.stream().filter(p -> p.type() == PduType.NOTIFY).findFirst().orElseThrow();
            List<AxVarBind> vbs = ((Payload.VarBinds) notify.payload()).varBinds();
            assertEquals(nlagent.mib.oid.SnmpV2Mib.SYS_UP_TIME_0, vbs.get(0).name());
            assertEquals(AxVarBind.TIME_TICKS, vbs.get(0).type());
            assertTrue(vbs.get(0).value().number() >= 4200, "master's uptime adopted: " + vbs.get(0));
            assertEquals(nlagent.mib.oid.SnmpV2Mib.SNMP_TRAP_OID_0, vbs.get(1).name());
            assertEquals(MibValue.oid(TestViews.PEN.append(0, 1)), vbs.get(1).value());
            assertEquals(TestViews.PEN.append(1, 0), vbs.get(2).name());
            assertEquals(100, notify.sessionId());
        }
    }

    /**
     * Floods the subagent with {@code count} Gets of the 60 KB scalar from a thread of its own (its
     * writes may block once the subagent stops reading), so that the answers pile up unread.
     */
    private Thread flood(int count) {
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    master.sendToAll(new Pdu(PduType.GET, 0, 100, 9, 1000 + i, null, new Payload.Ranges(List.of(
                            new SearchRange(TestViews.PEN.append(12, 0), false, null)))));
                }
            } catch (IOException e) {
                // the subagent closed the connection: expected
            }
        }, "flood");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private long warningsContaining(String text) {
        return warnings.stream().filter(r -> r.getMessage().contains(text)).count();
    }

    @Test
    void masterThatStopsReadingIsDetectedWithoutFreezingTheTimer() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        try (ExecutorScheduler s = new ExecutorScheduler("timer", 1)) { // one timer thread: ping, timeouts and the job below
            AgentxConfig c = config(master.socket);
            c.setPingIntervalMs(200);
            c.setTimeoutMs(1_000);
            c.setRetryMs(100, 200);
            subagent = AgentxSubagent.start(c, new TestMibProvider(TestViews.view(1)), Ticker.system(), s);
            assertTrue(subagent.awaitActive(5_000));
            java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
            s.scheduleWithFixedDelay(ticks::incrementAndGet, 20, 20, TimeUnit.MILLISECONDS);

            master.reading = false;
            long ticksAtStall = ticks.get();
            flood(8); // 8 x 60 KB answers: more than the socket holds, less than the unsent cap
            await("session dropped", () -> subagent.state() != AgentxSubagent.State.ACTIVE);
            assertEquals(1, master.opens.get(), "not reconnected yet: the master still does not read");
            // the timer thread was never stuck in a write: the other job kept running during the stall (>= 1 s of 20 ms ticks)
            assertTrue(ticks.get() - ticksAtStall >= 10, "timer job ran during the stall: " + (ticks.get() - ticksAtStall));
            // one line for the detection (the unread socket, or the Ping it kept from being answered); later
            // lines may only be about the reconnect attempts that the still hung master does not answer
            String first = warnings.get(0).getMessage();
            assertTrue(first.contains("stopped reading") || first.contains("no answer from the AgentX master"), first);
            assertTrue(first.contains("reconnecting in"), first);
            assertTrue(warningsContaining("stopped reading") <= 1, warnings.stream().map(LogRecord::getMessage).toList().toString());

            master.reading = true;
            long ticksAtResume = ticks.get();
            await("reconnected once the master reads again", () -> master.opens.get() >= 2
                    && subagent.state() == AgentxSubagent.State.ACTIVE);
            await("timer job still running", () -> ticks.get() > ticksAtResume + 5);
        }
    }

    @Test
    void unreadSocketIsClosedExactlyAfterTheTimeout() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        ManualScheduler time = new ManualScheduler();
        AgentxConfig c = config(master.socket);
        c.setPingIntervalMs(0); // only the unread socket can close the session here
        subagent = AgentxSubagent.start(c, new TestMibProvider(TestViews.view(1)), time, time);
        assertTrue(subagent.awaitActive(5_000));
        await("admin timeouts cancelled", () -> time.pendingTasks() == 0);
        master.reading = false;
        long answered = subagent.requests();
        Thread flood = flood(8);
        await("stall check armed: answers wait unsent", () -> time.pendingTasks() == 1);
        // the queue is complete and the master reads no more: from here on no byte can go out
        flood.join(5_000);
        await("all answered, the master's reader stopped", () -> subagent.requests() == answered + 8 && master.parked);
        Thread.sleep(100); // the last answer's send, after the handler counted it
        // one retry of the queue fills whatever room the master's last read left: the last progress is
        // now at 0 or 10 ms of the manual clock
        time.advance(AgentxConnection.FLUSH_RETRY_MS, TimeUnit.MILLISECONDS);
        time.advance(4_990 - AgentxConnection.FLUSH_RETRY_MS, TimeUnit.MILLISECONDS);
        assertEquals(AgentxSubagent.State.ACTIVE, subagent.state(), "still up before agentxTimeoutMs");
        time.advance(20, TimeUnit.MILLISECONDS); // agentxTimeoutMs (5 s) without a byte taken
        await("session dropped", () -> subagent.state() == AgentxSubagent.State.CONNECTING);
        assertEquals(1, warningsContaining("stopped reading"), warnings.toString());
        assertTrue(warnings.get(0).getMessage().contains("none taken for 5000 ms"), warnings.get(0).getMessage());
        master.reading = true;
        await("back-off scheduled", () -> time.pendingTasks() > 0);
        time.advance(1, TimeUnit.SECONDS);
        await("reconnected", () -> master.opens.get() == 2 && subagent.state() == AgentxSubagent.State.ACTIVE);
    }

    @Test
    void unsentAnswersBeyondTheCapCloseAtOnce() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        try (ExecutorScheduler s = new ExecutorScheduler("timer", 1)) {
            AgentxConfig c = config(master.socket);
            c.setPingIntervalMs(0);
            c.setTimeoutMs(600_000); // no timeout can fire during the test: only the cap can close
            c.setRetryMs(100, 200);
            subagent = AgentxSubagent.start(c, new TestMibProvider(TestViews.view(1)), Ticker.system(), s);
            assertTrue(subagent.awaitActive(5_000));
            master.reading = false;
            flood(40); // 2.4 MB of answers
            await("session dropped", () -> subagent.state() != AgentxSubagent.State.ACTIVE);
            assertEquals(1, warningsContaining("stopped reading"), warnings.toString());
            assertTrue(warnings.get(0).getMessage().contains("cap " + AgentxConnection.MAX_UNSENT_BYTES), warnings.get(0).getMessage());
            master.reading = true;
            await("reconnected", () -> master.opens.get() >= 2 && subagent.state() == AgentxSubagent.State.ACTIVE);
        }
    }

    @Test
    void aThousandMalformedPdusGiveOneWarning() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        try (ExecutorScheduler s = new ExecutorScheduler("t", 1)) {
            subagent = AgentxSubagent.start(config(master.socket), new TestMibProvider(TestViews.view(1)), Ticker.system(), s);
            assertTrue(subagent.awaitActive(5_000));
            ByteBuffer bad = ByteBuffer.allocate(24 * 1000);
            for (int i = 0; i < 1000; i++) { // valid header, GetNext payload that is an OID claiming 100 sub-identifiers
                bad.put((byte) 1).put((byte) 6).put((byte) 0x10).put((byte) 0).putInt(100).putInt(7).putInt(5000 + i)
                        .putInt(4).put((byte) 100).put((byte) 0).put((byte) 0).put((byte) 0);
            }
            sendRaw(bad.array());
            await("1,000 parseError answers", () -> master.received.stream().filter(p -> p.type() == PduType.RESPONSE
                    && ((Payload.Response) p.payload()).error() == Payload.Response.PARSE_ERROR).count() == 1000);
            assertEquals(1, warningsContaining("malformed AgentX PDU"), warnings.toString());
            assertEquals(1000, subagent.requests(), "answered with parseError: counted as requests (metrics)");
            assertEquals(0, subagent.dropped());
            assertEquals(AgentxSubagent.State.ACTIVE, subagent.state());
        }
    }

    @Test
    void unknownTypesAreDroppedAndCorruptResponsesNotAnswered() throws Exception {
        master = new FakeMaster(tmp.resolve("m"));
        try (ExecutorScheduler s = new ExecutorScheduler("t", 1)) {
            subagent = AgentxSubagent.start(config(master.socket), new TestMibProvider(TestViews.view(1)), Ticker.system(), s);
            assertTrue(subagent.awaitActive(5_000));
            int before = master.received.size();
            ByteBuffer b = ByteBuffer.allocate(3 * 24);
            // type 99 (unknown), a Response whose varbind is cut, a CleanupSet with 4 stray bytes: no answer to any
            for (int type : new int[] {99, 18, 11}) {
                b.put((byte) 1).put((byte) type).put((byte) 0x10).put((byte) 0).putInt(100).putInt(7).putInt(700 + type)
                        .putInt(4).putInt(0x0001_0000);
            }
            sendRaw(b.array());
            master.sendToAll(new Pdu(PduType.GET, 0, 100, 7, 78, null, new Payload.Ranges(List.of(
                    new SearchRange(TestViews.PEN.append(1, 0), false, null)))));
            await("the Get answered", () -> master.received.stream().anyMatch(p -> p.packetId() == 78));
            assertEquals(List.of(78), master.received.subList(before, master.received.size()).stream()
                    .map(Pdu::packetId).toList(), "only the Get was answered");
            assertEquals(3, subagent.dropped(), "the three unanswered PDUs are counted as dropped (metrics)");
            assertEquals(AgentxSubagent.State.ACTIVE, subagent.state());
            assertEquals(1, master.opens.get());
        }
    }

    private void sendRaw(byte[] bytes) throws Exception {
        master.sendRawToAll(bytes);
    }

    @Test
    void absentMasterIsLoggedOncePerProblem() throws Exception {
        Path sock = tmp.resolve("absent");
        try (ExecutorScheduler s = new ExecutorScheduler("t", 1)) {
            AgentxConfig c = config(sock);
            c.setRetryMs(20, 40);
            subagent = AgentxSubagent.start(c, new TestMibProvider(TestViews.view(1)), Ticker.system(), s);
            await("ten attempts", () -> subagent.connectAttempts() >= 10); // it does retry, at 20-40 ms
            assertEquals(1, warnings.size(), warnings.stream().map(LogRecord::getMessage).toList().toString());
            assertTrue(warnings.get(0).getMessage().contains("does not exist"), warnings.get(0).getMessage());
            // a stale socket file: bound once, no listener any more
            try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                stale.bind(UnixDomainSocketAddress.of(sock));
            }
            await("refused logged", () -> warnings.size() == 2);
            long attempts = subagent.connectAttempts();
            await("ten more attempts", () -> subagent.connectAttempts() >= attempts + 10);
            assertEquals(2, warnings.size());
            assertTrue(warnings.get(1).getMessage().contains("stale"), warnings.get(1).getMessage());
            assertEquals(AgentxSubagent.State.CONNECTING, subagent.state());
            subagent.close();
            assertEquals(AgentxSubagent.State.CLOSED, subagent.state());
        }
    }

    @Test
    void requestAfterCloseFailsWithWhyItClosed() throws Exception {
        Path sock = tmp.resolve("pair");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             ExecutorScheduler s = new ExecutorScheduler("t", 1)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            AgentxSocket ch = AgentxSocket.connect(MasterAddress.parse("unix:" + sock), 1_000);
            try (java.nio.channels.SocketChannel peer = server.accept()) {
                AgentxConnection c = new AgentxConnection(ch, new RequestHandler(new TestMibProvider(TestViews.view(1))), s, 1_000,
                        new nlagent.log.RateLimitedLog(log, Ticker.system(), null), cause -> { }, r -> { });
                c.start();
                c.close(new java.io.EOFException("the master closed the connection"));
                java.util.concurrent.CompletableFuture<Payload.Response> f = c.request(
                        new Pdu(PduType.PING, 0, 0, 0, 0, null, Payload.Empty.INSTANCE));
                java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                        java.util.concurrent.ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
                String m = ConnectErrors.describe(e, MasterAddress.parse("unix:" + sock), 1_000).message();
                assertTrue(m.contains("closed the connection (snmpd stopped or restarted?)"), m);
            }
        }
    }

    @Test
    void errorMessagesNameTheFix() {
        MasterAddress m = MasterAddress.parse("unix:/var/agentx/master");
        String perm = ConnectErrors.describe(new java.net.BindException("Permission denied"), m, 5000).message();
        assertTrue(perm.contains("/var/agentx/master") && perm.contains("agentXPerms") && perm.contains("group"), perm);
        String tooLong = ConnectErrors.describe(new java.net.SocketException("Unix domain path too long"), m, 5000).message();
        assertTrue(tooLong.contains("too long") && tooLong.contains("107"), tooLong);
        String tcp = ConnectErrors.describe(new java.net.ConnectException("Connection refused"), MasterAddress.parse("tcp:127.0.0.1:705"), 5000).message();
        assertTrue(tcp.contains("tcp:127.0.0.1:705"), tcp);
        Path longPath = Path.of("/tmp/" + "x".repeat(120));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> AgentxSocket.connect(MasterAddress.parse("unix:" + longPath), 1000));
        assertTrue(ConnectErrors.describe(e, MasterAddress.parse("unix:" + longPath), 1).kind().equals("path-too-long"));
        // a request on a connection that closed meanwhile names why it closed, not "connection closed"
        Throwable late = new java.util.concurrent.CompletionException(new AgentxConnection.ClosedException(
                new java.io.EOFException("the master closed the connection")));
        String eof = ConnectErrors.describe(late, m, 5000).message();
        assertTrue(eof.contains("master at unix:/var/agentx/master closed the connection") && eof.contains("snmpd stopped or restarted"), eof);
        String stalled = ConnectErrors.describe(new AgentxConnection.MasterNotReadingException(70_000, 1_000, 5000), m, 5000).message();
        assertTrue(stalled.contains("stopped reading") && stalled.contains("70000 bytes unsent") && stalled.contains("5000 ms"), stalled);
        assertEquals(List.of(), List.of(eof, stalled).stream().filter(x -> x.contains("IOException")).toList(), "no exception class names");
        assertEquals("tcp:[::1]:705", MasterAddress.parse("tcp:[::1]").toString());
        assertEquals("tcp:localhost:7050", MasterAddress.parse("tcp:localhost:7050").toString());
        assertEquals("unix:/x/y", MasterAddress.parse("/x/y").toString());
    }
}
