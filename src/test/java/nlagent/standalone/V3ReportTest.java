package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nlagent.mib.TestSnapshots;
import nlagent.testing.Preconditions;
import nlagent.testing.Processes;

/**
 * SNMPv3 errors reach net-snmp's tools as RFC 3414 Reports (noAuthNoPriv, real counters), so
 * snmpget prints its usual message at once instead of a parse error or a timeout.
 */
class V3ReportTest {
    private static AgentFixture f;

    @BeforeAll
    static void start() throws Exception {
        Preconditions.assumeCommands("snmpget");
        f = new AgentFixture("rocommunity public 127.0.0.1\n"
                + "createUser alice SHA-256 alicepass1 AES alicepriv1\nrouser alice priv\n"
                + "createUser dave SHA DESpass123 DES davepriv12\nrouser dave priv\n");
        f.source.put(TestSnapshots.snapshot("", 1, List.of(TestSnapshots.loopback())));
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** snmpget at authPriv with one retry-free try: a Report answers at once, a timeout means none came. */
    private static Processes.Result get(String user, String auth, String authPass, String priv, String privPass) {
        List<String> cmd = new ArrayList<>(List.of("snmpget", "-m", "", "-On", "-t", "3", "-r", "0", "-v3", "-l", "authPriv",
                "-u", user, "-a", auth, "-A", authPass, "-x", priv, "-X", privPass, f.target(), "1.3.6.1.2.1.1.3.0"));
        return Processes.run(30, cmd);
    }

    private static String out(Processes.Result r) {
        return r.stdout() + r.stderr();
    }

    @Test
    void wrongAuthPasswordIsAnAuthenticationFailure() {
        Processes.Result r = get("alice", "SHA-256", "wrongpass1", "AES", "alicepriv1");
        assertNotEquals(0, r.exitCode());
        assertTrue(out(r).contains("Authentication failure (incorrect password, community or key)"), out(r));
    }

    @Test
    void wrongPrivPasswordIsADecryptionError() {
        for (String[] u : new String[][] {{"alice", "SHA-256", "alicepass1", "AES"}, {"dave", "SHA", "DESpass123", "DES"}}) {
            Processes.Result r = get(u[0], u[1], u[2], u[3], "wrongpriv1");
            assertNotEquals(0, r.exitCode());
            assertTrue(out(r).contains("Decryption error"), u[3] + ": " + out(r));
        }
    }

    @Test
    void unknownUserAtAuthPrivIsReported() {
        Processes.Result r = get("mallory", "SHA-256", "alicepass1", "AES", "alicepriv1");
        assertNotEquals(0, r.exitCode());
        assertTrue(out(r).contains("Unknown user name"), out(r));
    }

    @Test
    void rightPasswordsStillWork() {
        Processes.Result r = get("alice", "SHA-256", "alicepass1", "AES", "alicepriv1");
        assertEquals(0, r.exitCode(), out(r));
        assertTrue(r.stdout().contains("Timeticks"), out(r));
    }
}
