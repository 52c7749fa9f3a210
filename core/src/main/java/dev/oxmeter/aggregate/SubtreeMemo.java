package dev.oxmeter.aggregate;

import dev.oxmeter.model.Totals;

import dev.oxmeter.model.Composition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every subtree composition of a run, keyed by {@link SubtreeKey}, each kept as one {@code long[]}
 * {@code [rows, (name, files, lines, code, comment, blank, bytes)..., (name, value)...]} with names interned (about
 * 100 bytes plus 56 per row), so that an unchanged subtree of a later revision costs one lookup.
 *
 * <p>Not thread-safe: used by the engine's calling thread only.
 */
final class SubtreeMemo {
    private final Map<SubtreeKey, long[]> memo = new HashMap<>();
    private final Map<String, Integer> nameIds = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    boolean contains(SubtreeKey key) {
        return memo.containsKey(key);
    }

    void put(SubtreeKey key, Composition c) {
        memo.put(key, encode(c));
    }

    /** Adds the composition saved under {@code key} to {@code b}; false (and nothing added) when there is none. */
    boolean addTo(SubtreeKey key, Composition.Builder b) {
        long[] e = memo.get(key);
        if (e == null) {
            return false;
        }
        int rows = (int) e[0];
        int i = 1;
        for (int r = 0; r < rows; r++, i += 7) {
            b.add(names.get((int) e[i]), new Totals(e[i + 1], e[i + 2], e[i + 3], e[i + 4], e[i + 5], e[i + 6]));
        }
        for (; i < e.length; i += 2) {
            b.metric(names.get((int) e[i]), e[i + 1]);
        }
        return true;
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

    private int nameId(String name) {
        Integer id = nameIds.get(name);
        if (id == null) {
            id = names.size();
            names.add(name);
            nameIds.put(name, id);
        }
        return id;
    }
}
