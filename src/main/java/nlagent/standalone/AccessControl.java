package nlagent.standalone;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import nlagent.standalone.StandaloneConfig.Community;
import nlagent.standalone.StandaloneConfig.ReadUser;

/**
 * Who may read which context. v1/v2c: a community, accepted only from its configured sources,
 * selects one context (or, configured with context {@code *}, {@code community@CONTEXT} selects
 * any). SNMPv3: a {@code rouser} at or above its minimum security level reads the context named in
 * the scoped PDU. What can be read is fixed: the served subtrees plus the system group (read-only).
 */
final class AccessControl {
    /** The outcome of an access check. */
    sealed interface Decision permits Read, Drop, Unauthorized {
    }

    /** Allowed to read {@code context}. */
    record Read(String context) implements Decision {
    }

    /** Not a known principal here: discard silently (as for a wrong community, RFC 3584). */
    record Drop(String reason) implements Decision {
    }

    /** Known but not allowed (security level too low, not a read user): authorizationError. */
    record Unauthorized(String reason) implements Decision {
    }

    /**
     * A community rule as a request is checked against it: the name's octets (null when the name has a
     * character ISO-8859-1 cannot carry: no request's octets read as it), and for a fixed context the
     * decision itself. So a fixed context's check allocates no string and no decision per request (garbage on
     * the listen thread in every request of a poll makes young collections, and promotion, come sooner; the
     * source filter's copy of the client address remains). Not a cache of decisions: the branch for an empty
     * cache (the served instance's first request) was one the warm-up's profile never recorded, and its uncommon
     * trap threw the request path's C2 code away in the first poll (LogCompilation: unstable_if in the access
     * check, LeanV2cPath.answer made not entrant), with C2 frozen for good.
     */
    private record Rule(byte[] name, SourceFilter source, boolean anyContext, Read fixed) {
        static Rule of(Community c) {
            boolean latin1 = c.name().chars().allMatch(ch -> ch <= 0xFF);
            return new Rule(latin1 ? c.name().getBytes(StandardCharsets.ISO_8859_1) : null, c.source(),
                    c.context().equals("*"), new Read(c.context()));
        }
    }

    private static final Read DEFAULT_CONTEXT = new Read("");

    private final List<Rule> communities;
    private final List<ReadUser> readUsers;

    AccessControl(List<Community> communities, List<ReadUser> readUsers) {
        this.communities = communities.stream().map(Rule::of).toList();
        this.readUsers = List.copyOf(readUsers);
    }

    /** v1/v2c: {@code community} as received from {@code client}. */
    Decision community(byte[] community, InetAddress client) {
        for (Rule rule : communities) {
            if (rule.name() == null || !rule.source().matches(client)) {
                continue;
            }
            byte[] name = rule.name();
            if (rule.anyContext()) {
                if (Arrays.equals(community, name)) {
                    return DEFAULT_CONTEXT;
                }
                if (community.length > name.length && community[name.length] == '@'
                        && Arrays.equals(community, 0, name.length, name, 0, name.length)) {
                    return new Read(new String(community, name.length + 1, community.length - name.length - 1,
                            StandardCharsets.ISO_8859_1));
                }
            } else if (Arrays.equals(community, name)) {
                return rule.fixed();
            }
        }
        return new Drop("unknown community or source " + client.getHostAddress());
    }

    /** SNMPv3 USM: an authenticated {@code user} at {@code level} asking for {@code context}. */
    Decision user(String user, SecurityLevel level, String context) {
        for (ReadUser r : readUsers) {
            if (r.name().equals(user)) {
                if (level.compareTo(r.minLevel()) < 0) {
                    return new Unauthorized("user '" + user + "' needs security level " + r.minLevel() + ", got " + level);
                }
                return new Read(context);
            }
        }
        return new Unauthorized("user '" + user + "' has no rouser line");
    }
}
