package dev.oxmeter.facts;

import dev.oxmeter.model.Metric;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of every {@link BlobAnalysis} oxmeter runs: a plain immutable list, so adding an analysis is one
 * line here. Names must be unique (they are part of the store's cache key); a test checks that. The registry also
 * indexes the metrics the analyses declare, so a metric named by its key is found here or is an error.
 */
public final class BlobAnalyses {
    /** All analyses, in a stable order. Immutable; the analyses are stateless and thread-safe. */
    public static final List<BlobAnalysis> ALL = List.of(
            new RustSafetyAnalysis(),
            new RustBoundaryAnalysis(),
            new CHelperAnalysis());

    private static final Map<String, Metric> BY_KEY = index(ALL);

    private BlobAnalyses() {
    }

    /** {@link #ALL}; a method for callers that prefer one. */
    public static List<BlobAnalysis> all() {
        return ALL;
    }

    /** Every declared metric of every registered analysis, in registry then declaration order. Immutable. */
    public static List<Metric> metrics() {
        return List.copyOf(BY_KEY.values());
    }

    /**
     * The declared metric whose {@link Metric#key()} is {@code key} ({@code rust_safety.unsafe_blocks}). Cost: one
     * hash lookup; thread-safe.
     *
     * @throws UnknownMetricException when no registered analysis declares it, naming what is declared
     */
    public static Metric metric(String key) {
        Metric m = BY_KEY.get(key);
        if (m != null) {
            return m;
        }
        int dot = key.indexOf('.');
        for (BlobAnalysis a : ALL) {
            if (dot > 0 && a.name().equals(key.substring(0, dot))) {
                return a.metric(key.substring(dot + 1)); // throws, naming the analysis's metrics
            }
        }
        throw new UnknownMetricException("unknown metric '" + key + "': metrics are named analysis.metric, and the "
                + "analyses are " + String.join(", ", ALL.stream().map(BlobAnalysis::name).toList()));
    }

    /** The metrics of {@code analyses} by key; throws when one is declared twice or under another analysis. */
    static Map<String, Metric> index(List<BlobAnalysis> analyses) {
        Map<String, Metric> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (BlobAnalysis a : analyses) {
            for (Metric m : a.metrics()) {
                if (!m.analysis().equals(a.name())) {
                    problems.add(m.key() + " is declared by " + a.name());
                } else if (out.putIfAbsent(m.key(), m) != null) {
                    problems.add(m.key() + " is declared twice");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("metric declarations: " + String.join("; ", problems));
        }
        return Collections.unmodifiableMap(out);
    }
}
