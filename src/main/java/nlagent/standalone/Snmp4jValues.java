package nlagent.standalone;

import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;

/** Converts the library-neutral MIB values to snmp4j's wire types (the only place that knows both). */
final class Snmp4jValues {
    private Snmp4jValues() {
    }

    static OID toOid(Oid o) {
        return new OID(o.toArray());
    }

    static Oid fromOid(OID o) {
        return Oid.of(o.getValue());
    }

    static Variable toVariable(MibValue v) {
        switch (v.type()) {
            case INTEGER32:
                return new Integer32((int) v.number());
            case OCTET_STRING:
                return new OctetString(v.bytes());
            case OBJECT_IDENTIFIER:
                return toOid(v.oidValue());
            case IP_ADDRESS:
                return new IpAddress(v.bytes());
            case COUNTER32:
                return new Counter32(v.number());
            case GAUGE32:
                return new Gauge32(v.number());
            case TIME_TICKS:
                return new TimeTicks(v.number());
            case COUNTER64:
                return new Counter64(v.number());
            case NO_SUCH_OBJECT:
                return Null.noSuchObject;
            case NO_SUCH_INSTANCE:
                return Null.noSuchInstance;
            case END_OF_MIB_VIEW:
                return Null.endOfMibView;
            default:
                throw new IllegalArgumentException("unknown value type " + v.type());
        }
    }
}
