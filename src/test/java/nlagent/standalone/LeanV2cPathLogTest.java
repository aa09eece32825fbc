package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.TransportListener;

import nlagent.log.RateLimitedLog;
import nlagent.mib.GetBulk;
import nlagent.mib.MibProvider;
import nlagent.mib.MibView;
import nlagent.time.ManualScheduler;

/**
 * An unexpected failure on the lean path is logged once per minute and exception class, not once
 * per datagram (a peer can repeat the failing request thousands of times a second), and every such
 * datagram still goes to snmp4j's path.
 */
class LeanV2cPathLogTest {
    private static final UdpAddress PEER = new UdpAddress(InetAddress.getLoopbackAddress(), 40000);
    private final Logger logger = Logger.getLogger(LeanV2cPath.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
    }

    @AfterEach
    void restoreLog() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
    }

    /** A provider whose view fails with {@code failure} on every request. */
    private static MibProvider failing(RuntimeException failure) {
        return new MibProvider() {
            @Override
            public MibView view(String context) {
                throw failure;
            }

            @Override
            public Set<String> contexts() {
                return Set.of("");
            }

            @Override
            public void addContextListener(ContextListener listener) {
            }

            @Override
            public void removeContextListener(ContextListener listener) {
            }
        };
    }

    private static List<String> warnings(List<LogRecord> records) {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.getLevel() == Level.WARNING) {
                out.add(r.getMessage());
            }
        }
        return out;
    }

    @Test
    void failuresAreLoggedOncePerMinuteAndKindAndStillGoToSnmp4j() throws Exception {
        ManualScheduler clock = new ManualScheduler();
        RateLimitedLog log = new RateLimitedLog(logger, clock, null);
        int[] fallbackCalls = {0};
        TransportListener fallback = new TransportListener() {
            @Override
            public <A extends Address> void processMessage(TransportMapping<? super A> t, A a, ByteBuffer m,
                                                           TransportStateReference r) {
                fallbackCalls[0]++;
            }
        };
        AccessControl access = new AccessControl(List.of(
                new StandaloneConfig.Community("public", SourceFilter.parse("127.0.0.1", null), "*")), List.of());
        SnmpCounters counters = new SnmpCounters();
        GetBulk.Limits limits = new GetBulk.Limits(100, 100);
        LeanResponder responder = new LeanResponder(failing(new IllegalStateException("boom")), access, 1400, limits, counters);
        LeanV2cPath path = new LeanV2cPath(fallback, failing(new IllegalStateException("boom")), access, 1400, limits,
                counters, responder, log);
        LeanV2cPath other = new LeanV2cPath(fallback, failing(new UnsupportedOperationException("other")), access, 1400,
                limits, counters, responder, log);
        CapturingTransport transport = new CapturingTransport();
        TransportStateReference state = new TransportStateReference(transport, PEER, null, SecurityLevel.undefined,
                SecurityLevel.undefined, false, null);
        PDU pdu = new PDU();
        pdu.setType(PDU.GETNEXT);
        pdu.setRequestID(new Integer32(7));
        pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2")));
        byte[] msg = Warmup.encode(new OctetString("public"), pdu);

        for (int i = 0; i < 1000; i++) {
            path.processMessage(transport, PEER, ByteBuffer.wrap(msg), state);
        }
        assertEquals(1000, fallbackCalls[0], "every failed datagram goes on to snmp4j's path");
        assertEquals(1, warnings(records).size(), "one line for 1,000 failures: " + warnings(records));
        assertTrue(warnings(records).get(0).contains("boom"), warnings(records).get(0));

        other.processMessage(transport, PEER, ByteBuffer.wrap(msg), state);
        assertEquals(2, warnings(records).size(), "another kind of failure is logged at once");

        clock.advance(61, TimeUnit.SECONDS);
        path.processMessage(transport, PEER, ByteBuffer.wrap(msg), state);
        List<String> w = warnings(records);
        assertEquals(3, w.size(), "a minute later the next one is logged, with the count held back: " + w);
        assertTrue(w.get(2).contains("999 more"), w.get(2));
    }
}
