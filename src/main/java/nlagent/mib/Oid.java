package nlagent.mib;

import java.util.Arrays;

/**
 * An immutable object identifier: unsigned 32-bit sub-identifiers, ordered lexicographically by
 * numeric value (a prefix sorts before its extensions). Never compare dotted strings.
 */
public final class Oid implements Comparable<Oid> {
    /** No sub-identifiers: the prefix of a name handed to a {@link BindingSink} whole. Never modified. */
    public static final int[] NO_ARCS = new int[0];
    private static final Oid EMPTY = new Oid(NO_ARCS);
    private final int[] arcs;
    private int hash;

    private Oid(int[] arcs) {
        this.arcs = arcs;
    }

    /** Takes a copy of {@code arcs}; each int is read as unsigned. */
    public static Oid of(int... arcs) {
        return arcs.length == 0 ? EMPTY : new Oid(arcs.clone());
    }

    /** The first {@code length} sub-identifiers of {@code arcs}, copied once (a decoder's scratch array). */
    public static Oid of(int[] arcs, int length) {
        java.util.Objects.checkFromToIndex(0, length, arcs.length); // Arrays.copyOf would pad with zero arcs
        return length == 0 ? EMPTY : new Oid(Arrays.copyOf(arcs, length));
    }

    /** Wraps without copying: the caller hands over ownership of the array. */
    static Oid wrap(int[] arcs) {
        return new Oid(arcs);
    }

    /**
     * The name {@code prefix ++ suffix} as a {@link BindingSink} was handed it: arrays nobody
     * modifies, so a name without prefix wraps the suffix itself.
     */
    static Oid join(int[] prefix, int[] suffix) {
        if (prefix.length == 0) {
            return suffix.length == 0 ? EMPTY : new Oid(suffix);
        }
        int[] a = Arrays.copyOf(prefix, prefix.length + suffix.length);
        System.arraycopy(suffix, 0, a, prefix.length, suffix.length);
        return new Oid(a);
    }

    /** Parses {@code "1.3.6.1"} (a leading dot is allowed). */
    public static Oid parse(String dotted) {
        String s = dotted.startsWith(".") ? dotted.substring(1) : dotted;
        if (s.isEmpty()) {
            return EMPTY;
        }
        String[] parts = s.split("\\.", -1);
        int[] arcs = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long v;
            try {
                v = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an OID: " + dotted);
            }
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("sub-identifier out of range in " + dotted);
            }
            arcs[i] = (int) v;
        }
        return new Oid(arcs);
    }

    public int size() {
        return arcs.length;
    }

    /** Sub-identifier {@code i} as stored (read it with {@link Integer#toUnsignedLong} if it may exceed 2^31). */
    public int get(int i) {
        return arcs[i];
    }

    /** A copy of the sub-identifiers. */
    public int[] toArray() {
        return arcs.clone();
    }

    /** This OID followed by {@code more}. */
    public Oid append(int... more) {
        int[] a = Arrays.copyOf(arcs, arcs.length + more.length);
        System.arraycopy(more, 0, a, arcs.length, more.length);
        return new Oid(a);
    }

    /** This OID followed by {@code more}'s sub-identifiers. */
    public Oid append(Oid more) {
        return append(more.arcs);
    }

    /** The first {@code n} sub-identifiers. */
    public Oid prefix(int n) {
        return new Oid(Arrays.copyOf(arcs, n));
    }

    /** The sub-identifiers from {@code from} on. */
    public Oid suffix(int from) {
        return new Oid(Arrays.copyOfRange(arcs, from, arcs.length));
    }

    /** True when {@code prefix} is a (not necessarily proper) prefix of this OID. */
    public boolean startsWith(Oid prefix) {
        if (prefix.arcs.length > arcs.length) {
            return false;
        }
        for (int i = 0; i < prefix.arcs.length; i++) {
            if (arcs[i] != prefix.arcs[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The smallest OID greater than every OID in this subtree (the next sibling), or null if there
     * is none (all sub-identifiers are 0xFFFFFFFF).
     */
    public Oid nextSibling() {
        for (int i = arcs.length - 1; i >= 0; i--) {
            if (arcs[i] != -1) {
                int[] a = Arrays.copyOf(arcs, i + 1);
                a[i]++;
                return new Oid(a);
            }
        }
        return null;
    }

    @Override
    public int compareTo(Oid o) {
        return compare(arcs, o.arcs);
    }

    /** Unsigned lexicographic comparison of two arc arrays. */
    public static int compare(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return Integer.compareUnsigned(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    int[] arcsUnsafe() {
        return arcs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Oid && Arrays.equals(arcs, ((Oid) o).arcs);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(arcs);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(arcs.length * 3);
        for (int i = 0; i < arcs.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(Integer.toUnsignedString(arcs[i]));
        }
        return sb.toString();
    }
}
