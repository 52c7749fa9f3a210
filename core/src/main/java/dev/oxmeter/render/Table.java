package dev.oxmeter.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A result table, independent of how it is printed: a title, named columns, rows of cells (String, Number or
 * null), an optional totals row, and metadata (printed as the title block of a table, as top-level fields in JSON,
 * and not at all in CSV). Immutable.
 */
public record Table(String title, List<String> columns, List<List<Object>> rows, List<Object> total,
                    Map<String, Object> meta) {
    public Table {
        Objects.requireNonNull(columns, "columns");
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + r.size() + " cells, expected " + columns.size());
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = Collections.unmodifiableList(copy);
        total = total == null ? null : Collections.unmodifiableList(new ArrayList<>(total));
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    /** Builds a table row by row; not thread-safe. */
    public static final class Builder {
        private final String title;
        private final List<String> columns;
        private final List<List<Object>> rows = new ArrayList<>();
        private final Map<String, Object> meta = new LinkedHashMap<>();
        private List<Object> total;

        public Builder(String title, String... columns) {
            this(title, List.of(columns));
        }

        public Builder(String title, List<String> columns) {
            this.title = title;
            this.columns = List.copyOf(columns);
        }

        public Builder row(Object... cells) {
            rows.add(java.util.Arrays.asList(cells));
            return this;
        }

        public Builder row(List<Object> cells) {
            rows.add(cells);
            return this;
        }

        public Builder total(Object... cells) {
            this.total = java.util.Arrays.asList(cells);
            return this;
        }

        public Builder meta(String key, Object value) {
            meta.put(key, value);
            return this;
        }

        public Table build() {
            return new Table(title, columns, rows, total, meta);
        }
    }
}
