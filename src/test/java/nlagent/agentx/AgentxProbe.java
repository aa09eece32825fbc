package nlagent.agentx;

import nlagent.mib.TestMibProvider;
import nlagent.time.ExecutorScheduler;
import nlagent.time.Ticker;

/**
 * Runs the subagent (over the synthetic test view) for a few seconds in its own JVM, so a test can
 * start it as another user. Prints "ACTIVE" when a session opened; the log goes to stderr.
 * Args: master address, seconds.
 */
public final class AgentxProbe {
    private AgentxProbe() {
    }

    public static void main(String[] args) throws Exception {
        AgentxConfig c = new AgentxConfig();
        c.setMaster(args[0]);
        c.setRetryMs(200, 400);
        try (ExecutorScheduler s = new ExecutorScheduler("probe", 1)) {
            AgentxSubagent sub = AgentxSubagent.start(c, new TestMibProvider(TestViews.view(5)), Ticker.system(), s);
            boolean active = sub.awaitActive(Long.parseLong(args[1]) * 1000);
            System.out.println(active ? "ACTIVE" : "NOT ACTIVE");
            sub.close();
        }
    }
}
