package dev.oxmeter.model;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Totals per row (a language name or one of {@link Rows}) for one tree, and the sums of every blob analysis metric
 * over the files counted in language rows (keyed {@link Metric#key()}, e.g. {@code rust_safety.unsafe_blocks}).
 * Immutable; rows and metrics with nothing are absent.
 */
public record Composition(Map<String, Totals> rows, Map<String, Long> metrics) {
    public static final Composition EMPTY = new Composition(Map.of(), Map.of());

    public Composition {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        metrics = Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
    }

    public Composition(Map<String, Totals> rows) {
        this(rows, Map.of());
    }

    /** The sum of {@code metric} over the tree's counted files (0 when none has any). */
    public long metric(Metric metric) {
        return metrics.getOrDefault(metric.key(), 0L);
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
        private final Map<String, Long> metrics = new HashMap<>();

        public Builder add(String row, Totals t) {
            rows.merge(row, t, Totals::plus);
            return this;
        }

        public Builder metric(Metric metric, long value) {
            return metric(metric.key(), value);
        }

        /** Adds {@code value} to the sum keyed {@code key} (a {@link Metric#key()}, as stored). */
        public Builder metric(String key, long value) {
            if (value != 0) {
                metrics.merge(key, value, Long::sum);
            }
            return this;
        }

        public Builder addAll(Composition c) {
            c.rows().forEach(this::add);
            c.metrics().forEach(this::metric);
            return this;
        }

        public Composition build() {
            return rows.isEmpty() && metrics.isEmpty() ? EMPTY : new Composition(rows, metrics);
        }
    }
}
