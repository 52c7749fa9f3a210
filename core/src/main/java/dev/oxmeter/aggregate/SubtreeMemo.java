package dev.oxmeter.aggregate;

import dev.oxmeter.model.Totals;

import dev.oxmeter.model.Composition;

import dev.oxmeter.model.Oid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every subtree composition of a run, keyed by {@link SubtreeKey}, so that an unchanged subtree of a later revision
 * costs one lookup. A composition is encoded as {@code [rows, (name, files, lines, code, comment, blank, bytes)...,
 * (name, value)...]} with row and metric names interned; the engine composes in that encoding ({@link Tally}),
 * {@link #decode} gives the {@link Composition}.
 *
 * <p>Kept in a few large arrays rather than objects per subtree, since a kernel history composes about 700,000
 * subtrees that live for the whole run: each key is three longs (its tree id and an interned context) plus an
 * open-addressing table of ints at most 60 % full, each encoding is copied into chunks of 8 MiB (about 16 bytes
 * plus 56 per row and 16 per metric). Not thread-safe: used by the engine's calling thread only.
 */
final class SubtreeMemo {
    private static final int CHUNK = 1 << 20;

    private final Map<String, Integer> contextIds = new HashMap<>();
    private final Map<String, Integer> nameIds = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    /** Entry + 1 per slot; 0 marks a free slot. */
    private int[] table = new int[1 << 12];
    /** Per entry: the tree id's w1, w2, and w3 with the context id above it. */
    private long[] keys = new long[3 * 1024];
    /** Per entry: its encoding's chunk (high word) and offset in it, where the encoding's length comes first. */
    private long[] refs = new long[1024];
    private int size;
    private final List<long[]> chunks = new ArrayList<>();
    private int used = CHUNK;

    boolean contains(SubtreeKey key) {
        return find(key, false) >= 0;
    }

    void put(SubtreeKey key, Composition c) {
        put(key, encode(c));
    }

    /** Keeps a copy of {@code encoded} (in this memo's encoding) under {@code key}. */
    void put(SubtreeKey key, long[] encoded) {
        if (encoded.length + 1 > CHUNK) {
            throw new IllegalStateException("a subtree composition of " + encoded.length + " numbers");
        }
        if (used + encoded.length + 1 > CHUNK) {
            chunks.add(new long[CHUNK]);
            used = 0;
        }
        long[] c = chunks.get(chunks.size() - 1);
        c[used] = encoded.length;
        System.arraycopy(encoded, 0, c, used + 1, encoded.length);
        int e = find(key, true); // first: finding may grow refs
        refs[e] = (long) (chunks.size() - 1) << 32 | used;
        used += encoded.length + 1;
    }

    /** Adds the composition kept under {@code key} to {@code t}; false (and nothing added) when there is none. */
    boolean addTo(SubtreeKey key, Tally t) {
        int e = find(key, false);
        if (e < 0) {
            return false;
        }
        long ref = refs[e];
        long[] c = chunks.get((int) (ref >>> 32));
        int at = (int) ref;
        t.add(c, at + 1, at + 1 + (int) c[at]);
        return true;
    }

    /** The composition of an encoding of this memo. */
    Composition decode(long[] e) {
        int rows = (int) e[0];
        Map<String, Totals> r = new LinkedHashMap<>();
        Map<String, Long> m = new HashMap<>();
        int i = 1;
        for (int n = 0; n < rows; n++, i += 7) {
            r.put(names.get((int) e[i]), new Totals(e[i + 1], e[i + 2], e[i + 3], e[i + 4], e[i + 5], e[i + 6]));
        }
        for (; i < e.length; i += 2) {
            m.put(names.get((int) e[i]), e[i + 1]);
        }
        return r.isEmpty() && m.isEmpty() ? Composition.EMPTY : new Composition(r, m);
    }

    /** The files of row {@code name} in an encoding of this memo. */
    static long files(long[] e, int name) {
        int rows = (int) e[0];
        for (int n = 0, i = 1; n < rows; n++, i += 7) {
            if (e[i] == name) {
                return e[i + 1];
            }
        }
        return 0;
    }

    private long[] encode(Composition c) {
        long[] e = new long[1 + c.rows().size() * 7 + c.metrics().size() * 2];
        e[0] = c.rows().size();
        int i = 1;
        for (Map.Entry<String, Totals> r : c.rows().entrySet()) {
            Totals t = r.getValue();
            e[i++] = nameId(r.getKey());
            e[i++] = t.files();
            e[i++] = t.lines();
            e[i++] = t.code();
            e[i++] = t.comment();
            e[i++] = t.blank();
            e[i++] = t.bytes();
        }
        for (Map.Entry<String, Long> m : c.metrics().entrySet()) {
            e[i++] = nameId(m.getKey());
            e[i++] = m.getValue();
        }
        return e;
    }

    /** The id of a row or metric name in this memo's encoding, interned on first use. */
    int nameId(String name) {
        Integer id = nameIds.get(name);
        if (id == null) {
            id = names.size();
            names.add(name);
            nameIds.put(name, id);
        }
        return id;
    }

    private static int slot(long w1, int context, int mask) {
        return (int) (w1 ^ (w1 >>> 29) ^ context * 0x9E3779B9L) & mask;
    }

    /** The entry of {@code key}; with {@code create} a new entry is claimed for a new key, else -1. */
    private int find(SubtreeKey key, boolean create) {
        Integer ctx = contextIds.get(key.context());
        if (ctx == null) {
            if (!create) {
                return -1;
            }
            ctx = contextIds.size();
            contextIds.put(key.context(), ctx);
        }
        Oid o = key.tree();
        long last = Integer.toUnsignedLong(o.w3()) | (long) ctx << 32;
        int mask = table.length - 1;
        int slot = slot(o.w1(), ctx, mask);
        for (int e1 = table[slot]; e1 != 0; e1 = table[slot]) {
            int k = (e1 - 1) * 3;
            if (keys[k] == o.w1() && keys[k + 1] == o.w2() && keys[k + 2] == last) {
                return e1 - 1;
            }
            slot = (slot + 1) & mask;
        }
        if (!create) {
            return -1;
        }
        if ((size + 1) * 10L > table.length * 6L) {
            rehash(table.length * 2);
            return find(key, true);
        }
        int e = size++;
        if (e == refs.length) {
            refs = Arrays.copyOf(refs, e + (e >> 1));
            keys = Arrays.copyOf(keys, refs.length * 3);
        }
        keys[e * 3] = o.w1();
        keys[e * 3 + 1] = o.w2();
        keys[e * 3 + 2] = last;
        table[slot] = e + 1;
        return e;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        int mask = capacity - 1;
        for (int e = 0; e < size; e++) {
            int slot = slot(keys[e * 3], (int) (keys[e * 3 + 2] >>> 32), mask);
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = e + 1;
        }
    }
}
