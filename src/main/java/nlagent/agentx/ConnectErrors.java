package nlagent.agentx;

import java.io.EOFException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Turns what Java throws on connect/read into a message an operator can act on. Each message has a
 * stable {@link Problem#kind} so the subagent logs once per change of kind, not once per attempt.
 */
final class ConnectErrors {
    private ConnectErrors() {
    }

    /**
     * A classified failure: {@code kind} for de-duplication, {@code message} for the log: what
     * happened and who did it; the caller adds what happens next (the retry delay).
     */
    record Problem(String kind, String message) {
    }

    static Problem describe(Throwable t, MasterAddress master, int timeoutMs) {
        // a request failed because its connection closed: the reason is the closing cause
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException || t instanceof AgentxConnection.ClosedException)) {
            t = t.getCause();
        }
        String msg = String.valueOf(t.getMessage());
        String lower = msg.toLowerCase(Locale.ROOT);
        if (t instanceof TimeoutException) {
            return new Problem("timeout", "no answer from the AgentX master at " + master + " within " + timeoutMs
                    + " ms (snmpd hung or overloaded?): closing the connection");
        }
        if (t instanceof AgentxConnection.MasterNotReadingException) {
            return new Problem("not-reading", "the AgentX master at " + master + " " + msg.replace("the master ", "")
                    + " (snmpd hung or overloaded?): closing the connection");
        }
        if (t instanceof EOFException || lower.contains("closed the connection")) {
            return new Problem("eof", "the AgentX master at " + master + " closed the connection (snmpd stopped or restarted?)");
        }
        if (lower.contains("path too long")) {
            return new Problem("path-too-long", "AgentX socket path " + master.unixPath() + " is too long for a Unix socket ("
                    + "at most " + MasterAddress.MAX_UNIX_PATH_BYTES + " bytes): use a shorter agentXSocket path in snmpd.conf and agentx in nlagent.conf");
        }
        if (master.isUnix() && (t instanceof NoSuchFileException || lower.contains("no such file"))) {
            return new Problem("no-socket", "AgentX master socket " + master.unixPath() + " does not exist: is snmpd running with "
                    + "'master agentx' and 'agentXSocket " + master.unixPath() + "'?");
        }
        if (t instanceof AccessDeniedException || lower.contains("permission denied")) {
            return new Problem("permission", "permission denied on AgentX socket " + (master.isUnix() ? master.unixPath() : master)
                    + " (nlagent runs as user " + System.getProperty("user.name") + "): snmpd creates the socket as root with "
                    + "owner-only access; set e.g. 'agentXPerms 0660 0750 root nlagent' in snmpd.conf, put this user in group "
                    + "nlagent, and remove the old socket directory so snmpd re-creates it with those permissions");
        }
        if (t instanceof ConnectException || lower.contains("connection refused")) {
            if (master.isUnix()) {
                return new Problem("refused", "connection refused on AgentX socket " + master.unixPath()
                        + ": the socket file is stale (snmpd is not running; it leaves the file behind when stopped)");
            }
            return new Problem("refused", "connection refused by AgentX master " + master
                    + ": snmpd is not running or not listening there (agentXSocket " + master + ")");
        }
        if (lower.contains("answered ping")) {
            return new Problem("not-open", "the AgentX master at " + master + " " + msg.replace("the master ", ""));
        }
        if (lower.startsWith("unusable agentx stream")) {
            return new Problem("protocol", "closing the AgentX connection to " + master + " on purpose: " + msg);
        }
        if (lower.contains("broken pipe") || lower.contains("connection reset")) {
            return new Problem("eof", "the AgentX master at " + master + " dropped the connection (" + msg + ")");
        }
        return new Problem(t.getClass().getSimpleName(), "AgentX connection to " + master + " failed: " + t);
    }
}
