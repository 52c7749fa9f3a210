package dev.oxmeter.facts;

import dev.oxmeter.count.LineCounts;
import java.util.Map;
import java.util.Objects;

/**
 * Everything oxmeter knows about one blob under one detection class: its language (as named in the catalog),
 * how it was treated, its size, its line counts (zero unless {@link BlobKind#TEXT}), and the metrics of every
 * registered analysis that applies to its language, keyed by analysis name.
 *
 * <p>Immutable. A pure function of (blob content, detection class, analysis versions), hence memoizable forever.
 */
public record BlobFacts(String language, BlobKind kind, long bytes, LineCounts counts, Map<String, Metrics> metrics) {
    public BlobFacts {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(counts, "counts");
        metrics = Map.copyOf(metrics);
    }

    /** The metrics of analysis {@code name}, or {@link Metrics#EMPTY} when it did not apply. */
    public Metrics metrics(String name) {
        return metrics.getOrDefault(name, Metrics.EMPTY);
    }
}
