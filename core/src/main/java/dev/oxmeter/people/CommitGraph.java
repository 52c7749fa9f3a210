package dev.oxmeter.people;

import dev.oxmeter.model.Oid;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A commit graph in compact arrays, for git's {@code A..B} commit sets without reading the repository: commit
 * {@code i}'s parents are {@code edges[start[i] .. start[i+1])}, as indices, {@code -1} for a parent outside the
 * graph (beyond a shallow boundary). Reachability is a traversal of int arrays into a bit set: O(commits reached).
 * Not thread-safe: it caches a few recent reachability sets.
 */
public final class CommitGraph {
    private static final int CACHED_SETS = 8;

    private final Oid[] ids;
    private final Map<Oid, Integer> index;
    private final int[] start;
    private final int[] edges;
    private final Map<Integer, BitSet> reach = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, BitSet> eldest) {
            return size() > CACHED_SETS;
        }
    };

    private CommitGraph(Oid[] ids, Map<Oid, Integer> index, int[] start, int[] edges) {
        this.ids = ids;
        this.index = index;
        this.start = start;
        this.edges = edges;
    }

    /** Collects commits and their parents; parents never added stay outside the graph. Not thread-safe. */
    public static final class Builder {
        private final List<Oid> ids = new ArrayList<>();
        private final List<List<Oid>> parents = new ArrayList<>();

        /** Adds {@code commit} with its parents in order (add each commit once). */
        public Builder add(Oid commit, List<Oid> parentIds) {
            ids.add(commit);
            parents.add(parentIds);
            return this;
        }

        public CommitGraph build() {
            int n = ids.size();
            Map<Oid, Integer> index = new HashMap<>(n * 2);
            Oid[] arr = new Oid[n];
            int edgeCount = 0;
            for (int i = 0; i < n; i++) {
                arr[i] = ids.get(i);
                if (index.put(arr[i], i) != null) {
                    throw new IllegalArgumentException("commit " + arr[i].abbrev(12) + " added twice");
                }
                edgeCount += parents.get(i).size();
            }
            int[] start = new int[n + 1];
            int[] edges = new int[edgeCount];
            int e = 0;
            for (int i = 0; i < n; i++) {
                start[i] = e;
                for (Oid p : parents.get(i)) {
                    Integer j = index.get(p);
                    edges[e++] = j == null ? -1 : j;
                }
            }
            start[n] = e;
            return new CommitGraph(arr, index, start, edges);
        }
    }

    /**
     * A graph already in arrays (see the class comment), for a caller that numbered the commits while discovering
     * them; the arrays are taken, not copied.
     */
    static CommitGraph of(Oid[] ids, Map<Oid, Integer> index, int[] start, int[] edges) {
        return new CommitGraph(ids, index, start, edges);
    }

    /** Number of commits in the graph. */
    public int size() {
        return ids.length;
    }

    public boolean contains(Oid commit) {
        return index.containsKey(commit);
    }

    /** The commits of git's {@code start..end} (all of {@code end}'s history when start is null), and whether
     *  {@code start} is an ancestor of {@code end}. */
    public record Window(List<Oid> commits, boolean startIsAncestor) {
    }

    /** {@link #window} as graph indices ({@link #id}): a set the caller must not modify. */
    public record WindowIndices(BitSet commits, boolean startIsAncestor) {
    }

    /**
     * Git's {@code start..end}: the commits reachable from {@code end} and not from {@code start}, in graph index
     * order. Cost: one traversal of the window's commits, plus one of {@code start}'s history unless cached.
     *
     * @throws IllegalArgumentException when end or start is not in the graph
     */
    public Window window(Oid end, Oid start) {
        WindowIndices w = windowIndices(end, start);
        return new Window(ids(w.commits()), w.startIsAncestor());
    }

    /** {@link #window} without turning indices into ids. */
    public WindowIndices windowIndices(Oid end, Oid start) {
        int e = indexOf(end);
        if (start == null) {
            return new WindowIndices(reachable(e), false);
        }
        int s = indexOf(start);
        BitSet stop = reachable(s);
        BitSet in = new BitSet(ids.length);
        boolean[] hitStart = {false};
        traverse(e, stop, in, hitStart, s);
        if (hitStart[0] && !reach.containsKey(e)) {
            // start is an ancestor of end: end's history is start's plus the window
            BitSet atEnd = (BitSet) stop.clone();
            atEnd.or(in);
            reach.put(e, atEnd);
        }
        return new WindowIndices(in, hitStart[0]);
    }

    /** Every commit reachable from {@code tip} (itself included). Cost: one traversal unless cached. */
    public List<Oid> reachable(Oid tip) {
        return ids(reachable(indexOf(tip)));
    }

    /**
     * {@link #reachable(Oid)} as graph indices: a set the caller must not modify (it may be cached). Cost: one
     * traversal unless cached.
     */
    public BitSet reachableIndices(Oid tip) {
        return reachable(indexOf(tip));
    }

    /** The graph index of {@code commit}, or -1 when it is not in the graph. */
    public int index(Oid commit) {
        Integer i = index.get(commit);
        return i == null ? -1 : i;
    }

    /** The commit at graph index {@code i}. */
    public Oid id(int i) {
        return ids[i];
    }

    /** Whether {@code ancestor} is reachable from {@code descendant} (a commit is its own ancestor). */
    public boolean isAncestor(Oid ancestor, Oid descendant) {
        return reachable(indexOf(descendant)).get(indexOf(ancestor));
    }

    private BitSet reachable(int tip) {
        BitSet s = reach.get(tip);
        if (s == null) {
            s = new BitSet(ids.length);
            traverse(tip, null, s, new boolean[1], -1);
            reach.put(tip, s);
        }
        return s;
    }

    /** Marks in {@code in} every commit reachable from {@code from} without passing through {@code stop}. */
    private void traverse(int from, BitSet stop, BitSet in, boolean[] hit, int target) {
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = from;
        while (top > 0) {
            int c = stack[--top];
            if (stop != null && stop.get(c)) {
                if (c == target) {
                    hit[0] = true;
                }
                continue;
            }
            if (in.get(c)) {
                continue;
            }
            in.set(c);
            for (int k = start[c]; k < start[c + 1]; k++) {
                int p = edges[k];
                if (p >= 0 && !in.get(p)) {
                    if (top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                    }
                    stack[top++] = p;
                }
            }
        }
    }

    private int indexOf(Oid commit) {
        Integer i = index.get(commit);
        if (i == null) {
            throw new IllegalArgumentException("commit " + commit.abbrev(12) + " is not in the commit graph");
        }
        return i;
    }

    private List<Oid> ids(BitSet set) {
        List<Oid> out = new ArrayList<>(set.cardinality());
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            out.add(ids[i]);
        }
        return out;
    }
}
