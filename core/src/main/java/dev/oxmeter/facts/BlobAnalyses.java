package dev.oxmeter.facts;

import java.util.List;

/** The registry of blob analyses run on every unique blob (besides line counting). */
public final class BlobAnalyses {
    private BlobAnalyses() {
    }

    public static List<BlobAnalysis> all() {
        return List.of();
    }
}
