package dev.oxmeter.facts;

import dev.oxmeter.model.Metric;

import dev.oxmeter.language.Language;
import java.util.List;

/**
 * A per-blob analysis: a pure function of a blob's bytes and language, memoized by
 * (blob id, analysis name, version) in the store, so it runs once per unique content ever.
 *
 * <p>Implementations are stateless and thread-safe. Bump {@link #version()} whenever results can change; only
 * that analysis's cached facts are then recomputed. Every name {@link #analyze} reports is one of {@link #metrics()}.
 */
public interface BlobAnalysis {
    /** Stable identifier, lower_snake_case, e.g. {@code rust_safety}. */
    String name();

    /** Version of the algorithm; part of the cache key. */
    int version();

    /**
     * The metrics this analysis reports, each declared once (name, unit, meaning), in the order commands print
     * them. {@link #analyze} reports no other name; a name it leaves out is 0.
     */
    List<Metric> metrics();

    /** The declared metric {@code name} of this analysis; throws {@link UnknownMetricException} for another name. */
    default Metric metric(String name) {
        for (Metric m : metrics()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new UnknownMetricException("unknown metric '" + name + "' of analysis " + name() + " (it declares "
                + String.join(", ", metrics().stream().map(Metric::name).toList()) + ")");
    }

    /** Whether this analysis has anything to say about files of {@code language}. */
    boolean appliesTo(Language language);

    /** Analyses {@code len} bytes of {@code data} from {@code off}; never retains the array. */
    Metrics analyze(byte[] data, int off, int len);

    /**
     * Analyses a blob whose derived views (token streams) other analyses of the same computation may share; what
     * {@link FactsComputer} calls. Same result as {@link #analyze(byte[], int, int)} on the same bytes, which is
     * the default; analyses that read tokens override it to take them from {@code text}.
     */
    default Metrics analyze(BlobText text) {
        return analyze(text.data(), text.offset(), text.length());
    }
}
