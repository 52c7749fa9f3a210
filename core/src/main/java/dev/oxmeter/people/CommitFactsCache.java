package dev.oxmeter.people;

import dev.oxmeter.model.Oid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where commit facts are kept between runs: the DuckDB store ({@code store.CommitStore}) or memory
 * ({@link InMemoryCommitFacts}). Implementations need not be thread-safe.
 */
public interface CommitFactsCache extends dev.oxmeter.timeline.Timeline.KnownCommits {
    /**
     * The commit graph known to the cache: each commit whose header was read, with its parents as the commit
     * states them (a commit id fixes its parents, so entries stay true whatever the repository becomes).
     */
    Map<Oid, List<Oid>> parents();

    /** Adds commits' parents (commits not yet in {@link #parents()}), all or nothing. */
    void saveParents(Map<Oid, List<Oid>> batch);

    /** Whether facts of {@code id} are in the cache. */
    boolean isKnown(Oid id);

    /** Adds facts of commits not yet in the cache, all or nothing. */
    void save(List<CommitFacts> batch);

    /**
     * The non-merge commits that change at least one file of {@code language} (by catalog name), each with only
     * its files of that language; in no particular order. Exclusions are not applied here.
     */
    List<CommitFacts> touching(String language);

    /**
     * {@link #touching(String)} with only the trailers whose key (canonical spelling, {@link Trailer#canonicalKey})
     * is in {@code trailerKeys}: what counting needs, which on a store is a fraction of all trailers (most are
     * sign-offs).
     */
    default List<CommitFacts> touching(String language, Set<String> trailerKeys) {
        List<CommitFacts> out = new ArrayList<>();
        for (CommitFacts c : touching(language)) {
            out.add(withTrailers(c, trailerKeys));
        }
        return out;
    }

    /** {@code c} with only the trailers whose key is in {@code trailerKeys}. */
    static CommitFacts withTrailers(CommitFacts c, Set<String> trailerKeys) {
        List<CommitFacts.PersonTrailer> kept = new ArrayList<>();
        for (CommitFacts.PersonTrailer t : c.trailers()) {
            if (trailerKeys.contains(t.key())) {
                kept.add(t);
            }
        }
        return kept.size() == c.trailers().size() ? c : new CommitFacts(c.id(), c.parents(), c.author(),
                c.authorTime(), c.commitTime(), c.subject(), kept, c.files());
    }

    /**
     * A commit whose facts are kept, with its committer time and first parent, so that a first-parent walk
     * reads no commit the cache knows; null when its facts are not kept. This default knows none.
     */
    @Override
    default Step step(Oid commit) {
        return null;
    }
}
