package nlagent.model;

import java.util.Arrays;

/**
 * One set of kernel IP counters (a namespace's IPv4 or IPv6 totals, or one interface's IPv6
 * counters), indexed by {@link IpStat}. A counter the source did not report is absent, not 0:
 * net-snmp leaves such columns out, and so do we.
 */
public final class IpCounters {
    public static final IpCounters NONE = new IpCounters(new long[0]);
    private final long[] values;

    private IpCounters(long[] values) {
        this.values = values;
    }

    /** Collects counters by name; unset ones stay absent. */
    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        for (long x : values) {
            if (x >= 0) {
                return false;
            }
        }
        return true;
    }

    public boolean has(IpStat s) {
        return s.ordinal() < values.length && values[s.ordinal()] >= 0;
    }

    /** The counter's value, or -1 when absent. */
    public long get(IpStat s) {
        return s.ordinal() < values.length ? values[s.ordinal()] : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpCounters c && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("IpCounters{");
        for (IpStat s : IpStat.values()) {
            if (has(s)) {
                b.append(s.procName()).append('=').append(get(s)).append(' ');
            }
        }
        return b.append('}').toString();
    }

    public static final class Builder {
        private final long[] v = new long[IpStat.count()];

        private Builder() {
            Arrays.fill(v, -1);
        }

        /** Sets the counter {@code procName} names, if it is one we keep; negative values are ignored. */
        public Builder put(String procName, long value) {
            IpStat s = IpStat.ofProcName(procName);
            if (s != null && value >= 0) {
                v[s.ordinal()] = value;
            }
            return this;
        }

        /** Sets {@code s}; negative values are ignored. */
        public Builder put(IpStat s, long value) {
            if (value >= 0) {
                v[s.ordinal()] = value;
            }
            return this;
        }

        public IpCounters build() {
            return new IpCounters(v.clone());
        }
    }
}
