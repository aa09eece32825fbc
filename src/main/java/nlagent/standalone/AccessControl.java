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

    /** A v1/v2c read decision with what it was made for. */
    private record Granted(byte[] community, InetAddress client, Read read) {
    }

    private final List<Community> communities;
    private final List<ReadUser> readUsers;
    /**
     * The last read granted to a community, for the next request of the same walk: a poll is thousands of
     * requests from one client with one community, and deciding each anew allocated a string, a copy of the
     * client's address and a decision per request on the listen thread (JFR, spaced polls at K = 1,000:
     * about a tenth of the thread's allocation), which makes young collections, and so promotion into the
     * old generation, more frequent. Only grants are kept (the rules are fixed for this object's life), and
     * a hit needs an equal address, then the same community octets. That is the whole input of a decision:
     * {@link SourceFilter#matches} reads only the address octets, and {@link InetAddress#equals} compares
     * exactly those (not an IPv6 scope, not a host name; an IPv4-mapped IPv6 address never equals an IPv4
     * one). A source filter that looked at more (a scope, a name) would have to be part of the key. One
     * entry: two pollers interleaving their walks miss every time, and pay what every request paid before
     * plus the entry.
     */
    private volatile Granted lastGrant;

    AccessControl(List<Community> communities, List<ReadUser> readUsers) {
        this.communities = List.copyOf(communities);
        this.readUsers = List.copyOf(readUsers);
    }

    /** v1/v2c: {@code community} as received from {@code client}. */
    Decision community(byte[] community, InetAddress client) {
        Granted g = lastGrant;
        // the address first: a refused source's octets are never compared with another client's community
        if (g != null && g.client.equals(client) && Arrays.equals(g.community, community)) {
            return g.read;
        }
        Decision d = decide(community, client);
        if (d instanceof Read r) {
            lastGrant = new Granted(community.clone(), client, r);
        }
        return d;
    }

    private Decision decide(byte[] community, InetAddress client) {
        String c = new String(community, StandardCharsets.ISO_8859_1);
        for (Community entry : communities) {
            if (!entry.source().matches(client)) {
                continue;
            }
            if (entry.context().equals("*")) {
                if (c.equals(entry.name())) {
                    return new Read("");
                }
                if (c.startsWith(entry.name() + "@")) {
                    return new Read(c.substring(entry.name().length() + 1));
                }
            } else if (c.equals(entry.name())) {
                return new Read(entry.context());
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
