package dev.oxmeter.aggregate;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Totals per row (a language name or one of {@link Rows}) for one tree. Immutable; rows with nothing are absent.
 */
public record Composition(Map<String, Totals> rows) {
    public static final Composition EMPTY = new Composition(Map.of());

    public Composition {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    public Totals row(String name) {
        return rows.getOrDefault(name, Totals.ZERO);
    }

    /** Sum of every row: the whole tree. */
    public Totals total() {
        Totals t = Totals.ZERO;
        for (Totals r : rows.values()) {
            t = t.plus(r);
        }
        return t;
    }

    /** Accumulates rows; not thread-safe. */
    public static final class Builder {
        private final Map<String, Totals> rows = new HashMap<>();

        public Builder add(String row, Totals t) {
            rows.merge(row, t, Totals::plus);
            return this;
        }

        public Builder addAll(Composition c) {
            c.rows().forEach(this::add);
            return this;
        }

        public Composition build() {
            return rows.isEmpty() ? EMPTY : new Composition(rows);
        }
    }
}
