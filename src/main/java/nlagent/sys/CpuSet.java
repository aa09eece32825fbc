package nlagent.sys;

import java.util.BitSet;

/**
 * An immutable set of CPU numbers, written as the kernel's list format ("0-3,6", as in
 * /proc/PID/status Cpus_allowed_list, taskset -c and systemd's CPUAffinity=).
 */
public final class CpuSet {
    /** The kernel's largest CONFIG_NR_CPUS: CPU numbers run from 0 to this minus one. */
    public static final int MAX_CPUS = 8192;
    private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");
    private final BitSet cpus;

    private CpuSet(BitSet cpus) {
        this.cpus = cpus;
    }

    public static CpuSet of(int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            if (c < 0 || c >= MAX_CPUS) {
                throw new IllegalArgumentException("not a CPU number: " + c);
            }
            b.set(c);
        }
        return new CpuSet(b);
    }

    /** Parses the list format ("0-3,6"; "" is the empty set); throws IllegalArgumentException on anything else. */
    public static CpuSet parse(String list) {
        BitSet b = new BitSet();
        String t = list.strip();
        if (t.isEmpty()) {
            return new CpuSet(b);
        }
        for (String part : t.split(",", -1)) {
            java.util.regex.Matcher m = RANGE.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a CPU list: '" + list + "'");
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (to < from || to >= MAX_CPUS) {
                throw new IllegalArgumentException("not a CPU range: '" + part + "' in '" + list + "'");
            }
            b.set(from, to + 1);
        }
        return new CpuSet(b);
    }

    public boolean isEmpty() {
        return cpus.isEmpty();
    }

    public int size() {
        return cpus.cardinality();
    }

    /** The highest CPU number plus one (0 for the empty set). */
    public int length() {
        return cpus.length();
    }

    public CpuSet intersect(CpuSet other) {
        BitSet b = (BitSet) cpus.clone();
        b.and(other.cpus);
        return new CpuSet(b);
    }

    /** The kernel's mask layout: bit c of byte c / 8, {@code bytes} long (a multiple of 8, as the kernel asks). */
    byte[] toMask(int bytes) {
        byte[] m = new byte[bytes];
        for (int c = cpus.nextSetBit(0); c >= 0 && c / 8 < bytes; c = cpus.nextSetBit(c + 1)) {
            m[c / 8] |= (byte) (1 << (c % 8));
        }
        return m;
    }

    static CpuSet fromMask(byte[] mask, int bytes) {
        return new CpuSet(BitSet.valueOf(java.util.Arrays.copyOf(mask, bytes)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuSet c && c.cpus.equals(cpus);
    }

    @Override
    public int hashCode() {
        return cpus.hashCode();
    }

    /** The list format: "0-3,6"; "" for the empty set. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int c = cpus.nextSetBit(0); c >= 0; ) {
            int end = cpus.nextClearBit(c) - 1;
            if (!s.isEmpty()) {
                s.append(',');
            }
            s.append(c);
            if (end > c) {
                s.append('-').append(end);
            }
            c = cpus.nextSetBit(end + 1);
        }
        return s.toString();
    }
}
