package nlagent.mib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link MibView} over sorted parallel arrays: binary search for GET and GETNEXT, no allocation
 * beyond the result. Built once per snapshot by a {@link Builder}. Frontends may attach derived
 * forms (e.g. pre-encoded BER) with {@link #memo}, computed once per view.
 */
public final class SortedMibView implements MibView {
    private final int[][] names;
    private final MibValue[] values;
    private final int[][] objects; // sorted scalar/column OIDs: decide noSuchInstance vs noSuchObject
    private final List<Oid> subtrees;
    private final ConcurrentHashMap<Object, Object> memo = new ConcurrentHashMap<>();

    private SortedMibView(int[][] names, MibValue[] values, int[][] objects, List<Oid> subtrees) {
        this.names = names;
        this.values = values;
        this.objects = objects;
        this.subtrees = subtrees;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return names.length;
    }

    public Oid nameAt(int i) {
        return Oid.wrap(names[i]);
    }

    public MibValue valueAt(int i) {
        return values[i];
    }

    /**
     * Where the last {@link #ceiling} matched exactly: a walk asks next from the name it was just
     * given, so checking this slot first turns most steps of a walk into one comparison. A plain int
     * shared by all threads: a stale or clobbered hint only costs the binary search.
     */
    private int hint;

    /** Index of the first binding {@code > from} ({@code >=} when include); {@link #size()} when none. */
    public int ceiling(Oid from, boolean include) {
        int[] key = from.arcsUnsafe();
        int h = hint;
        if (h < names.length && Oid.compare(names[h], key) == 0) {
            int at = include ? h : h + 1;
            hint = at;
            return at;
        }
        int i = Arrays.binarySearch(names, key, Oid::compare);
        int at = i >= 0 ? (include ? i : i + 1) : -i - 1;
        hint = at;
        return at;
    }

    @Override
    public MibValue get(Oid oid) {
        int i = Arrays.binarySearch(names, oid.arcsUnsafe(), Oid::compare);
        if (i >= 0) {
            return values[i];
        }
        return definesObjectFor(oid) ? MibValue.NO_SUCH_INSTANCE : MibValue.NO_SUCH_OBJECT;
    }

    private boolean definesObjectFor(Oid oid) {
        // the object OID, if any, is the greatest object <= oid that is a prefix of it
        int i = Arrays.binarySearch(objects, oid.arcsUnsafe(), Oid::compare);
        if (i >= 0) {
            return true; // the object OID itself (e.g. ifDescr with no index) is a missing instance
        }
        int j = -i - 2;
        return j >= 0 && oid.startsWith(Oid.wrap(objects[j]));
    }

    @Override
    public VarBind next(Oid from, boolean include, Oid end) {
        int i = ceiling(from, include);
        if (i >= names.length) {
            return null;
        }
        if (end != null && Oid.compare(names[i], end.arcsUnsafe()) >= 0) {
            return null;
        }
        return new VarBind(Oid.wrap(names[i]), values[i]);
    }

    @Override
    public List<Oid> subtrees() {
        return subtrees;
    }

    /** A value derived from this view by {@code compute}, computed at most once per key and view. */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, Function<SortedMibView, T> compute) {
        return (T) memo.computeIfAbsent(key, k -> compute.apply(this));
    }

    /**
     * Collects bindings in any order; {@link #build()} sorts them (skipped when they came in OID
     * order, as the table builders add them) and rejects duplicates. Names and values go straight
     * into parallel arrays: no per-binding wrapper objects while a large view is built.
     */
    public static final class Builder {
        private int[][] names = new int[64][];
        private MibValue[] values = new MibValue[64];
        private int size;
        private boolean inOrder = true;
        private final List<Oid> objects = new ArrayList<>();
        private final List<Oid> subtrees = new ArrayList<>();

        /** Declares a subtree this view answers for (e.g. ifTable). */
        public Builder subtree(Oid root) {
            subtrees.add(root);
            return this;
        }

        /** Declares a scalar or column OID, so that a missing instance under it reads noSuchInstance. */
        public Builder object(Oid objectOid) {
            objects.add(objectOid);
            return this;
        }

        public Builder add(Oid name, MibValue value) {
            if (value.isException()) {
                throw new IllegalArgumentException("exception values are not stored: " + name);
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            int[] arcs = name.arcsUnsafe();
            if (size > 0 && inOrder && Oid.compare(names[size - 1], arcs) >= 0) {
                inOrder = false;
            }
            names[size] = arcs;
            values[size] = value;
            size++;
            return this;
        }

        public SortedMibView build() {
            int[][] n = Arrays.copyOf(names, size);
            MibValue[] v = Arrays.copyOf(values, size);
            if (!inOrder) {
                Integer[] order = new Integer[size];
                for (int i = 0; i < size; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Oid.compare(names[a], names[b]));
                for (int i = 0; i < size; i++) {
                    n[i] = names[order[i]];
                    v[i] = values[order[i]];
                }
            }
            for (int i = 1; i < size; i++) {
                if (Oid.compare(n[i - 1], n[i]) == 0) {
                    throw new IllegalStateException("duplicate binding " + Oid.wrap(n[i]));
                }
            }
            int[][] objs = objects.stream().sorted().distinct().map(Oid::arcsUnsafe).toArray(int[][]::new);
            List<Oid> roots = new ArrayList<>(subtrees);
            Collections.sort(roots);
            List<Oid> disjoint = new ArrayList<>();
            for (Oid r : roots) {
                if (disjoint.isEmpty() || !r.startsWith(disjoint.get(disjoint.size() - 1))) {
                    disjoint.add(r);
                }
            }
            return new SortedMibView(n, v, objs, List.copyOf(disjoint));
        }
    }
}
