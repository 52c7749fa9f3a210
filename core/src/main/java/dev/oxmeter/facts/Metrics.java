package dev.oxmeter.facts;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Named integer results of one blob analysis (e.g. {@code unsafe_blocks=3}). Immutable; keys are stable names
 * that become column values in the store, so renaming one is a schema change (bump the analysis version).
 */
public record Metrics(SortedMap<String, Long> values) {
    public static final Metrics EMPTY = new Metrics(new TreeMap<>());

    public Metrics {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public static Metrics of(Map<String, Long> values) {
        return new Metrics(new TreeMap<>(values));
    }

    /** The value of {@code key}, or 0 when the analysis did not report it. */
    public long get(String key) {
        return values.getOrDefault(key, 0L);
    }
}
