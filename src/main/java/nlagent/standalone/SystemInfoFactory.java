package nlagent.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import nlagent.mib.Oid;
import nlagent.mib.oid.IfMib;
import nlagent.mib.oid.IpMib;
import nlagent.mib.oid.IpRoutingMib;
import nlagent.mib.oid.Ipv6Mib;
import nlagent.mib.oid.SnmpV2Mib;
import nlagent.mib.system.SystemInfo;

/**
 * The system group values of the standalone agent: configured ones, else what net-snmp would show
 * (sysDescr = the uname line, sysName = host name, sysObjectID = net-snmp's Linux OID). Read once
 * at start.
 */
public final class SystemInfoFactory {
    private SystemInfoFactory() {
    }

    /** sysORTable rows for the MIBs this agent implements, in order; callers may append their own. */
    public static List<SystemInfo.Module> coreModules() {
        return List.of(
                new SystemInfo.Module(IfMib.MODULE, "The MIB module to describe generic objects for network interface sub-layers"),
                new SystemInfo.Module(IpMib.MODULE, "The MIB module for managing IP and ICMP implementations (interface parts)"),
                new SystemInfo.Module(Ipv6Mib.MODULE, "The MIB module for entities implementing the IPv6 protocol (interface parts)"),
                new SystemInfo.Module(IpRoutingMib.FORWARD_MODULE, "The MIB module for the management of CIDR multipath IP Routes."),
                new SystemInfo.Module(SnmpV2Mib.MODULE, "The MIB module for SNMPv2 entities"));
    }

    public static SystemInfo create(StandaloneConfig c, List<SystemInfo.Module> extraModules) {
        List<SystemInfo.Module> modules = new ArrayList<>(coreModules());
        modules.addAll(extraModules);
        String descr = c.sysDescr() != null ? c.sysDescr() : uname();
        String name = c.sysName() != null ? c.sysName() : procSys("kernel/hostname", "localhost");
        Oid objectId = c.sysObjectId() != null ? Oid.parse(c.sysObjectId()) : SnmpV2Mib.NET_SNMP_LINUX;
        return new SystemInfo(descr, objectId, c.sysContact(), name, c.sysLocation(), 72, modules);
    }

    /** "Linux HOST RELEASE VERSION MACHINE", as uname -a prints it and net-snmp serves it. */
    static String uname() {
        String arch = System.getProperty("os.arch", "");
        String machine = arch.equals("amd64") ? "x86_64" : arch;
        return String.join(" ", procSys("kernel/ostype", "Linux"), procSys("kernel/hostname", "localhost"),
                procSys("kernel/osrelease", System.getProperty("os.version", "")), procSys("kernel/version", ""), machine).trim();
    }

    private static String procSys(String key, String dflt) {
        try {
            return Files.readString(Path.of("/proc/sys", key), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return dflt;
        }
    }
}
