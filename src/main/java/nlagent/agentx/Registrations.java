package nlagent.agentx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import nlagent.mib.MibProvider;
import nlagent.mib.MibView;
import nlagent.mib.Oid;

/**
 * What one session has registered with the master, per context, kept in line with the provider:
 * per context the registrations planned for its view's subtrees ({@link RegistrationPlan}) and
 * those the master accepted (what Unregister must withdraw). Used by the supervisor thread only.
 */
final class Registrations {
    private static final Logger LOG = Logger.getLogger(AgentxSubagent.class.getName());
    /** Registrations kept in flight at once: pipelined, so thousands of contexts register in about a second. */
    static final int WINDOW = 64;

    private record Entry(List<Oid> planned, List<Oid> accepted) {
    }

    private final AgentxConfig config;
    private final MibProvider provider;
    private final Map<String, Entry> byContext = new LinkedHashMap<>();

    Registrations(AgentxConfig config, MibProvider provider) {
        this.config = config;
        this.provider = provider;
    }

    /** Forgets everything: a new session starts with no registrations. */
    void reset() {
        byContext.clear();
    }

    /** Contexts with registrations. */
    int contexts() {
        return byContext.size();
    }

    /** Registrations the master accepted, over all contexts. */
    int accepted() {
        return byContext.values().stream().mapToInt(e -> e.accepted().size()).sum();
    }

    /** The contexts we serve: the default one always, namespace contexts unless agentxContexts is off. */
    private TreeSet<String> servedContexts() {
        TreeSet<String> out = new TreeSet<>();
        for (String ctx : provider.contexts()) {
            if (ctx.isEmpty() || config.contexts()) {
                out.add(ctx);
            }
        }
        return out;
    }

    /**
     * Brings the master's registrations in line with the provider: registers what a context's view
     * now needs and we have not asked for, withdraws what no view needs any more (a vanished
     * context, a subtree gone). A context without a view yet is tried again on the next sync.
     */
    void sync(AgentxConnection c) throws Exception {
        TreeSet<String> contexts = servedContexts();
        for (String ctx : new ArrayList<>(byContext.keySet())) {
            if (!contexts.contains(ctx)) {
                unregister(c, ctx, byContext.remove(ctx).accepted());
            }
        }
        for (String ctx : contexts) {
            // not a read (provider.view would mark every namespace polled at every resync: refreshed at the polled rate)
            List<Oid> subtrees = provider.subtrees(ctx);
            if (subtrees == null) {
                continue;
            }
            List<Oid> plan = RegistrationPlan.registrations(ctx, subtrees, config.contextLayout());
            Entry old = byContext.get(ctx);
            if (old != null && old.planned().equals(plan)) {
                continue;
            }
            List<Oid> add = new ArrayList<>(plan);
            List<Oid> accepted = new ArrayList<>();
            if (old != null) {
                add.removeAll(old.planned());
                List<Oid> drop = new ArrayList<>(old.accepted());
                drop.removeAll(plan);
                unregister(c, ctx, drop);
                accepted.addAll(old.accepted());
                accepted.removeAll(drop);
            }
            accepted.addAll(register(c, ctx, add));
            byContext.put(ctx, new Entry(plan, List.copyOf(accepted)));
        }
    }

    /** Registers {@code oids} in {@code context}, pipelined; returns those accepted. Refusals are logged, not fatal. */
    private List<Oid> register(AgentxConnection c, String context, List<Oid> oids) throws Exception {
        List<Oid> ok = new ArrayList<>();
        List<CompletableFuture<Payload.Response>> window = new ArrayList<>();
        List<Oid> windowOids = new ArrayList<>();
        for (int i = 0; i <= oids.size(); i++) {
            if (i == oids.size() || window.size() == WINDOW) {
                for (int j = 0; j < window.size(); j++) {
                    Payload.Response r = AgentxConnection.await(window.get(j));
                    Oid oid = windowOids.get(j);
                    if (r.error() == 0) {
                        ok.add(oid);
                    } else {
                        logRegistrationError(context, oid, r.error());
                    }
                }
                window.clear();
                windowOids.clear();
                if (i == oids.size()) {
                    break;
                }
            }
            Oid oid = oids.get(i);
            window.add(c.request(new Pdu(PduType.REGISTER, 0, 0, 0, 0, context,
                    new Payload.Registration((int) Math.min(255, config.timeoutMs() / 1000), config.priority(), 0, oid, 0))));
            windowOids.add(oid);
        }
        return ok;
    }

    private void logRegistrationError(String context, Oid oid, int error) {
        String where = context.isEmpty() ? "" : " in context \"" + context + "\"";
        if (error == Payload.Response.DUPLICATE_REGISTRATION) {
            LOG.warning("the AgentX master refused to register " + oid + " at priority " + config.priority() + where
                    + ": duplicateRegistration (263): something (an snmpd module or another subagent) already serves it "
                    + "at that priority. Disable the snmpd module (snmpd -I -ifTable,ip,...; see config/snmpd/) "
                    + "or set agentxPriority below " + config.priority() + " to override it.");
        } else {
            LOG.warning("the AgentX master refused to register " + oid + " at priority " + config.priority() + where + ": "
                    + Payload.Response.errorName(error) + " (" + error + ")");
        }
    }

    /** Withdraws {@code oids} from {@code context} (same priority as registered, or the master answers 264). */
    private void unregister(AgentxConnection c, String context, List<Oid> oids) throws Exception {
        List<CompletableFuture<Payload.Response>> fs = new ArrayList<>();
        for (Oid oid : oids) {
            fs.add(c.request(new Pdu(PduType.UNREGISTER, 0, 0, 0, 0, context,
                    new Payload.Registration(0, config.priority(), 0, oid, 0))));
        }
        for (int i = 0; i < fs.size(); i++) {
            Payload.Response r = AgentxConnection.await(fs.get(i));
            if (r.error() != 0) {
                LOG.fine("Unregister of " + oids.get(i) + " in \"" + context + "\": " + Payload.Response.errorName(r.error()));
            }
        }
    }
}
