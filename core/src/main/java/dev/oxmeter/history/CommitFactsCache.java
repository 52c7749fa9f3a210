package dev.oxmeter.history;

import dev.oxmeter.source.Oid;
import java.util.Collection;
import java.util.List;

/**
 * Where commit facts are kept between runs: the DuckDB store ({@code store.CommitStore}) or memory
 * ({@link InMemoryCommitFacts}). Implementations need not be thread-safe.
 */
public interface CommitFactsCache {
    /** Commits whose whole ancestry has facts in the cache (tips of completed walks). */
    Collection<Oid> completeTips();

    /** Whether facts of {@code id} are in the cache. */
    boolean isKnown(Oid id);

    /** Adds facts of commits not yet in the cache, all or nothing. */
    void save(List<CommitFacts> batch);

    /** Records that the whole ancestry of each of {@code tips} is now in the cache. */
    void markComplete(Collection<Oid> tips);

    /**
     * The non-merge commits that change at least one file of {@code language} (by catalog name), each with only
     * its files of that language; in no particular order. Exclusions are not applied here.
     */
    List<CommitFacts> touching(String language);
}
