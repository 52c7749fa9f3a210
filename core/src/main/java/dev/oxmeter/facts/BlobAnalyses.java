package dev.oxmeter.facts;

import java.util.List;

/**
 * The registry of every {@link BlobAnalysis} oxmeter runs: a plain immutable list, so adding an analysis is one
 * line here. Names must be unique (they are part of the store's cache key); a test checks that.
 */
public final class BlobAnalyses {
    /** All analyses, in a stable order. Immutable; the analyses are stateless and thread-safe. */
    public static final List<BlobAnalysis> ALL = List.of(
            new RustSafetyAnalysis(),
            new RustBoundaryAnalysis(),
            new CHelperAnalysis());

    private BlobAnalyses() {
    }

    /** {@link #ALL}; a method for callers that prefer one. */
    public static List<BlobAnalysis> all() {
        return ALL;
    }
}
