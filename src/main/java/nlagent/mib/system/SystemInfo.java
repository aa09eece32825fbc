package nlagent.mib.system;

import java.util.List;
import java.util.Objects;

import nlagent.mib.Oid;

/**
 * The configured SNMPv2-MIB system group values (sysUpTime comes from the agent's clock).
 *
 * @param descr     sysDescr
 * @param objectId  sysObjectID
 * @param contact   sysContact
 * @param name      sysName
 * @param location  sysLocation
 * @param services  sysServices (72 = application + end-to-end, as net-snmp serves)
 * @param modules   sysORTable rows, in index order (1-based)
 */
public record SystemInfo(String descr, Oid objectId, String contact, String name, String location, int services,
                         List<Module> modules) {

    /** One sysORTable row: the MIB module's identity and a description. */
    public record Module(Oid id, String descr) {
        public Module {
            Objects.requireNonNull(id);
            Objects.requireNonNull(descr);
        }
    }

    public SystemInfo {
        Objects.requireNonNull(descr);
        Objects.requireNonNull(objectId);
        Objects.requireNonNull(contact);
        Objects.requireNonNull(name);
        Objects.requireNonNull(location);
        modules = List.copyOf(modules);
    }
}
