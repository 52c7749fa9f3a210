package dev.oxmeter.aggregate;

import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.FactsCache;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.facts.FactsKey;
import dev.oxmeter.facts.FactsLookup;
import dev.oxmeter.language.Detection;
import dev.oxmeter.source.EntryKind;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Metric;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Progress;
import dev.oxmeter.model.Revision;
import dev.oxmeter.model.Rows;
import dev.oxmeter.model.Totals;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.source.TreeItem;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Computes the composition (totals per language) of revisions from git objects, measuring each unique blob once.
 *
 * <p>Three passes over a batch of revisions: (1) the {@link TreeWalk} reads each revision's tree level by level,
 * skipping subtrees already composed (same tree id, path and {@link AttributeLayers}) or saved by an earlier run
 * ({@link SubtreeStore}), classifies files ({@link EntryClassifier}, {@link ExclusionPolicy}) and collects the blobs
 * whose facts are not cached; (2) {@link BlobReaders} compute those facts on a bounded pool of workers, one
 * {@link ObjectSource} each; (3) facts are folded into per-tree compositions, memoized by subtree
 * ({@link SubtreeMemo}), so an unchanged subtree of the next release costs one map lookup; each file is folded by
 * the walk's classification and its facts-cache entry, without objects per file. Cost therefore grows
 * with unique content, not with revisions × files. The passes overlap: while the workers read a batch's blobs, the
 * calling thread walks the next batch, then composes the batch read.
 *
 * <p>Memory is bounded by the batch, not by the history: a batch ends when its walked trees hold
 * {@value #BATCH_ENTRIES} entries or it needs {@value #BATCH_BLOBS} blobs, at most two batches are held at once (one
 * being read, one being walked), and a batch's trees are dropped once composed. What stays for the whole run is
 * compact: blob facts in {@link FactsCache}'s primitive arrays, subtree compositions in {@link SubtreeMemo}'s.
 *
 * <p>Not thread-safe: one engine per run; it may be reused for several calls within that run (its memos stay).
 */
public final class CompositionEngine {
    static final int BATCH_ENTRIES = 400_000;
    static final int BATCH_BLOBS = 100_000;

    private final GitRepo repo;
    private final FactsComputer computer;
    private final FactsCache cache;
    private final ScanOptions options;
    private final int threads;
    private final Progress progress;
    private final Consumer<Map<FactsKey, BlobFacts>> persist;
    private final FactsLookup lookup;
    private final SubtreeStore subtreeStore;
    private final AttributeLayers layers = new AttributeLayers();
    private final EntryClassifier classifier;
    private final SubtreeMemo memo = new SubtreeMemo();
    private final TreeWalk walk;
    private int batchEntries = BATCH_ENTRIES;
    private int batchBlobs = BATCH_BLOBS;

    /** Compositions composed in the current batch (in the memo's encoding), to save to the {@link SubtreeStore}. */
    private final Map<SubtreeKey, long[]> fresh = new java.util.HashMap<>();
    /** One tally per tree depth, reused from subtree to subtree. */
    private final List<Tally> tallies = new java.util.ArrayList<>();
    /** Scratch for {@link FactsCache#read}. */
    private final long[] factsOf = new long[8];
    /** Per language id of the cache, its memo name id + 1 (0: not asked yet), negated when not a language row. */
    private int[] languageRows = new int[64];
    /** Per metric set id of the cache, its non-zero metrics as (memo name id, value) pairs; null: not asked yet. */
    private final List<long[]> metricPairs = new java.util.ArrayList<>();
    /** Per analysis and metric name, the memo name id of its key. */
    private final Map<String, Map<String, Integer>> metricNames = new java.util.HashMap<>();
    private int excludedRow = -1;
    /** Facts of absent blobs: kept for this run only, never persisted (the blob may be fetched later). */
    private final Map<FactsKey, BlobFacts> missingFacts = new ConcurrentHashMap<>();
    /** Corrupt blobs counted as (missing) under --allow-missing, by id, to be reported. */
    private final Set<Oid> corrupt = ConcurrentHashMap.newKeySet();
    private long revisions;
    private long fileEntries;
    private long blobsRead;
    private long blobsCached;
    private long subtreesReused;
    private long walkNanos;
    private double readSeconds;
    private long composeNanos;
    private long waitNanos;

    /**
     * @param persist receives newly computed facts in batches (from the calling thread), to save them as they come
     * @param lookup  finds facts computed by earlier runs, asked once per batch for the blobs not in {@code cache}
     */
    public CompositionEngine(GitRepo repo, FactsComputer computer, FactsCache cache, ScanOptions options, int threads,
                             Progress progress, Consumer<Map<FactsKey, BlobFacts>> persist, FactsLookup lookup) {
        this(repo, computer, cache, options, threads, progress, persist, lookup, null);
    }

    /**
     * @param subtrees compositions of subtrees saved by earlier runs, asked once per tree level; every subtree this
     *                 engine composes is saved there after its batch. Null for none.
     */
    public CompositionEngine(GitRepo repo, FactsComputer computer, FactsCache cache, ScanOptions options, int threads,
                             Progress progress, Consumer<Map<FactsKey, BlobFacts>> persist, FactsLookup lookup,
                             SubtreeStore subtrees) {
        this.lookup = lookup;
        this.subtreeStore = subtrees;
        this.repo = repo;
        this.computer = computer;
        this.cache = cache;
        this.options = options;
        this.threads = Math.max(1, threads);
        this.progress = progress;
        this.persist = persist;
        this.classifier = new EntryClassifier(computer.catalog(), ExclusionPolicy.of(options));
        this.walk = new TreeWalk(layers, classifier, cache, memo, subtrees);
    }

    /** Smaller batches than the defaults, so a test's small history spans several batches. */
    CompositionEngine withBatchLimits(int entries, int blobs) {
        this.batchEntries = entries;
        this.batchBlobs = blobs;
        return this;
    }

    /** A batch walked whose blobs are being read. */
    private record InFlight(TreeWalk.Batch batch, BlobReaders.Job job) {
    }

    /** Compositions of {@code revs}, in the given order. */
    public Map<Revision, Composition> compose(List<Revision> revs) {
        Map<Revision, Composition> out = new LinkedHashMap<>();
        try (BlobReaders readers = readers()) {
            int next = 0;
            InFlight previous = null;
            // walk batch N+1 while batch N's blobs are read, then compose batch N: the workers never wait for the
            // walk, and at most two batches of trees are held
            while (next < revs.size() || previous != null) {
                InFlight current = null;
                if (next < revs.size()) {
                    long t0 = System.nanoTime();
                    TreeWalk.Batch batch = new TreeWalk.Batch(batchEntries, batchBlobs);
                    Set<SubtreeKey> earlier = previous == null ? Set.of() : previous.batch().classes.keySet();
                    progress.phase("walking trees", revs.size() - next);
                    try (ObjectSource src = repo.newObjectSource()) {
                        while (next < revs.size() && (batch.revisions.isEmpty() || !batch.full())) {
                            Revision r = revs.get(next++);
                            walk.collect(src, r.tree(), true, batch, earlier);
                            batch.revisions.add(r);
                            progress.step(1);
                        }
                    }
                    progress.done();
                    current = new InFlight(batch, readers.submit(unknown(batch.needed)));
                    walkNanos += System.nanoTime() - t0;
                    persist.accept(cache.drainAdded());
                }
                if (previous != null) {
                    await(previous.job());
                    composeBatch(previous.batch(), out);
                }
                previous = current;
            }
            readSeconds += readers.busySeconds();
        }
        return out;
    }

    private void composeBatch(TreeWalk.Batch batch, Map<Revision, Composition> out) {
        long t1 = System.nanoTime();
        progress.phase("composing", batch.revisions.size());
        try (ObjectSource src = repo.newObjectSource()) {
            for (Revision r : batch.revisions) {
                Tally root = tally(0);
                composeInto(src, batch, r.tree(), "", List.of(), null, root, 1);
                Composition c = memo.decode(root.take());
                out.put(r, c);
                revisions++;
                fileEntries += c.total().files();
                progress.step(1);
            }
        }
        progress.done();
        if (subtreeStore != null && !fresh.isEmpty()) {
            Map<SubtreeKey, Composition> decoded = new java.util.HashMap<>();
            fresh.forEach((k, e) -> decoded.put(k, memo.decode(e)));
            subtreeStore.save(decoded);
        }
        fresh.clear();
        composeNanos += System.nanoTime() - t1;
    }

    /** Every file of {@code rev} with its facts, in path order. */
    public void files(Revision rev, Consumer<FileRow> sink) {
        long t0 = System.nanoTime();
        TreeWalk.Batch batch = new TreeWalk.Batch();
        try (BlobReaders readers = readers()) {
            try (ObjectSource src = repo.newObjectSource()) {
                walk.collect(src, rev.tree(), false, batch, Set.of());
            }
            BlobReaders.Job job = readers.submit(unknown(batch.needed));
            walkNanos += System.nanoTime() - t0;
            await(job);
            readSeconds += readers.busySeconds();
        }
        try (ObjectSource src = repo.newObjectSource()) {
            listFiles(src, batch, rev.tree(), "", List.of(), sink);
        }
        revisions++;
    }

    private BlobReaders readers() {
        return new BlobReaders(repo, computer, options, cache, missingFacts, corrupt, threads);
    }

    /** Waits for a job's blobs, saving their facts as they come. */
    private void await(BlobReaders.Job job) {
        long t0 = System.nanoTime();
        job.await(progress, () -> persist.accept(cache.drainAdded()));
        persist.accept(cache.drainAdded());
        blobsRead += job.blobs;
        waitNanos += System.nanoTime() - t0;
    }

    /**
     * Blobs found corrupt (listed by the repository, unreadable) and counted as (missing) because missing blobs
     * were allowed; each affects only its own files. Thread-safe.
     */
    public Set<Oid> corruptBlobs() {
        return Set.copyOf(corrupt);
    }

    /**
     * One entry of a revision as the tree walk classifies it, before any blob is read: its path, kind, blob id,
     * detection class (the blob-facts key together with the blob) and exclusion. Symlinks and submodules carry a
     * null detection.
     */
    public record Entry(String path, EntryKind kind, Oid blob, String detection, ExclusionReason exclusion) {
    }

    /**
     * Every entry of {@code rev} with its classification, reading trees and {@code .gitattributes} only, never
     * file blobs: what a distributed job needs to compute each unique blob's facts once and join them back.
     * {@link #fold} turns such entries and their facts into the composition {@link #compose} computes.
     */
    public void entries(Revision rev, Consumer<Entry> sink) {
        try (ObjectSource src = repo.newObjectSource()) {
            listEntries(src, new TreeWalk.Batch(), rev.tree(), "", List.of(), sink);
        }
    }

    private void listEntries(ObjectSource src, TreeWalk.Batch batch, Oid tree, String prefix,
                             List<AttributeLayers.Layer> above, Consumer<Entry> sink) {
        List<TreeItem> items = walk.tree(src, batch, tree);
        List<AttributeLayers.Layer> here = layers.below(src, items, prefix, above);
        ExclusionPolicy.Directory dir = classifier.directory(prefix);
        for (TreeItem item : items) {
            switch (item.kind()) {
                case TREE -> listEntries(src, batch, item.id(), prefix + item.name() + "/", here, sink);
                case SYMLINK, SUBMODULE -> sink.accept(new Entry(prefix + item.name(), item.kind(), item.id(), null,
                        ExclusionReason.NONE));
                default -> {
                    EntryClassifier.FileInfo info = classifier.classify(dir, prefix, item, here);
                    sink.accept(new Entry(info.path(), item.kind(), item.id(), info.detection().key(),
                            info.exclusion()));
                }
            }
        }
    }

    /**
     * The composition row of a file entry with {@code facts} (null for symlinks and submodules), and its
     * contribution, by the rules {@link #compose} applies; {@code b} receives it.
     */
    public static void fold(Entry e, BlobFacts facts, Composition.Builder b) {
        switch (e.kind()) {
            case SYMLINK -> b.add(Rows.SYMLINKS, new Totals(1, 0, 0, 0, 0, 0));
            case SUBMODULE -> b.add(Rows.SUBMODULES, new Totals(1, 0, 0, 0, 0, 0));
            default -> {
                String row = row(e.exclusion(), facts);
                b.add(row, Totals.ofFile(facts.counts(), facts.bytes()));
                if (Rows.isLanguage(row)) {
                    facts.metrics().forEach((analysis, m) ->
                            m.values().forEach((k, v) -> b.metric(Metric.key(analysis, k), v)));
                }
            }
        }
    }

    public EngineStats stats() {
        return new EngineStats(revisions, fileEntries, blobsRead, blobsCached + walk.blobsCached, walk.treesRead,
                subtreesReused, walk.subtreesFromStore, walkNanos / 1e9, readSeconds, composeNanos / 1e9,
                waitNanos / 1e9);
    }

    /** Facts of {@code needed} found in the store go to the cache; the rest, to read, is returned. */
    private Map<FactsKey, Detection> unknown(Map<FactsKey, Detection> needed) {
        if (!needed.isEmpty()) {
            Map<FactsKey, BlobFacts> known = lookup.find(needed.keySet());
            long served = 0;
            for (Map.Entry<FactsKey, BlobFacts> e : known.entrySet()) {
                // facts measured under another --max-blob-size may not hold under this one: measure again
                if (needed.containsKey(e.getKey()) && e.getValue().holdsUnder(options.maxBlobBytes())) {
                    cache.preload(e.getKey(), e.getValue());
                    needed.remove(e.getKey());
                    served++;
                }
            }
            blobsCached += served;
        }
        return needed;
    }

    /**
     * Reads one blob and computes its facts by the rules of this engine: blobs over {@code options.maxBlobBytes()}
     * are never loaded whole; an absent or corrupt blob gives {@link dev.oxmeter.facts.BlobKind#MISSING} facts with
     * {@code allowMissing} (never to be persisted: the blob may be fetched later; a corrupt one is also handed to
     * {@code corrupt}) and fails without. Thread-safe as far as {@code src} is used by one thread.
     */
    public static BlobFacts measure(ObjectSource src, FactsComputer computer, ScanOptions options, Oid blob,
                                    Detection detection, Consumer<Oid> corrupt) {
        return BlobReaders.measure(src, computer, options, blob, detection, corrupt);
    }

    // ---- pass 3: fold into compositions, memoized per subtree --------------------------------------------------

    /**
     * Adds the composition of a subtree to {@code out}, from the memo when composed before; {@code parent} is the
     * exclusion decisions of the directory above (null at the root, or when not derived), {@code depth} the
     * subtree's depth (its tally's).
     */
    private void composeInto(ObjectSource src, TreeWalk.Batch batch, Oid tree, String prefix,
                             List<AttributeLayers.Layer> above, ExclusionPolicy.Directory parent, Tally out,
                             int depth) {
        SubtreeKey key = AttributeLayers.key(tree, prefix, above);
        if (memo.addTo(key, out)) {
            subtreesReused++;
            return;
        }
        // a composed subtree is never walked again (the memo answers), so its entries can go: this keeps memory
        // proportional to the trees of the batches in flight, not to every tree of the history
        byte[] raw = batch.trees.remove(tree);
        List<TreeItem> items = raw != null ? src.items(raw) : src.tree(tree);
        // the walk classified the files of every subtree it entered: only a subtree it did not is classified here
        int[] classes = batch.classes.remove(key);
        if (classes != null && classes.length != items.size()) {
            classes = null;
        }
        List<AttributeLayers.Layer> here = layers.below(src, items, prefix, above);
        ExclusionPolicy.Directory dir = classes == null ? classifier.directory(parent, prefix) : null;
        Tally t = tally(depth);
        for (int i = 0; i < items.size(); i++) {
            TreeItem item = items.get(i);
            switch (item.kind()) {
                case TREE -> composeInto(src, batch, item.id(), prefix + item.name() + "/", here, dir, t, depth + 1);
                case SYMLINK -> t.row(memo.nameId(Rows.SYMLINKS), 1, 0, 0, 0, 0, 0);
                case SUBMODULE -> t.row(memo.nameId(Rows.SUBMODULES), 1, 0, 0, 0, 0, 0);
                default -> {
                    int entry;
                    boolean excluded;
                    if (classes != null) {
                        entry = classes[i] >>> 1;
                        excluded = (classes[i] & 1) != 0;
                    } else {
                        EntryClassifier.FileInfo info = classifier.classify(dir, prefix, item, here);
                        entry = cache.entry(item.id(), info.detection().key());
                        excluded = info.exclusion() != ExclusionReason.NONE;
                    }
                    addFile(t, entry, excluded, prefix, item);
                }
            }
        }
        long[] c = t.take();
        memo.put(key, c);
        if (SubtreeMemo.files(c, memo.nameId(Rows.MISSING)) == 0) {
            fresh.put(key, c);
        }
        out.add(c);
    }

    private Tally tally(int depth) {
        while (tallies.size() <= depth) {
            tallies.add(new Tally());
        }
        return tallies.get(depth);
    }

    /** Adds a file with the facts of cache entry {@code entry} to {@code t}, by the rules of {@link #fold}. */
    private void addFile(Tally t, int entry, boolean excluded, String prefix, TreeItem item) {
        long[] f = factsOf;
        if (!cache.read(entry, f)) {
            BlobFacts facts = missingFacts.get(cache.key(entry));
            if (facts == null) {
                throw new IllegalStateException("facts missing for " + prefix + item.name() + " (" + item.id() + ")");
            }
            // an absent blob, kept for this run only
            String row = excluded ? Rows.EXCLUDED : row(ExclusionReason.NONE, facts);
            t.row(memo.nameId(row), 1, facts.counts().lines(), facts.counts().code(), facts.counts().comment(),
                    facts.counts().blank(), facts.bytes());
            if (Rows.isLanguage(row)) {
                facts.metrics().forEach((analysis, m) ->
                        m.values().forEach((k, v) -> t.metric(memo.nameId(Metric.key(analysis, k)), v)));
            }
            return;
        }
        int row;
        boolean language = false;
        if (excluded) {
            row = excludedRow < 0 ? (excludedRow = memo.nameId(Rows.EXCLUDED)) : excludedRow;
        } else {
            switch (KINDS[(int) f[1]]) {
                case BINARY -> row = memo.nameId(Rows.BINARY);
                case TOO_LARGE -> row = memo.nameId(Rows.TOO_LARGE);
                case MISSING -> row = memo.nameId(Rows.MISSING);
                default -> {
                    row = languageRow((int) f[0]);
                    language = row >= 0;
                    row = Math.abs(row) - 1;
                }
            }
        }
        t.row(row, 1, f[3], f[4], f[5], f[6], f[2]);
        if (language) {
            long[] pairs = metricPairs((int) f[7]);
            for (int i = 0; i < pairs.length; i += 2) {
                t.metric((int) pairs[i], pairs[i + 1]);
            }
        }
    }

    private static final dev.oxmeter.facts.BlobKind[] KINDS = dev.oxmeter.facts.BlobKind.values();

    /** The memo name id + 1 of the row of language {@code id} of the cache, negated when it is not a language row. */
    private int languageRow(int id) {
        if (id >= languageRows.length) {
            languageRows = java.util.Arrays.copyOf(languageRows, Math.max(id + 1, languageRows.length * 2));
        }
        if (languageRows[id] == 0) {
            String name = cache.language(id);
            int row = memo.nameId(name) + 1;
            languageRows[id] = Rows.isLanguage(name) ? row : -row;
        }
        return languageRows[id];
    }

    private long[] metricPairs(int id) {
        while (metricPairs.size() <= id) {
            metricPairs.add(null);
        }
        long[] pairs = metricPairs.get(id);
        if (pairs == null) {
            List<Long> flat = new java.util.ArrayList<>();
            cache.metricSet(id).forEach((analysis, m) -> m.values().forEach((k, v) -> {
                if (v != 0) {
                    // most metric sets are met once (a Rust file's counts): their names are looked up, not built
                    flat.add((long) metricNames.computeIfAbsent(analysis, a -> new java.util.HashMap<>())
                            .computeIfAbsent(k, x -> memo.nameId(Metric.key(analysis, x))));
                    flat.add(v);
                }
            }));
            pairs = flat.stream().mapToLong(Long::longValue).toArray();
            metricPairs.set(id, pairs);
        }
        return pairs;
    }

    private FileRow fileRow(ExclusionPolicy.Directory dir, String prefix, TreeItem item,
                            List<AttributeLayers.Layer> here) {
        EntryClassifier.FileInfo info = classifier.classify(dir, prefix, item, here);
        FactsKey fk = new FactsKey(item.id(), info.detection().key());
        BlobFacts facts = cache.get(fk);
        if (facts == null) {
            facts = missingFacts.get(fk);
        }
        if (facts == null) {
            throw new IllegalStateException("facts missing for " + info.path() + " (" + item.id() + ")");
        }
        return new FileRow(info.path(), item.kind(), item.id(), info.exclusion(), facts, row(info.exclusion(), facts));
    }

    /** The composition row a file with these facts is counted in. */
    private static String row(ExclusionReason exclusion, BlobFacts facts) {
        if (exclusion != ExclusionReason.NONE) {
            return Rows.EXCLUDED;
        }
        return switch (facts.kind()) {
            case BINARY -> Rows.BINARY;
            case TOO_LARGE -> Rows.TOO_LARGE;
            case MISSING -> Rows.MISSING;
            case TEXT -> facts.language();
        };
    }

    private void listFiles(ObjectSource src, TreeWalk.Batch batch, Oid tree, String prefix,
                           List<AttributeLayers.Layer> above, Consumer<FileRow> sink) {
        List<TreeItem> items = walk.tree(src, batch, tree);
        List<AttributeLayers.Layer> here = layers.below(src, items, prefix, above);
        ExclusionPolicy.Directory dir = classifier.directory(prefix);
        for (TreeItem item : items) {
            switch (item.kind()) {
                case TREE -> listFiles(src, batch, item.id(), prefix + item.name() + "/", here, sink);
                case SYMLINK -> sink.accept(new FileRow(prefix + item.name(), item.kind(), item.id(),
                        ExclusionReason.NONE, null, Rows.SYMLINKS));
                case SUBMODULE -> sink.accept(new FileRow(prefix + item.name(), item.kind(), item.id(),
                        ExclusionReason.NONE, null, Rows.SUBMODULES));
                default -> sink.accept(fileRow(dir, prefix, item, here));
            }
        }
    }
}
