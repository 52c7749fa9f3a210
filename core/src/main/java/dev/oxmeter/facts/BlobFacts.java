package dev.oxmeter.facts;

import dev.oxmeter.model.Metric;

import dev.oxmeter.count.LineCounts;
import dev.oxmeter.source.BlobContent;
import java.util.Map;
import java.util.Objects;

/**
 * Everything oxmeter knows about one blob under one detection class: its language (as named in the catalog),
 * how it was treated, its size, its line counts (zero unless {@link BlobKind#TEXT}), and the metrics of every
 * registered analysis that applies to its language, keyed by analysis name.
 *
 * <p>Immutable. A pure function of (blob content, detection class, analysis versions) and of one option, the
 * size limit: whether a blob is {@link BlobKind#TOO_LARGE} depends on it, so {@link #holdsUnder(long)} is asked
 * before facts computed under another limit are reused.
 */
public record BlobFacts(String language, BlobKind kind, long bytes, LineCounts counts, Map<String, Metrics> metrics) {
    public BlobFacts {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(counts, "counts");
        metrics = Map.copyOf(metrics);
    }

    /**
     * True when these facts are what measuring the blob under a size limit of {@code maxBlobBytes} gives: facts
     * of a blob read whole hold up to its size, facts of a blob too large to read hold below it. Binary content
     * is sniffed from the head either way.
     */
    public boolean holdsUnder(long maxBlobBytes) {
        boolean readWhole = bytes <= maxBlobBytes && bytes <= BlobContent.MAX_WHOLE_BYTES;
        return switch (kind) {
            case TEXT -> readWhole;
            case TOO_LARGE -> !readWhole;
            default -> true;
        };
    }

    /** The metrics of analysis {@code name}, or {@link Metrics#EMPTY} when it did not apply. */
    public Metrics metrics(String name) {
        return metrics.getOrDefault(name, Metrics.EMPTY);
    }

    /** The value of {@code metric} for this blob: 0 when its analysis did not apply or counted none. */
    public long metric(Metric metric) {
        return metrics(metric.analysis()).values().getOrDefault(metric.name(), 0L);
    }
}
