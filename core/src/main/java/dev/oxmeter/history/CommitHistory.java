package dev.oxmeter.history;

import dev.oxmeter.source.CommitWalker;
import dev.oxmeter.source.Oid;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Brings the commit facts of a history up to date in one walk: every commit reachable from the tips whose facts are
 * not cached yet is read once (see {@link CommitWalker}) and saved in batches, so an interrupted run keeps what it
 * did. Later runs and other commands reuse the facts by commit id.
 */
public final class CommitHistory {
    /** Commits per saved batch (one store transaction each). */
    public static final int BATCH = 2000;

    private CommitHistory() {
    }

    /**
     * Walks what is missing from {@code cache} under {@code tips}.
     *
     * @param progress receives the number of commits read so far, after each batch
     */
    public static CommitWalker.WalkStats update(CommitWalker walker, CommitFactsCache cache, Collection<Oid> tips,
                                                LongConsumer progress) {
        java.util.Set<Oid> complete = new java.util.HashSet<>(cache.completeTips());
        List<Oid> todo = tips.stream().distinct().filter(t -> !complete.contains(t)).toList();
        if (todo.isEmpty()) {
            return new CommitWalker.WalkStats(0, 0, 0, 0);
        }
        List<CommitFacts> batch = new ArrayList<>(BATCH);
        long[] done = {0};
        CommitWalker.WalkStats stats = walker.walk(todo, complete, cache::isKnown, info -> {
            batch.add(CommitFacts.of(info));
            if (batch.size() >= BATCH) {
                cache.save(batch);
                done[0] += batch.size();
                batch.clear();
                progress.accept(done[0]);
            }
        });
        cache.save(batch);
        done[0] += batch.size();
        progress.accept(done[0]);
        cache.markComplete(todo);
        return stats;
    }
}
