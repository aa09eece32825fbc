package nlagent.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master's PID through SO_PEERCRED, which the I/O thread's placement starts from. */
class AgentxSocketTest {
    @TempDir
    Path tmp;

    @Test
    void peerPidOfAUnixSocketIsTheListeningProcess() throws Exception {
        Path path = tmp.resolve("master");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            AgentxSocket s = AgentxSocket.connect(MasterAddress.parse("unix:" + path), 1_000);
            try (SocketChannel accepted = server.accept()) {
                assertEquals(ProcessHandle.current().pid(), s.peerPid(), "the master here is this JVM");
            } finally {
                s.shutdown();
                s.release();
            }
        }
    }

    @Test
    void noPeerPidOverTcp() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AgentxSocket s = AgentxSocket.connect(MasterAddress.parse("tcp:127.0.0.1:" + server.getLocalPort()), 1_000);
            try (java.net.Socket accepted = server.accept()) {
                assertEquals(0, s.peerPid(), "SO_PEERCRED names a process only over a Unix socket");
            } finally {
                s.shutdown();
                s.release();
            }
        }
    }
}
