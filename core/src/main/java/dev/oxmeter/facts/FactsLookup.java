package dev.oxmeter.facts;

import java.util.Collection;
import java.util.Map;

/** Finds facts computed by earlier runs (a persistent store). Implementations need not be thread-safe. */
@FunctionalInterface
public interface FactsLookup {
    /** Finds nothing: every blob is measured. */
    FactsLookup NONE = keys -> Map.of();

    /**
     * The complete facts known for any of {@code keys}; keys not known are absent from the result. The caller
     * checks {@link BlobFacts#holdsUnder(long)}; a lookup that keeps facts measured under several size limits
     * should return the ones that hold under the caller's.
     */
    Map<FactsKey, BlobFacts> find(Collection<FactsKey> keys);
}
