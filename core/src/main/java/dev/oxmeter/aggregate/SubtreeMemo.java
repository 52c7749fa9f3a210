package dev.oxmeter.aggregate;

import dev.oxmeter.model.Totals;

import dev.oxmeter.model.Composition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every subtree composition of a run, keyed by {@link SubtreeKey}, each kept as one {@code long[]}
 * {@code [rows, (name, files, lines, code, comment, blank, bytes)..., (name, value)...]} with names interned (about
 * 100 bytes plus 56 per row), so that an unchanged subtree of a later revision costs one lookup. The engine composes
 * in this encoding ({@link Tally}); {@link #decode} gives the {@link Composition}.
 *
 * <p>Not thread-safe: used by the engine's calling thread only.
 */
final class SubtreeMemo {
    private final Map<SubtreeKey, long[]> memo = new HashMap<>();
    /** Contexts (paths) of the keys kept: one string per path, shared by every version of its subtree. */
    private final Map<String, String> contexts = new HashMap<>();
    private final Map<String, Integer> nameIds = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    boolean contains(SubtreeKey key) {
        return memo.containsKey(key);
    }

    void put(SubtreeKey key, Composition c) {
        put(key, encode(c));
    }

    /** Keeps {@code encoded} (in this memo's encoding, not to be changed afterwards) under {@code key}. */
    void put(SubtreeKey key, long[] encoded) {
        String context = contexts.putIfAbsent(key.context(), key.context());
        memo.put(context == null ? key : new SubtreeKey(key.tree(), context), encoded);
    }

    /** The composition saved under {@code key} in this memo's encoding (not to be changed), or null. */
    long[] get(SubtreeKey key) {
        return memo.get(key);
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
}
