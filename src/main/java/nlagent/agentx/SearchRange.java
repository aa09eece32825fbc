package nlagent.agentx;

import java.nio.ByteBuffer;
import java.util.Objects;

import nlagent.mib.Oid;

/**
 * A SearchRange: {@code start} (inclusive when {@code include}) up to {@code end}, exclusive;
 * {@code end} null is the null OID, meaning no upper bound. On the wire: two OIDs, the start's
 * include byte meaningful, the end's 0.
 */
public record SearchRange(Oid start, boolean include, Oid end) {
    public SearchRange {
        Objects.requireNonNull(start, "start");
    }

    int size() {
        return AgentxCodec.oidSize(start) + AgentxCodec.oidSize(end);
    }

    void encode(ByteBuffer out) {
        AgentxCodec.putOid(out, start, include);
        AgentxCodec.putOid(out, end, false);
    }

    /** Reads the {@code index}th (1-based, for messages) range of a list. */
    static SearchRange decode(ByteBuffer in, int index) throws AgentxParseException {
        boolean[] include = new boolean[1];
        Oid start = AgentxCodec.getOid(in, include);
        if (start == null) {
            throw new AgentxParseException.CorruptPduException("SearchRange " + index + " has a null start OID");
        }
        return new SearchRange(start, include[0], AgentxCodec.getOid(in, null));
    }
}
