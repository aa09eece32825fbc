package nlagent.mib.system;

import static nlagent.mib.oid.SnmpEngineMibs.*;
import static nlagent.mib.oid.SnmpV2Mib.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import nlagent.mib.MibValue;
import nlagent.mib.MibView;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.VarBind;

/**
 * The standalone agent's own SNMP objects, as net-snmp's snmpd serves them for itself: the
 * SNMPv2-MIB snmp group, SNMP-FRAMEWORK-MIB snmpEngine, SNMP-MPD-MIB snmpMPDStats and
 * SNMP-USER-BASED-SM-MIB usmStats. Every value is read at request time (counters move with every
 * message; snmpEngineTime with the clock); the set of names is fixed.
 */
public final class AgentObjectsView implements MibView {

    /** Where the values come from: the agent's SNMP engine. */
    public interface Engine {
        /** The counter whose object (scalar, without .0) is {@code object}; 0 when it never moved. */
        long counter(Oid object);

        byte[] engineId();

        int engineBoots();

        /** Seconds since snmpEngineBoots last changed (RFC 3411 snmpEngineTime). */
        int engineTimeSeconds();

        int maxMessageSize();
    }

    /** snmpEnableAuthenTraps disabled(2): no authenticationFailure notifications are sent. */
    private static final int AUTHEN_TRAPS_DISABLED = 2;

    private final SortedMibView names;
    private final Map<Oid, Supplier<MibValue>> values = new LinkedHashMap<>();

    public AgentObjectsView(Engine engine) {
        for (Oid counter : List.of(SNMP_IN_PKTS, SNMP_IN_BAD_VERSIONS, SNMP_IN_BAD_COMMUNITY_NAMES,
                SNMP_IN_BAD_COMMUNITY_USES, SNMP_IN_ASN_PARSE_ERRS)) {
            counter(counter, engine);
        }
        values.put(SNMP_ENABLE_AUTHEN_TRAPS.append(0), () -> MibValue.integer(AUTHEN_TRAPS_DISABLED));
        counter(SNMP_SILENT_DROPS, engine);
        counter(SNMP_PROXY_DROPS, engine);
        values.put(SNMP_ENGINE_ID.append(0), () -> MibValue.octets(engine.engineId()));
        values.put(SNMP_ENGINE_BOOTS.append(0), () -> MibValue.integer(engine.engineBoots()));
        values.put(SNMP_ENGINE_TIME.append(0), () -> MibValue.integer(engine.engineTimeSeconds()));
        values.put(SNMP_ENGINE_MAX_MESSAGE_SIZE.append(0), () -> MibValue.integer(engine.maxMessageSize()));
        for (Oid counter : List.of(SNMP_UNKNOWN_SECURITY_MODELS, SNMP_INVALID_MSGS, SNMP_UNKNOWN_PDU_HANDLERS,
                USM_STATS_UNSUPPORTED_SEC_LEVELS, USM_STATS_NOT_IN_TIME_WINDOWS, USM_STATS_UNKNOWN_USER_NAMES,
                USM_STATS_UNKNOWN_ENGINE_IDS, USM_STATS_WRONG_DIGESTS, USM_STATS_DECRYPTION_ERRORS)) {
            counter(counter, engine);
        }
        SortedMibView.Builder b = SortedMibView.builder().subtree(SNMP).subtree(SNMP_ENGINE).subtree(SNMP_MPD_STATS)
                .subtree(USM_STATS);
        for (Oid instance : values.keySet()) {
            b.object(instance.prefix(instance.size() - 1));
            b.add(instance, MibValue.integer(0)); // placeholder: the name is what counts, the value is read live
        }
        this.names = b.build();
    }

    private void counter(Oid object, Engine engine) {
        values.put(object.append(0), () -> MibValue.counter32(engine.counter(object)));
    }

    @Override
    public MibValue get(Oid oid) {
        Supplier<MibValue> v = values.get(oid);
        return v != null ? v.get() : names.get(oid);
    }

    @Override
    public VarBind next(Oid from, boolean include, Oid end) {
        VarBind vb = names.next(from, include, end);
        return vb == null ? null : new VarBind(vb.oid(), values.get(vb.oid()).get());
    }

    @Override
    public List<Oid> subtrees() {
        return names.subtrees();
    }
}
