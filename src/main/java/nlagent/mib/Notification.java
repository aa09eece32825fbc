package nlagent.mib;

import java.util.List;

/**
 * An SNMPv2 notification to send: its snmpTrapOID.0 value and the payload varbinds (without
 * sysUpTime.0 and snmpTrapOID.0, which each frontend adds in the form its protocol requires).
 */
public record Notification(Oid trapOid, List<VarBind> payload) {
    public Notification {
        payload = List.copyOf(payload);
    }
}
