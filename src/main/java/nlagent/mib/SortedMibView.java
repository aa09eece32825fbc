package nlagent.mib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link MibView} over sorted parallel arrays: binary search for GET and GETNEXT, no allocation
 * beyond the result. Built once per snapshot by a {@link Builder}. Frontends may attach derived
 * forms (e.g. pre-encoded BER) with {@link #memo}, computed once per view.
 *
 * <p>Memory layout: a view of the default context on a host with thousands of interfaces holds
 * hundreds of thousands of bindings, and one full {@code int[]} name per binding was most of the
 * agent's heap (~120 bytes each: 16 bytes of header and 10–28 arcs, the column's 9–11 arcs repeated
 * in every row; bench/README.md, "First poll and memory"). A name is therefore stored as
 * {@code prefixes[prefixOf[i]] ++ suffixes[i]}: the prefix is the declared object (column or scalar)
 * the name is under, held once per view, and the suffix (the instance index) is shared by all the
 * columns of one row when they are added column by column, as the table builders do.
 */
public final class SortedMibView implements MibView {
    private static final int[] NO_ARCS = new int[0];
    /** Distinct name prefixes; entry 0 is the empty prefix (names under no declared object). */
    private final int[][] prefixes;
    private final int[] prefixOf;
    /** Instance suffixes; equal suffixes of adjacent columns are one shared array (never modified). */
    private final int[][] suffixes;
    private final MibValue[] values;
    private final int[][] objects; // sorted scalar/column OIDs: decide noSuchInstance vs noSuchObject
    private final List<Oid> subtrees;
    private final ConcurrentHashMap<Object, Object> memo = new ConcurrentHashMap<>();
    /**
     * The view this one was built from ({@link #builder(SortedMibView)}) when every name of this one is
     * that view's at the same position, so that binding {@code i} of both is one name; null: none, or
     * dropped. A derived form ({@link #memo}) may take what it derived from that view for the bindings
     * whose value is the very same object (the builder keeps the previous value object when equal).
     * At most one view back: building a view drops its predecessor's own (no chain of old views).
     */
    private volatile SortedMibView predecessor;

    private SortedMibView(int[][] prefixes, int[] prefixOf, int[][] suffixes, MibValue[] values, int[][] objects,
                          List<Oid> subtrees) {
        this.prefixes = prefixes;
        this.prefixOf = prefixOf;
        this.suffixes = suffixes;
        this.values = values;
        this.objects = objects;
        this.subtrees = subtrees;
    }

    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder that reuses what {@code previous} (the same part built from the previous snapshot of
     * the same namespace) already holds: a name equal to the previous view's name at the same position
     * keeps that view's suffix array, a value equal to its value there keeps that value object, and
     * when every name matched the new view shares the previous view's name arrays outright, so only
     * the values array is new. A refresh of an unchanged host then adds little to the heap (each
     * new view used to be copied by the young collector and to fill the old generation: a full
     * collection per poll at 2,004 interfaces). The answers are those of a fresh build
     * ({@code ViewReuseTest}); reuse only saves memory and copying.
     *
     * @param previous null: none, as {@link #builder()}
     */
    public static Builder builder(SortedMibView previous) {
        return new Builder(previous);
    }

    /** Whether this view holds the very name arrays of {@code other} (tests: a reuse took place). */
    boolean sharesNamesWith(SortedMibView other) {
        return prefixOf == other.prefixOf && suffixes == other.suffixes;
    }

    public int size() {
        return values.length;
    }

    public Oid nameAt(int i) {
        return Oid.join(prefixes[prefixOf[i]], suffixes[i]);
    }

    /** How many distinct suffix arrays the view holds (tests: rows share one across columns). */
    int distinctSuffixArrays() {
        java.util.Set<int[]> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.addAll(Arrays.asList(suffixes));
        return seen.size();
    }

    public MibValue valueAt(int i) {
        return values[i];
    }

    /** The declared object binding {@code i} is named under (empty: none); the view's array, never to be modified. */
    public int[] prefixAt(int i) {
        return prefixes[prefixOf[i]];
    }

    /** The rest of binding {@code i}'s name after {@link #prefixAt}; the view's array, never to be modified. */
    public int[] suffixAt(int i) {
        return suffixes[i];
    }

    /** See {@link #predecessor}: the view built just before this one with the very same names, or null. */
    public SortedMibView predecessor() {
        return predecessor;
    }

    /** Drops the {@link #predecessor()} (a derived form that took all it needed from it lets it be collected). */
    public void forgetPredecessor() {
        predecessor = null;
    }

    /** Compares binding {@code i}'s name with {@code key} like {@link Oid#compare}. */
    private int compareAt(int i, int[] key) {
        int[] p = prefixes[prefixOf[i]];
        int[] s = suffixes[i];
        int pl = p.length;
        // Arrays.compareUnsigned: vectorized mismatch, and a proper prefix sorts first, as in Oid.compare
        if (key.length <= pl) {
            int c = Arrays.compareUnsigned(p, 0, key.length, key, 0, key.length);
            return c != 0 ? c : pl + s.length == key.length ? 0 : 1;
        }
        int c = Arrays.compareUnsigned(p, 0, pl, key, 0, pl);
        return c != 0 ? c : Arrays.compareUnsigned(s, 0, s.length, key, pl, key.length);
    }

    /** {@link Oid#compare} of the concatenations {@code p1 ++ s1} and {@code p2 ++ s2}, without building them. */
    static int compare(int[] p1, int[] s1, int[] p2, int[] s2) {
        int n1 = p1.length + s1.length;
        int n2 = p2.length + s2.length;
        int n = Math.min(n1, n2);
        for (int j = 0; j < n; j++) {
            int a = j < p1.length ? p1[j] : s1[j - p1.length];
            int b = j < p2.length ? p2[j] : s2[j - p2.length];
            if (a != b) {
                return Integer.compareUnsigned(a, b);
            }
        }
        return Integer.compare(n1, n2);
    }

    /** Like {@link Arrays#binarySearch}: the index of {@code key}, or {@code -(insertion point) - 1}. */
    private int search(int[] key) {
        int lo = 0;
        int hi = values.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareAt(mid, key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
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
        if (h < values.length && compareAt(h, key) == 0) {
            int at = include ? h : h + 1;
            hint = at;
            return at;
        }
        int i = search(key);
        int at = i >= 0 ? (include ? i : i + 1) : -i - 1;
        hint = at;
        return at;
    }

    @Override
    public MibValue get(Oid oid) {
        int i = search(oid.arcsUnsafe());
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
        if (i >= values.length) {
            return null;
        }
        if (end != null && compareAt(i, end.arcsUnsafe()) >= 0) {
            return null;
        }
        return new VarBind(nameAt(i), values[i]);
    }

    /**
     * By position: one search for the first binding, then the following ones (and the end bound
     * found once), each handed over as the arrays it is stored in.
     */
    @Override
    public int walk(Oid from, boolean include, Oid end, int max, BindingSink sink) {
        if (max <= 0) {
            return 0;
        }
        int first = ceiling(from, include);
        int stop = max < values.length - first ? first + max : values.length;
        if (end != null && stop > first && compareAt(stop - 1, end.arcsUnsafe()) >= 0) {
            int e = search(end.arcsUnsafe());
            stop = e >= 0 ? e : -e - 1; // the first binding >= end
        }
        int taken = stop > first ? sink.acceptRun(this, first, stop) : 0;
        if (taken > 0) {
            hint = first + taken - 1; // the next run starts after the last one taken: ceiling's one-comparison case
        }
        return taken;
    }

    @Override
    public List<Oid> subtrees() {
        return subtrees;
    }

    /** The value {@link #memo} holds for {@code key}, or null when none was computed (never computes). */
    @SuppressWarnings("unchecked")
    public <T> T memoIfPresent(Object key) {
        return (T) memo.get(key);
    }

    /**
     * A value derived from this view by {@code compute}, computed at most once per key and view. A hit
     * allocates nothing: the capturing lambda is made on a miss only (PreEncodedView.of calls this per
     * request, and the lambda per call was ~0.3 MB of a spaced NMS poll's allocation, by JFR).
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, Function<SortedMibView, T> compute) {
        Object v = memo.get(key);
        return (T) (v != null ? v : memo.computeIfAbsent(key, k -> compute.apply(this)));
    }

    /**
     * Collects bindings in any order; {@link #build()} sorts them (skipped when they came in OID
     * order, as the table builders add them) and rejects duplicates. Each name is split on arrival
     * into the declared object it is under (declare objects before adding their instances, else the
     * name is kept whole: correct, only larger) and its instance suffix, which is shared with the
     * previous column's equal suffix: no full name is kept while a large view is built.
     */
    public static final class Builder {
        /**
         * The names so far, {@code prefixOf[i]} and {@code suffixes[i]} (capacity that of {@code values}); both
         * null while every name so far is the previous view's at the same position with the same prefix id, so
         * that they would be a copy of the previous view's first {@code size} entries ({@link #writeNames}
         * writes them on the first name that is not; a prefix id unlike the previous view's for an equal prefix,
         * an object declared at another point of the build, writes them too, so that the copy is always exact).
         * A refresh that only moved counters never writes them: {@link #build()} then takes the previous view's
         * arrays, and allocating them up front at the previous view's size was garbage: ~1.0 MB of int[][] and
         * ~0.2 MB of int[] per spaced NMS poll of 1,001 interfaces (JFR, on the listen thread); a rebuild of a
         * 1,000 x 80 table with a tenth of the values moved allocated 972 KB, now 332 KB (the values array).
         */
        private int[] prefixOf;
        private int[][] suffixes;
        private MibValue[] values;
        /** The previous view to reuse names and values of (null: none). */
        private final SortedMibView previous;
        /** Our prefix id -> the previous view's id of an equal prefix (-2: not looked up yet, -1: none). */
        private int[] previousPrefix = new int[0];
        /** How many bindings so far matched the previous view's name at the same position. */
        private int reused;
        private int size;
        private boolean inOrder = true;
        /** The last added name: its first {@code lastLength} arcs (a copy: a caller's name may be this builder's scratch). */
        private int[] lastName = new int[16];
        private int lastLength;
        /**
         * The column of the last binding when it was added by {@link #add(Oid, int, MibValue)} and is its
         * declared object (so the prefix is the column and the suffix the row index); else null.
         */
        private Oid lastColumn;
        /** Where {@link #add(Oid, int, MibValue)} writes column ++ index: no name object per binding. */
        private int[] scratch = new int[16];
        private final List<Oid> objects = new ArrayList<>();
        private final List<Oid> subtrees = new ArrayList<>();
        /** Prefix table of the view: index 0 the empty prefix, then the declared objects by first use. */
        private final List<int[]> prefixes = new ArrayList<>(List.of(NO_ARCS));
        private final Map<Oid, Integer> prefixIds = new HashMap<>();
        /** The declared objects sorted, with their prefix ids; rebuilt when objects were declared since. */
        private Oid[] sortedObjects = new Oid[0];
        private int[] sortedObjectIds = new int[0];
        private int lastPrefix;
        /** Suffix sharing: the bindings of the previous prefix run, and where the merge with it stands. */
        private int runStart;
        private int prevRunEnd;
        private int cursor;

        private Builder(SortedMibView previous) {
            this.previous = previous;
            int capacity = previous == null ? 64 : Math.max(64, previous.size()); // no regrowth when the host is unchanged
            values = new MibValue[capacity];
            if (previous == null) {
                writeNames();
            }
        }

        /** Whether the names are written in this builder's own arrays (tests: not when all are the previous view's). */
        boolean namesWritten() {
            return prefixOf != null;
        }

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
            lastColumn = null;
            int[] arcs = name.arcsUnsafe();
            return add(arcs, arcs.length, true, value);
        }

        /**
         * {@code add(column.append(index), value)} without building that name: the table builders add one
         * binding per row and column, and a name object per binding (its arrays then copied or dropped
         * here) was most of a view build's allocation, on the thread answering the poll.
         */
        public Builder add(Oid column, int index, MibValue value) {
            if (value.isException()) {
                throw new IllegalArgumentException("exception values are not stored: " + column.append(index));
            }
            int[] c = column.arcsUnsafe();
            if (column == lastColumn && size > 0) {
                return addNextRow(c, index, value);
            }
            int n = c.length + 1;
            if (scratch.length < n) {
                scratch = new int[n * 2];
            }
            System.arraycopy(c, 0, scratch, 0, c.length);
            scratch[c.length] = index;
            add(scratch, n, false, value);
            // the next row of this column may take the short way when the column is its declared object
            lastColumn = prefixes.get(lastPrefix).length == c.length ? column : null;
            return this;
        }

        /**
         * {@code add(column, index, v)} where {@code v} is the previous view's value of that very name, taken
         * without computing it: for a row whose source is the very object the previous view's row was built
         * from (a table builder knows; the value would be the same). Only on the short way of
         * {@link #addNextRow}: true when this is the next row of the column last added with
         * {@link #add(Oid, int, MibValue)} and the previous view holds {@code column.index} at this position;
         * false, and nothing added, otherwise (the caller then adds the value it computes).
         */
        public boolean addPreviousValue(Oid column, int index) {
            if (column != lastColumn || size == 0 || !previousHasRow(lastPrefix, index)) {
                return false;
            }
            addNextRow(column.arcsUnsafe(), index, previous.values[size]);
            return true;
        }

        /**
         * {@link #add(Oid, int, MibValue)} right after a binding of the same declared column: the name's
         * prefix is that column, its suffix {@code [index]}, and the scratch and the last name hold the
         * column already. Only the row index is compared and written: a table builder adds one binding per
         * row and column, and copying and comparing the column's 10-odd arcs per binding was most of a
         * view build's time (bench/README.md, "Polls spaced as an NMS spaces them").
         */
        private Builder addNextRow(int[] c, int index, MibValue value) {
            growIfFull();
            int last = lastLength - 1; // lastName is column ++ previous index
            if (inOrder && Integer.compareUnsigned(lastName[last], index) >= 0) {
                inOrder = false;
            }
            lastName[last] = index;
            scratch[c.length] = index;
            int pid = lastPrefix;
            if (previousHasRow(pid, index)) {
                addPreviousName(pid, value);
            } else {
                addNewName(pid, scratch, c.length, c.length + 1, false, value);
            }
            return this;
        }

        /** Whether the previous view's binding {@code size} is named prefix {@code pid} ++ {@code [index]}. */
        private boolean previousHasRow(int pid, int index) {
            if (previous == null || size >= previous.values.length) {
                return false;
            }
            int[] before = previous.suffixes[size];
            return before.length == 1 && before[0] == index && previousPrefixOf(pid) == previous.prefixOf[size];
        }

        /**
         * Adds the name {@code arcs[0, length)}. {@code immutable}: {@code arcs} is never modified and may be
         * kept as a suffix as it is (an {@link Oid}'s array); else (the scratch) what is kept is copied.
         */
        private Builder add(int[] arcs, int length, boolean immutable, MibValue value) {
            growIfFull();
            if (size > 0 && inOrder && Arrays.compareUnsigned(lastName, 0, lastLength, arcs, 0, length) >= 0) {
                inOrder = false;
            }
            if (lastName.length < length) {
                lastName = new int[length * 2];
            }
            System.arraycopy(arcs, 0, lastName, 0, length);
            lastLength = length;
            int pid = prefixFor(arcs, length);
            if (pid != lastPrefix) {
                cursor = runStart;
                prevRunEnd = size;
                runStart = size;
                lastPrefix = pid;
            }
            int from = prefixes.get(pid).length;
            if (sameNameAsPrevious(pid, arcs, from, length)) {
                addPreviousName(pid, value);
            } else {
                addNewName(pid, arcs, from, length, immutable, value);
            }
            return this;
        }

        /**
         * Adds binding {@code size} named (prefix {@code pid}) as the previous view's binding there: its suffix
         * array is kept, and its value object when equal to {@code value}. Nothing is written for the name while
         * the names are still the previous view's, prefix id included (see {@link #prefixOf}).
         */
        private void addPreviousName(int pid, MibValue value) {
            if (prefixOf != null || pid != previous.prefixOf[size]) {
                writeNames();
                prefixOf[size] = pid;
                suffixes[size] = previous.suffixes[size];
            }
            MibValue old = previous.values[size];
            values[size] = old.equals(value) ? old : value;
            reused++;
            size++;
        }

        /** Adds binding {@code size} with a name unlike the previous view's there (or none): prefix {@code pid}, suffix {@code arcs[from, length)}. */
        private void addNewName(int pid, int[] arcs, int from, int length, boolean immutable, MibValue value) {
            writeNames(); // before sharedSuffix, which reads the suffixes of earlier bindings
            prefixOf[size] = pid;
            suffixes[size] = sharedSuffix(arcs, from, length, immutable);
            values[size] = value;
            size++;
        }

        /**
         * Gives the builder its own name arrays when it has none yet (see {@link #prefixOf}): empty without a
         * previous view, else holding the previous view's first {@code size} names, which the names so far are.
         */
        private void writeNames() {
            if (prefixOf == null) {
                prefixOf = new int[values.length];
                suffixes = new int[values.length][];
                if (previous != null) {
                    System.arraycopy(previous.prefixOf, 0, prefixOf, 0, size);
                    System.arraycopy(previous.suffixes, 0, suffixes, 0, size);
                }
            }
        }

        /** Doubles the arrays when full (the name arrays only when written). */
        private void growIfFull() {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                if (prefixOf != null) {
                    prefixOf = Arrays.copyOf(prefixOf, size * 2);
                    suffixes = Arrays.copyOf(suffixes, size * 2);
                }
            }
        }

        /** Whether binding {@code size} is named as the previous view's binding at the same position. */
        private boolean sameNameAsPrevious(int pid, int[] arcs, int from, int length) {
            if (previous == null || size >= previous.values.length) {
                return false;
            }
            int prevPid = previous.prefixOf[size];
            if (previousPrefixOf(pid) != prevPid) {
                return false;
            }
            int[] s = previous.suffixes[size];
            return Arrays.equals(s, 0, s.length, arcs, from, length);
        }

        /** The previous view's prefix id of the prefix equal to our {@code pid}; -1: none. */
        private int previousPrefixOf(int pid) {
            if (pid >= previousPrefix.length) {
                int n = previousPrefix.length;
                previousPrefix = Arrays.copyOf(previousPrefix, Math.max(pid + 1, n * 2));
                Arrays.fill(previousPrefix, n, previousPrefix.length, -2);
            }
            int id = previousPrefix[pid];
            if (id == -2) {
                id = -1;
                int[] p = prefixes.get(pid);
                for (int i = 0; i < previous.prefixes.length; i++) {
                    if (Arrays.equals(previous.prefixes[i], p)) {
                        id = i;
                        break;
                    }
                }
                previousPrefix[pid] = id;
            }
            return id;
        }

        /** The id of the declared object {@code arcs[0, length)} is under (0: none). */
        private int prefixFor(int[] arcs, int length) {
            if (lastPrefix != 0 && startsWith(arcs, length, prefixes.get(lastPrefix))) {
                return lastPrefix; // the common case: the next row of the same column
            }
            if (sortedObjects.length != objects.size()) {
                indexObjects();
            }
            int lo = 0;
            int hi = sortedObjects.length - 1;
            int best = -1; // the greatest object <= arcs: the only one that can be its prefix (objects are leaves)
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int[] o = sortedObjects[mid].arcsUnsafe();
                if (Arrays.compareUnsigned(o, 0, o.length, arcs, 0, length) <= 0) {
                    best = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return best >= 0 && startsWith(arcs, length, sortedObjects[best].arcsUnsafe()) ? sortedObjectIds[best] : 0;
        }

        private void indexObjects() {
            sortedObjects = objects.stream().sorted().toArray(Oid[]::new);
            sortedObjectIds = new int[sortedObjects.length];
            for (int i = 0; i < sortedObjects.length; i++) {
                sortedObjectIds[i] = prefixIds.computeIfAbsent(sortedObjects[i], o -> {
                    prefixes.add(o.arcsUnsafe());
                    return prefixes.size() - 1;
                });
            }
        }

        private static boolean startsWith(int[] arcs, int length, int[] prefix) {
            return prefix.length <= length && Arrays.equals(arcs, 0, prefix.length, prefix, 0, prefix.length);
        }

        /**
         * {@code arcs[from, length)}, as the previous run's array when that run has an equal suffix (both
         * runs are rows in index order, so one forward merge finds it), else a copy ({@code arcs} itself
         * when it is all of an immutable name).
         */
        private int[] sharedSuffix(int[] arcs, int from, int length, boolean immutable) {
            while (cursor < prevRunEnd) {
                int[] c = suffixes[cursor];
                int cmp = Arrays.compareUnsigned(c, 0, c.length, arcs, from, length);
                if (cmp == 0) {
                    cursor++;
                    return c;
                }
                if (cmp > 0) {
                    break;
                }
                cursor++;
            }
            return from == 0 && immutable && length == arcs.length ? arcs : Arrays.copyOfRange(arcs, from, length);
        }

        public SortedMibView build() {
            if (inOrder && previous != null && reused == size && size == previous.values.length) {
                // every name is the previous view's, in the same order: its name arrays serve as they are
                SortedMibView v = new SortedMibView(previous.prefixes, previous.prefixOf, previous.suffixes,
                        values.length == size ? values : Arrays.copyOf(values, size), objectArcs(), disjointSubtrees());
                if (!previous.memo.isEmpty()) { // something derived from it to take from (else no reason to hold it)
                    v.predecessor = previous;
                }
                previous.predecessor = null; // one view back at most
                return v;
            }
            writeNames(); // not yet written only when every name was the previous view's, but fewer of them
            MibValue[] v = Arrays.copyOf(values, size);
            int[] p = Arrays.copyOf(prefixOf, size);
            int[][] s = Arrays.copyOf(suffixes, size);
            int[][] pre = prefixes.toArray(int[][]::new);
            if (!inOrder) {
                Integer[] order = new Integer[size];
                for (int i = 0; i < size; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> compare(pre[prefixOf[a]], suffixes[a], pre[prefixOf[b]], suffixes[b]));
                for (int i = 0; i < size; i++) {
                    p[i] = prefixOf[order[i]];
                    s[i] = suffixes[order[i]];
                    v[i] = values[order[i]];
                }
                for (int i = 1; i < size; i++) {
                    if (compare(pre[p[i - 1]], s[i - 1], pre[p[i]], s[i]) == 0) {
                        int[] dup = Arrays.copyOf(pre[p[i]], pre[p[i]].length + s[i].length);
                        System.arraycopy(s[i], 0, dup, pre[p[i]].length, s[i].length);
                        throw new IllegalStateException("duplicate binding " + Oid.wrap(dup));
                    }
                }
            }
            return new SortedMibView(pre, p, s, v, objectArcs(), disjointSubtrees());
        }

        /** The declared objects sorted, without repeats (a loop, not a stream: one per part build, on the poll's thread). */
        private int[][] objectArcs() {
            Oid[] sorted = objects.toArray(new Oid[0]);
            Arrays.sort(sorted);
            int[][] out = new int[sorted.length][];
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || !sorted[i].equals(sorted[i - 1])) {
                    out[n++] = sorted[i].arcsUnsafe();
                }
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }

        private List<Oid> disjointSubtrees() {
            List<Oid> roots = new ArrayList<>(subtrees);
            Collections.sort(roots);
            List<Oid> disjoint = new ArrayList<>();
            for (Oid r : roots) {
                if (disjoint.isEmpty() || !r.startsWith(disjoint.get(disjoint.size() - 1))) {
                    disjoint.add(r);
                }
            }
            return List.copyOf(disjoint);
        }
    }
}
