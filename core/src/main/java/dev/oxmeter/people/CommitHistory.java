package dev.oxmeter.people;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Progress;
import dev.oxmeter.source.CommitWalker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Brings the commit facts of a history up to date: first the commit graph (each commit's parents, kept in the
 * cache, so a later run reads no commit it has seen), then, with the number of commits to read known, every
 * reachable commit whose facts are not cached is read once (see {@link CommitWalker}) and saved in batches, so an
 * interrupted run keeps what it did. Later runs and other commands reuse the facts by commit id.
 *
 * <p>Facts that depend on something absent are never saved: a shallow clone's boundary commits (their parents were
 * not fetched) are not read at all, and a commit diffed with a missing blob is kept for this run only.
 */
public final class CommitHistory {
    /** Commits per saved batch (one store transaction each). */
    public static final int BATCH = 2000;

    private CommitHistory() {
    }

    /**
     * What {@link #update} produced.
     *
     * @param stats       what the walk cost
     * @param graph       the commit graph of everything reachable from the tips
     * @param provisional facts computed with missing blobs ({@code --allow-missing}): valid for this run only
     * @param shallow     shallow boundary commits reached (their changes are unknown, history before them absent)
     */
    public record Update(CommitWalker.WalkStats stats, CommitGraph graph, InMemoryCommitFacts provisional,
                         List<Oid> shallow) {
        /** The commits touching {@code language}: the cache's and this run's provisional ones. */
        public List<CommitFacts> touching(CommitFactsCache cache, String language) {
            List<CommitFacts> out = new ArrayList<>(cache.touching(language));
            out.addAll(provisional.touching(language));
            return out;
        }

        /** {@link #touching(CommitFactsCache, String)} with only the trailers whose key is in {@code trailerKeys}. */
        public List<CommitFacts> touching(CommitFactsCache cache, String language, Set<String> trailerKeys) {
            List<CommitFacts> out = new ArrayList<>(cache.touching(language, trailerKeys));
            out.addAll(provisional.touching(language, trailerKeys));
            return out;
        }
    }

    /**
     * Reads what is missing from {@code cache} under {@code tips}.
     *
     * @param allowMissing when false, a changed file whose content is absent stops the run; when true it counts 0
     *                     lines and its commit's facts are provisional (not saved)
     * @param progress     a "commits" phase with the number of commits to read, one step per commit read
     * @throws OxmeterException when a commit or (without {@code allowMissing}) a changed blob is missing
     */
    public static Update update(CommitWalker walker, CommitFactsCache cache, Collection<Oid> tips,
                                boolean allowMissing, Progress progress) {
        long t0 = System.nanoTime();
        Set<Oid> shallow = walker.shallowCommits();
        Map<Oid, List<Oid>> stored = cache.parents();
        Map<Oid, Oid> trees = new HashMap<>();
        Map<Oid, List<Oid>> fresh = new LinkedHashMap<>();
        List<Oid> boundary = new ArrayList<>();
        // breadth first from the tips, numbering each commit when first met: the numbers are the graph's indices
        // and the list of ids is the queue, so one map does the work of a seen-set, an order and a graph index
        Map<Oid, Integer> index = new HashMap<>(Math.max(16, stored.size() * 4 / 3 + 16));
        List<Oid> ids = new ArrayList<>(stored.size() + 16);
        for (Oid t : tips) {
            if (index.putIfAbsent(t, ids.size()) == null) {
                ids.add(t);
            }
        }
        int[] start = new int[ids.size() + 1];
        int[] edges = new int[Math.max(16, stored.size() + stored.size() / 8)];
        int e = 0;
        try (CommitWalker.HeaderReader headers = walker.headerReader()) {
            for (int k = 0; k < ids.size(); k++) {
                Oid id = ids.get(k);
                List<Oid> parents = stored.get(id);
                if (parents == null) {
                    CommitWalker.Header h = headers.read(id);
                    parents = h.parents();
                    trees.put(id, h.tree());
                    fresh.put(id, parents);
                }
                if (k + 1 >= start.length) {
                    start = java.util.Arrays.copyOf(start, Math.max(start.length * 2, k + 2));
                }
                start[k] = e;
                if (shallow.contains(id)) {
                    // its parents were not fetched: the graph ends here, and its own changes are unknown
                    boundary.add(id);
                    continue;
                }
                if (e + parents.size() > edges.length) {
                    edges = java.util.Arrays.copyOf(edges, Math.max(edges.length * 2, e + parents.size()));
                }
                for (Oid p : parents) {
                    Integer j = index.get(p);
                    if (j == null) {
                        j = ids.size();
                        index.put(p, j);
                        ids.add(p);
                    }
                    edges[e++] = j;
                }
            }
        }
        int n = ids.size();
        if (n + 1 > start.length) {
            start = java.util.Arrays.copyOf(start, n + 1);
        }
        start[n] = e;
        CommitGraph graph = CommitGraph.of(ids.toArray(new Oid[0]), index, start, edges);
        List<Oid> order = ids;
        cache.saveParents(fresh);
        Set<Oid> cut = new HashSet<>(boundary);
        List<Oid> todo = new ArrayList<>();
        for (Oid id : order) {
            if (!cut.contains(id) && !cache.isKnown(id)) {
                todo.add(id);
            }
        }
        InMemoryCommitFacts provisional = new InMemoryCommitFacts();
        CommitWalker.WalkStats read = new CommitWalker.WalkStats(0, 0, 0, 0);
        if (!todo.isEmpty()) {
            progress.phase("commits", todo.size());
            List<CommitFacts> batch = new ArrayList<>(BATCH);
            read = walker.read(todo, trees::get, info -> {
                if (info.missingBlobs() > 0) {
                    if (!allowMissing) {
                        throw new OxmeterException(String.format(Locale.ROOT, "commit %s changes %s whose content "
                                + "is missing from the repository (partial or damaged clone?); --allow-missing "
                                + "counts such files with 0 lines", info.id().hex(),
                                info.missingBlobs() == 1 ? "a file" : info.missingBlobs() + " files"));
                    }
                    provisional.save(List.of(CommitFacts.of(info)));
                    return;
                }
                batch.add(CommitFacts.of(info));
                if (batch.size() >= BATCH) {
                    cache.save(batch);
                    batch.clear();
                }
            }, progress::step);
            cache.save(batch);
        }
        CommitWalker.WalkStats stats = new CommitWalker.WalkStats(order.size(), todo.size(),
                order.size() - todo.size() - boundary.size(), (System.nanoTime() - t0) / 1e9, read.missingBlobs(),
                boundary.size(), fresh.size());
        return new Update(stats, graph, provisional, List.copyOf(boundary));
    }

    /** The notice for a shallow history, naming what is affected; null when {@code boundary} is empty. */
    public static String shallowNotice(List<Oid> boundary) {
        if (boundary.isEmpty()) {
            return null;
        }
        String which = boundary.size() == 1 ? "boundary commit " + boundary.get(0).abbrev(12)
                : String.format(Locale.ROOT, "%,d boundary commits (e.g. %s)", boundary.size(),
                boundary.get(0).abbrev(12));
        return "the history is shallow: the parents of " + which + " were not fetched, so older commits are absent "
                + "and the boundary's own changes are not counted; 'git fetch --unshallow' gives the full counts";
    }
}
