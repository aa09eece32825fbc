package nlagent.mib;

import java.util.Objects;

/** A name and its value. */
public record VarBind(Oid oid, MibValue value) {
    public VarBind {
        Objects.requireNonNull(oid);
        Objects.requireNonNull(value);
    }
}
