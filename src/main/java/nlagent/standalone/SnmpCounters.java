package nlagent.standalone;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.snmp4j.MessageDispatcher;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.event.CounterListener;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Counter32;

import nlagent.mib.Oid;
import nlagent.mib.oid.SnmpV2Mib;

/**
 * The standalone agent's protocol counters (SNMPv2-MIB snmp group, USM and MPD statistics), keyed by
 * instance OID. snmp4j's dispatcher, MPv3 and USM report their increments here, and the responder
 * adds the community checks it makes itself. Also fills in the current value of each event, so that
 * a Report carries the real counter (snmp4j leaves it at 0 when nobody counts).
 */
final class SnmpCounters implements CounterListener {
    private static final Oid SNMP_IN_ASN_PARSE_ERRS_0 = SnmpV2Mib.SNMP_IN_ASN_PARSE_ERRS.append(0);
    private final ConcurrentHashMap<Oid, AtomicLong> counts = new ConcurrentHashMap<>();
    private final CounterSupport support = new CounterSupport();

    SnmpCounters() {
        support.addCounterListener(this);
    }

    /** For snmp4j's MPv3 and USM (instead of the JVM-wide CounterSupport.getInstance()). */
    CounterSupport support() {
        return support;
    }

    @Override
    public void incrementCounter(CounterEvent event) {
        Oid instance = Snmp4jValues.fromOid(event.getOid());
        if (event.getSource() instanceof MessageDispatcher && event.getOid().equals(SnmpConstants.snmpInvalidMsgs)) {
            // snmp4j's dispatcher counts a message it cannot decode as snmpInvalidMsgs; RFC 3412 7.2 step 2 (and snmpd)
            // count it as snmpInASNParseErrs, and keep snmpInvalidMsgs for well-formed messages with invalid header fields
            instance = SNMP_IN_ASN_PARSE_ERRS_0;
        }
        long v = counter(instance).addAndGet(Math.max(1, event.getIncrement()));
        event.setCurrentValue(new Counter32(v & 0xFFFF_FFFFL));
    }

    /** Adds one to {@code instance}; returns the new value. */
    long increment(Oid instance) {
        return counter(instance).incrementAndGet();
    }

    /** The value of {@code instance} now (0 when it never moved). */
    long get(Oid instance) {
        AtomicLong c = counts.get(instance);
        return c == null ? 0 : c.get();
    }

    private AtomicLong counter(Oid instance) {
        return counts.computeIfAbsent(instance, k -> new AtomicLong());
    }
}
