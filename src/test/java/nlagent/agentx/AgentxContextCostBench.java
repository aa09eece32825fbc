package nlagent.agentx;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nlagent.mib.SortedMibView;
import nlagent.mib.TestMibProvider;
import nlagent.mib.VarBind;
import nlagent.testing.Processes;
import nlagent.time.ExecutorScheduler;
import nlagent.time.Ticker;

/**
 * Benchmark, not a test: what snmpd's CPU per AgentX GetNext depends on when nlagent registers many
 * contexts, and what nlagent's side costs. Fake contexts (no namespaces): each serves the same view
 * of 18 subtrees, like a namespace's IF-MIB/IP-MIB/IPV6-MIB/system. For each number of contexts and
 * registration layout (one registration per subtree, or one covering registration per context), a
 * fresh snmpd (the documented -I list) and subagent; then {@code snmpbulkwalk -Cr50} of a
 * 6,000-varbind table in the default context, in the first registered context and in the last one
 * (v2c communities mapped to them with com2sec -Cn). net-snmp turns each repetition into one
 * AgentX GetNext, so CPU per varbind = CPU per GetNext.
 * <p>
 * Measured: snmpd CPU (utime+stime of its /proc/PID/stat, 10 ms ticks) and the CPU of nlagent's
 * AgentX I/O thread (ThreadMXBean), per varbind, median of {@code repeats} walks.
 * <p>
 * With a fourth argument {@code churn}, every namespace context is unregistered again before the
 * default context is walked: what snmpd keeps of contexts that are gone. With {@code off}, the
 * provider serves the contexts but the subagent runs with the default {@code agentxContexts no}
 * (only the default context registered). Otherwise {@code agentxContexts yes}.
 * <p>
 * Run: {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt && java -cp
 * target/classes:target/test-classes:$(cat target/cp.txt) nlagent.agentx.AgentxContextCostBench 0,1000,2000 3
 * [PER_SUBTREE,COVERING [churn|off]]}
 */
public final class AgentxContextCostBench {
    private static final String FIRST = "ns00000"; // sorts first among "nsNNNNN": registered first
    private static final String LAST = "nsA";       // sorts after the digits: registered last

    private AgentxContextCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] ks = Arrays.stream((args.length > 0 ? args[0] : "0,1000,2000").split(",")).mapToInt(Integer::parseInt).toArray();
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<RegistrationPlan.Layout> layouts = args.length > 2
                ? Arrays.stream(args[2].split(",")).map(RegistrationPlan.Layout::valueOf).toList()
                : List.of(RegistrationPlan.Layout.PER_SUBTREE, RegistrationPlan.Layout.COVERING);
        boolean churn = args.length > 3 && args[3].equals("churn");
        boolean off = args.length > 3 && args[3].equals("off");
        Path dir = Files.createTempDirectory("axctx");
        System.out.println("contexts | layout | registrations | register s | walk | varbinds | snmpd us/GetNext | nlagent io-thread us/GetNext");
        try (ExecutorScheduler scheduler = new ExecutorScheduler("bench", 1)) {
            int run = 0;
            for (int k : ks) {
                for (RegistrationPlan.Layout layout : layouts) {
                    measure(dir.resolve("r" + run++), scheduler, k, layout, repeats, churn, off);
                }
            }
        } finally {
            Processes.run(30, "rm", "-rf", dir.toString());
        }
    }

    /** 18 subtrees under the test PEN holding the TestViews bindings (scalars, a 2,000-row and a 100-row table). */
    static SortedMibView eighteenSubtrees() {
        SortedMibView.Builder b = SortedMibView.builder();
        for (int i = 1; i <= 16; i++) {
            b.subtree(TestViews.PEN.append(i));
        }
        b.subtree(TestViews.PEN.append(20)).subtree(TestViews.PEN.append(21));
        for (VarBind vb : TestViews.bindings(1)) {
            b.add(vb.oid(), vb.value());
        }
        return b.build();
    }

    private static void measure(Path dir, ExecutorScheduler scheduler, int contexts, RegistrationPlan.Layout layout,
                                int repeats, boolean churn, boolean off) throws Exception {
        SortedMibView view = eighteenSubtrees();
        TestMibProvider p = new TestMibProvider(view);
        if (contexts > 0) {
            p.put(FIRST, view);
            p.put(LAST, view);
        }
        for (int i = 1; i < contexts - 1; i++) {
            p.put(String.format("ns%05d", i), view);
        }
        String conf = "com2sec -Cn " + FIRST + " firstsec 127.0.0.1 firstcomm\n"
                + "group firstgroup v2c firstsec\n"
                + "access firstgroup " + FIRST + " any noauth exact all none none\n";
        try (SnmpdMaster m = new SnmpdMaster(dir, false, conf, List.of("-I", SnmpdMaster.DISABLED_MODULES))) {
            m.start();
            AgentxConfig c = new AgentxConfig();
            c.setMaster("unix:" + m.socket);
            c.setTimeoutMs(60_000);
            c.setContextLayout(layout);
            c.setContexts(!off);
            long t0 = System.nanoTime();
            AgentxSubagent sub = AgentxSubagent.start(c, p, Ticker.system(), scheduler);
            try {
                if (!sub.awaitActive(600_000)) {
                    throw new IllegalStateException("no session");
                }
                double registerS = (System.nanoTime() - t0) / 1e9;
                int registrations = 0;
                for (String ctx : p.contexts()) {
                    if (ctx.isEmpty() || !off) {
                        registrations += RegistrationPlan.registrations(ctx, view.subtrees(), layout).size();
                    }
                }
                if (churn) {
                    // every namespace goes away (pods deleted): the subagent unregisters them all
                    for (String ctx : p.contexts()) {
                        if (!ctx.isEmpty()) {
                            p.remove(ctx);
                        }
                    }
                    Thread.sleep(5_000);
                    registrations = RegistrationPlan.registrations("", view.subtrees(), layout).size();
                }
                long io = ioThreadId();
                String table = "." + TestViews.BIG_TABLE;
                for (String[] walk : new String[][] {{"default", "public"}, {"first", "firstcomm"}, {"last", "nsacomm"}}) {
                    if ((contexts == 0 || churn || off) && !walk[0].equals("default")) {
                        continue;
                    }
                    List<String> opts = List.of("-v2c", "-c", walk[1], "-Cr50");
                    m.client("snmpbulkwalk", opts, table); // warm-up
                    double[] snmpdUs = new double[repeats];
                    double[] ioUs = new double[repeats];
                    long n = 0;
                    for (int r = 0; r < repeats; r++) {
                        long s0 = cpuTicks(m.pid());
                        long i0 = threads().getThreadCpuTime(io);
                        Processes.Result res = m.client("snmpbulkwalk", opts, table);
                        long i1 = threads().getThreadCpuTime(io);
                        long s1 = cpuTicks(m.pid());
                        n = res.stdout().lines().count();
                        snmpdUs[r] = (s1 - s0) * 10_000.0 / n; // 100 ticks per second
                        ioUs[r] = (i1 - i0) / 1e3 / n;
                    }
                    Arrays.sort(snmpdUs);
                    Arrays.sort(ioUs);
                    System.out.printf("%s | %s | %d | %.1f | %s | %d | %.1f | %.1f%n",
                            churn ? contexts + " registered, then all unregistered"
                                    : off ? contexts + " served, agentxContexts no" : String.valueOf(contexts), layout,
                            registrations, registerS, walk[0], n, snmpdUs[repeats / 2], ioUs[repeats / 2]);
                }
            } finally {
                sub.close();
            }
        }
    }

    private static ThreadMXBean threads() {
        return ManagementFactory.getThreadMXBean();
    }

    private static long ioThreadId() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("agentx-io")) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no agentx-io thread");
    }

    /** utime + stime of {@code pid}, in clock ticks. */
    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
