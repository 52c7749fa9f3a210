package dev.oxmeter.facts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memo of blob facts for the current analysis versions. The in-memory implementation is thread-safe; a persistent
 * store looks facts up on demand and saves what {@link #drainAdded()} returns.
 */
public final class FactsCache {
    private final Map<FactsKey, BlobFacts> known = new ConcurrentHashMap<>();
    private final Map<FactsKey, BlobFacts> added = new ConcurrentHashMap<>();

    /** The facts for {@code key}, or null when not known yet. */
    public BlobFacts get(FactsKey key) {
        return known.get(key);
    }

    /** Records facts loaded from a persistent store (not reported by {@link #drainAdded()}). */
    public void preload(FactsKey key, BlobFacts facts) {
        known.put(key, facts);
    }

    /** Records newly computed facts. */
    public void put(FactsKey key, BlobFacts facts) {
        known.put(key, facts);
        added.put(key, facts);
    }

    /** Returns and forgets the facts computed since the last call. */
    public Map<FactsKey, BlobFacts> drainAdded() {
        Map<FactsKey, BlobFacts> out = new java.util.HashMap<>();
        for (FactsKey k : added.keySet()) {
            BlobFacts f = added.remove(k);
            if (f != null) {
                out.put(k, f);
            }
        }
        return out;
    }

}
