package nlagent.agentx;

import java.util.Objects;

import nlagent.mib.Oid;

/**
 * A SearchRange: {@code start} (inclusive when {@code include}) up to {@code end}, exclusive;
 * {@code end} null is the null OID, meaning no upper bound.
 */
public record SearchRange(Oid start, boolean include, Oid end) {
    public SearchRange {
        Objects.requireNonNull(start, "start");
    }
}
