package dev.oxmeter.aggregate;

import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Rows;
import java.util.Collection;
import java.util.Map;

/**
 * Compositions of subtrees saved by earlier runs, so that a run with one new release reads only that release's new
 * trees and blobs. A subtree's composition depends only on its tree id, its path (exclusion rules look at paths),
 * the {@code .gitattributes} in force above it, the scan options and the analysis versions; implementations key it
 * by the first three ({@link SubtreeKey}) and fix the last two. Need not be thread-safe: the engine calls it from
 * one thread.
 */
public interface SubtreeStore {
    /** The saved compositions of any of {@code keys}; keys never saved are absent. */
    Map<SubtreeKey, Composition> find(Collection<SubtreeKey> keys);

    /** Saves complete compositions (never ones with {@link Rows#MISSING} files) in one transaction. */
    void save(Map<SubtreeKey, Composition> compositions);
}
