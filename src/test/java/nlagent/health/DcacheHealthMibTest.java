package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nlagent.mib.Oid;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/** mibs/DCACHE-HEALTH-MIB.txt is clean SMIv2 and agrees with the OIDs the agent serves. */
class DcacheHealthMibTest {
    private static final Path MIB = Path.of("mibs/DCACHE-HEALTH-MIB.txt").toAbsolutePath();

    @Test
    void smilintLevel4IsClean() {
        Preconditions.assumeCommands("smilint");
        Path base = BaseMibs.dir();
        Processes.Result r = Processes.run(60, List.of("env", "SMIPATH=" + base + ":/usr/share/snmp/mibs",
                "smilint", "-l", "4", "-s", MIB.toString()));
        assertEquals("", (r.stdout() + r.stderr()).strip(), "smilint -l 4 output");
        assertEquals(0, r.exitCode());
    }

    @Test
    void loadsInSnmptranslate() {
        Preconditions.assumeCommands("snmptranslate");
        Processes.Result r = translate("-On", "DCACHE-HEALTH-MIB::dcacheChainRising");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("." + HealthOids.CHAIN_RISING, r.stdout().strip());
        assertFalse(r.stderr().contains("DCACHE-HEALTH-MIB"), r.stderr());
    }

    /** Every OID constant the agent serves or sends is defined in the MIB file, with the same number. */
    @Test
    void everyOidConstantIsInTheMib() throws Exception {
        Preconditions.assumeCommands("snmptranslate");
        Processes.Result r = translate("-Tz");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<Oid, String> mib = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\"");
            if (f.length >= 4 && f[1].startsWith("dcache")) {
                mib.put(Oid.parse(f[3]), f[1]);
            }
        }
        assertTrue(mib.size() > 60, "MIB objects parsed: " + mib.size());
        int checked = 0;
        for (Field f : HealthOids.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Oid.class) {
                f.setAccessible(true);
                Oid oid = (Oid) f.get(null);
                assertTrue(mib.containsKey(oid), "HealthOids." + f.getName() + " = " + oid + " is not in the MIB");
                checked++;
            }
        }
        assertTrue(checked > 60);
        assertEquals("dcacheHealthMIB", mib.get(HealthOids.ROOT));
        assertEquals("dcacheProbeExcess", mib.get(HealthOids.PROBE_EXCESS));
        assertEquals("dcacheDentriesNegative", mib.get(HealthOids.DENTRIES_NEGATIVE));
        assertEquals("dcacheNegativeFalling", mib.get(HealthOids.NEGATIVE_FALLING));
    }

    static Processes.Result translate(String... args) {
        Path base = BaseMibs.dir();
        List<String> cmd = new java.util.ArrayList<>(List.of("snmptranslate", "-M",
                "+" + base + ":" + MIB.getParent(), "-m", "+DCACHE-HEALTH-MIB"));
        cmd.addAll(List.of(args));
        return Processes.run(60, cmd);
    }
}
