package dev.oxmeter.facts;

import dev.oxmeter.model.Metric;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Named integer results of one blob analysis (e.g. {@code unsafe_blocks=3}), keyed by the names of the
 * {@link Metric}s it declares; an absent name is 0. Immutable. Read one value through
 * {@link BlobFacts#metric(Metric)}, which knows the analysis, rather than by a name spelt again.
 */
public record Metrics(SortedMap<String, Long> values) {
    public static final Metrics EMPTY = new Metrics(new TreeMap<>());

    public Metrics {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public static Metrics of(Map<String, Long> values) {
        return new Metrics(new TreeMap<>(values));
    }

    // written out, as the record's would be (see FactsKey): metric sets are interned by value

    @Override
    public boolean equals(Object o) {
        return o instanceof Metrics m && values.equals(m.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
