package dev.oxmeter.aggregate;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.RepositoryException;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.BlobKind;
import dev.oxmeter.facts.FactsCache;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.facts.FactsKey;
import dev.oxmeter.facts.FactsLookup;
import dev.oxmeter.language.Detection;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Progress;
import dev.oxmeter.model.Revision;
import dev.oxmeter.model.Rows;
import dev.oxmeter.model.Totals;
import dev.oxmeter.source.AttributeRules;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.source.CorruptObjectError;
import dev.oxmeter.source.EntryKind;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.source.MissingObjectError;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.source.TreeItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Computes the composition (totals per language) of revisions from git objects, measuring each unique blob once.
 *
 * <p>Three passes over a batch of revisions: (1) walk each revision's tree level by level, skipping subtrees already
 * composed (same tree id, path and attribute rules) or saved by an earlier run ({@link SubtreeStore}), and collect
 * the blobs whose facts are not cached; (2) compute those facts on a bounded pool of workers, one
 * {@link ObjectSource} each; (3) fold facts into per-tree compositions, memoized by subtree, so an unchanged subtree
 * of the next release costs one map lookup. Cost therefore grows with unique content, not with revisions × files.
 *
 * <p>Memory is bounded by the batch, not by the history: a batch ends when its walked trees hold
 * {@value #BATCH_ENTRIES} entries or it needs {@value #BATCH_BLOBS} blobs, and its trees are dropped once composed.
 * What stays for the whole run is compact: blob facts in {@link FactsCache}'s primitive arrays and one
 * {@code long[]} per composed subtree (about 100 bytes plus 56 per row).
 *
 * <p>Not thread-safe: one engine per run; it may be reused for several calls within that run (its memos stay).
 */
public final class CompositionEngine {
    private static final int HEAD_BYTES = 64 * 1024;
    private static final int CHUNK = 256;
    static final int BATCH_ENTRIES = 400_000;
    static final int BATCH_BLOBS = 100_000;
    /** The attributes {@link #classify} reads. */
    private static final Set<String> LINGUIST = Set.of("linguist-language", "linguist-vendored",
            "linguist-generated");

    private final GitRepo repo;
    private final FactsComputer computer;
    private final LanguageCatalog catalog;
    private final FactsCache cache;
    private final ScanOptions options;
    private final PathRules rules;
    private final int threads;
    private final Progress progress;
    private final Consumer<Map<FactsKey, BlobFacts>> persist;
    private final FactsLookup lookup;
    private final SubtreeStore subtreeStore;
    private long blobsFromStore;

    /** Trees walked in the current batch, dropped as they are composed. */
    private final Map<Oid, List<TreeItem>> trees = new HashMap<>();
    private long heldEntries;
    private final Map<Oid, AttributeRules> attributeFiles = new HashMap<>();
    /** Subtrees walked in the current batch and not composed yet. */
    private final Set<SubtreeKey> walked = new HashSet<>();
    /** Every subtree composed (or found saved) in this run, encoded by {@link #encode}. */
    private final Map<SubtreeKey, long[]> memo = new HashMap<>();
    /** Compositions composed in the current batch, to save to the {@link SubtreeStore}. */
    private final Map<SubtreeKey, Composition> fresh = new HashMap<>();
    private final Map<String, Integer> nameIds = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    /** Facts of absent blobs: kept for this run only, never persisted (the blob may be fetched later). */
    private final Map<FactsKey, BlobFacts> missingFacts = new java.util.concurrent.ConcurrentHashMap<>();
    /** Corrupt blobs counted as (missing) under --allow-missing, by id, to be reported. */
    private final Set<Oid> corrupt = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long revisions;
    private long fileEntries;
    private long blobsRead;
    private long blobsCached;
    private long subtreesReused;
    private long subtreesFromStore;
    private long treesRead;
    private long walkNanos;
    private long readNanos;
    private long composeNanos;

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
        this.catalog = computer.catalog();
        this.cache = cache;
        this.options = options;
        this.rules = new PathRules(options.excludes());
        this.threads = Math.max(1, threads);
        this.progress = progress;
        this.persist = persist;
    }

    /** A subtree to walk: its id, path and the attribute layers above it. */
    private record Pending(Oid tree, String prefix, List<Layer> layers) {
    }

    private record Layer(String prefix, Oid blob, AttributeRules rules) {
    }

    private record FileInfo(String path, Detection detection, ExclusionReason exclusion) {
    }

    /** Compositions of {@code revs}, in the given order. */
    public Map<Revision, Composition> compose(List<Revision> revs) {
        Map<Revision, Composition> out = new LinkedHashMap<>();
        int next = 0;
        while (next < revs.size()) {
            List<Revision> batch = new ArrayList<>();
            long t0 = System.nanoTime();
            Map<FactsKey, Detection> needed = new LinkedHashMap<>();
            progress.phase("walking trees", revs.size() - next);
            try (ObjectSource src = repo.newObjectSource()) {
                while (next < revs.size()
                        && (batch.isEmpty() || (heldEntries < BATCH_ENTRIES && needed.size() < BATCH_BLOBS))) {
                    Revision r = revs.get(next++);
                    collect(src, r.tree(), true, walked, needed);
                    batch.add(r);
                    progress.step(1);
                }
            }
            progress.done();
            resolve(needed, t0);
            long t1 = System.nanoTime();
            progress.phase("composing", batch.size());
            try (ObjectSource src = repo.newObjectSource()) {
                for (Revision r : batch) {
                    Composition c = compose(src, r.tree(), "", List.of());
                    out.put(r, c);
                    revisions++;
                    fileEntries += c.total().files();
                    progress.step(1);
                }
            }
            progress.done();
            // what the batch walked is composed now: the memo answers for it from here on
            trees.clear();
            heldEntries = 0;
            walked.clear();
            if (subtreeStore != null && !fresh.isEmpty()) {
                subtreeStore.save(fresh);
            }
            fresh.clear();
            composeNanos += System.nanoTime() - t1;
        }
        return out;
    }

    /** Every file of {@code rev} with its facts, in path order. */
    public void files(Revision rev, Consumer<FileRow> sink) {
        long t0 = System.nanoTime();
        Map<FactsKey, Detection> needed = new LinkedHashMap<>();
        try (ObjectSource src = repo.newObjectSource()) {
            collect(src, rev.tree(), false, new HashSet<>(), needed);
        }
        resolve(needed, t0);
        try (ObjectSource src = repo.newObjectSource()) {
            listFiles(src, rev.tree(), "", List.of(), sink);
        }
        trees.clear();
        heldEntries = 0;
        revisions++;
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
            listEntries(src, rev.tree(), "", List.of(), sink);
        }
    }

    private void listEntries(ObjectSource src, Oid tree, String prefix, List<Layer> layers, Consumer<Entry> sink) {
        List<TreeItem> items = tree(src, tree);
        List<Layer> here = withAttributes(src, items, prefix, layers);
        for (TreeItem item : items) {
            switch (item.kind()) {
                case TREE -> listEntries(src, item.id(), prefix + item.name() + "/", here, sink);
                case SYMLINK, SUBMODULE -> sink.accept(new Entry(prefix + item.name(), item.kind(), item.id(), null,
                        ExclusionReason.NONE));
                default -> {
                    FileInfo info = classify(prefix, item, here);
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
                            m.values().forEach((k, v) -> b.metric(analysis + "." + k, v)));
                }
            }
        }
    }

    public EngineStats stats() {
        return new EngineStats(revisions, fileEntries, blobsRead, blobsCached, treesRead, subtreesReused,
                subtreesFromStore, walkNanos / 1e9, readNanos / 1e9, composeNanos / 1e9);
    }

    // ---- pass 1: find what is not known yet -------------------------------------------------------------------

    /** Finds the facts of {@code needed} in the store, computes the rest; {@code t0} is when the walk began. */
    private void resolve(Map<FactsKey, Detection> needed, long t0) {
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
            blobsFromStore += served;
            blobsCached += served;
        }
        long t1 = System.nanoTime();
        walkNanos += t1 - t0;
        computeFacts(needed);
        readNanos += System.nanoTime() - t1;
    }

    /**
     * Walks the tree {@code root} level by level and collects the blobs whose facts are unknown. With
     * {@code skipComposed}, subtrees composed earlier in this run or saved by an earlier one are not entered (the
     * store is asked once per level, for the whole level).
     */
    private void collect(ObjectSource src, Oid root, boolean skipComposed, Set<SubtreeKey> seen,
                         Map<FactsKey, Detection> needed) {
        List<Pending> level = List.of(new Pending(root, "", List.of()));
        while (!level.isEmpty()) {
            List<Pending> todo = new ArrayList<>(level.size());
            List<SubtreeKey> keys = new ArrayList<>(level.size());
            for (Pending p : level) {
                SubtreeKey key = key(p.tree(), p.prefix(), p.layers());
                if ((skipComposed && memo.containsKey(key)) || !seen.add(key)) {
                    continue;
                }
                todo.add(p);
                keys.add(key);
            }
            if (skipComposed && subtreeStore != null && !keys.isEmpty()) {
                Map<SubtreeKey, Composition> saved = subtreeStore.find(keys);
                if (!saved.isEmpty()) {
                    saved.forEach((k, c) -> memo.put(k, encode(c)));
                    subtreesFromStore += saved.size();
                    List<Pending> rest = new ArrayList<>(todo.size());
                    for (int i = 0; i < todo.size(); i++) {
                        if (saved.containsKey(keys.get(i))) {
                            seen.remove(keys.get(i));
                        } else {
                            rest.add(todo.get(i));
                        }
                    }
                    todo = rest;
                }
            }
            List<Pending> next = new ArrayList<>();
            for (Pending p : todo) {
                List<TreeItem> items = tree(src, p.tree());
                List<Layer> here = withAttributes(src, items, p.prefix(), p.layers());
                for (TreeItem item : items) {
                    if (item.kind() == EntryKind.TREE) {
                        next.add(new Pending(item.id(), p.prefix() + item.name() + "/", here));
                    } else if (item.kind().isRegularFile()) {
                        FileInfo info = classify(p.prefix(), item, here);
                        FactsKey key = new FactsKey(item.id(), info.detection().key());
                        if (needed.containsKey(key) || missingFacts.containsKey(key)) {
                            continue;
                        }
                        switch (cache.markSeen(key)) {
                            case FIRST_KNOWN -> blobsCached++;
                            case FIRST_UNKNOWN -> needed.put(key, info.detection());
                            case AGAIN -> {
                            }
                        }
                    }
                }
            }
            level = next;
        }
    }

    private SubtreeKey key(Oid tree, String prefix, List<Layer> layers) {
        return new SubtreeKey(tree, layers.isEmpty() ? prefix : prefix + "|" + fingerprint(layers));
    }

    private List<TreeItem> tree(ObjectSource src, Oid id) {
        return trees.computeIfAbsent(id, t -> {
            treesRead++;
            List<TreeItem> items = src.tree(t);
            heldEntries += items.size();
            return items;
        });
    }

    private List<Layer> withAttributes(ObjectSource src, List<TreeItem> items, String prefix, List<Layer> layers) {
        for (TreeItem item : items) {
            if (item.name().equals(".gitattributes") && item.kind().isRegularFile()) {
                AttributeRules r = attributeFiles.computeIfAbsent(item.id(), id -> {
                    BlobContent c = src.blob(id, 1 << 20, HEAD_BYTES);
                    // only the linguist-* attributes change a count: a .gitattributes without them is no layer,
                    // so editing its other lines leaves every subtree's key, and saved composition, valid
                    return AttributeRules.parse(c.data(), 0, c.length()).onlyWith(LINGUIST);
                });
                if (r.isEmpty()) {
                    return layers;
                }
                List<Layer> out = new ArrayList<>(layers);
                out.add(new Layer(prefix, item.id(), r));
                return List.copyOf(out);
            }
        }
        return layers;
    }

    private static String fingerprint(List<Layer> layers) {
        if (layers.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Layer l : layers) {
            sb.append(l.blob().abbrev(16)).append(';');
        }
        return sb.toString();
    }

    private FileInfo classify(String prefix, TreeItem item, List<Layer> layers) {
        String path = prefix + item.name();
        Map<String, String> attrs = Map.of();
        if (!layers.isEmpty()) {
            attrs = new HashMap<>();
            for (int i = layers.size() - 1; i >= 0; i--) {
                Layer l = layers.get(i);
                l.rules().applyTo(path.substring(l.prefix().length()), attrs);
            }
        }
        Detection detection = null;
        String override = attrs.get("linguist-language");
        if (override != null && !override.equals(AttributeRules.UNSPECIFIED)) {
            detection = catalog.byName(override.replace('_', ' ')).map(Detection::of).orElse(null);
        }
        if (detection == null) {
            detection = catalog.detect(item.name());
        }
        return new FileInfo(path, detection, exclusion(path, attrs));
    }

    private ExclusionReason exclusion(String path, Map<String, String> attrs) {
        if (options.includeVendored()) {
            return ExclusionReason.NONE;
        }
        if (rules.userExcluded(path)) {
            return ExclusionReason.USER;
        }
        String v = attrs.get("linguist-vendored");
        if ("true".equals(v)) {
            return ExclusionReason.VENDORED;
        }
        String g = attrs.get("linguist-generated");
        if ("true".equals(g)) {
            return ExclusionReason.GENERATED;
        }
        if (!"false".equals(v) && rules.builtinVendored(path)) {
            return ExclusionReason.VENDORED;
        }
        if (!"false".equals(g) && rules.builtinGenerated(path)) {
            return ExclusionReason.GENERATED;
        }
        return ExclusionReason.NONE;
    }

    // ---- pass 2: measure each unknown blob once, in parallel ---------------------------------------------------

    private void computeFacts(Map<FactsKey, Detection> needed) {
        if (needed.isEmpty()) {
            return;
        }
        List<Map.Entry<FactsKey, Detection>> work = new ArrayList<>(needed.entrySet());
        repo.sortByStorageOrder(work, e -> e.getKey().blob());
        progress.phase("reading blobs", work.size());
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int n = Math.min(threads, work.size());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Thread th = new Thread(() -> {
                try (ObjectSource src = repo.newBulkObjectSource()) {
                    int start;
                    // contiguous chunks keep each reader's delta-base cache warm along a delta chain
                    while (failure.get() == null && (start = next.getAndAdd(CHUNK)) < work.size()) {
                        List<Map.Entry<FactsKey, Detection>> chunk =
                                work.subList(start, Math.min(start + CHUNK, work.size()));
                        List<Oid> ids = new ArrayList<>(chunk.size());
                        for (Map.Entry<FactsKey, Detection> e : chunk) {
                            ids.add(e.getKey().blob());
                        }
                        int[] at = {0};
                        try {
                            src.blobs(ids, options.maxBlobBytes(), HEAD_BYTES, (id, content) -> {
                                Map.Entry<FactsKey, Detection> e = chunk.get(at[0]);
                                // a blob the fast reader does not have goes the careful way, which tells a missing
                                // object from a corrupt one
                                keep(e.getKey(), content != null ? computer.compute(e.getValue(), content)
                                        : measure(src, computer, options, id, e.getValue(), corrupt::add));
                                at[0]++;
                                progress.step(1);
                            });
                        } catch (RepositoryException ex) {
                            throw ex;
                        } catch (OxmeterException ex) {
                            // the git process failed (a corrupt pack ends it): the rest of the chunk goes through JGit
                            for (int i = at[0]; i < chunk.size(); i++) {
                                Map.Entry<FactsKey, Detection> e = chunk.get(i);
                                keep(e.getKey(), measure(src, computer, options, e.getKey().blob(), e.getValue(),
                                        corrupt::add));
                                progress.step(1);
                            }
                        }
                    }
                } catch (RuntimeException | Error ex) {
                    // an Error too (out of memory ...): the calling thread must fail, not compose partial facts
                    failure.compareAndSet(null, ex);
                }
            }, "oxmeter-blobs-" + t);
            th.setDaemon(true);
            workers.add(th);
            th.start();
        }
        try {
            for (Thread th : workers) {
                while (th.isAlive()) {
                    th.join(2000);
                    persist.accept(cache.drainAdded());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OxmeterException("interrupted while reading blobs");
        }
        persist.accept(cache.drainAdded());
        progress.done();
        if (failure.get() instanceof RuntimeException re) {
            throw re;
        }
        if (failure.get() instanceof Error err) {
            throw err;
        }
        blobsRead += work.size();
    }

    /**
     * Reads one blob and computes its facts by the rules of this engine: blobs over {@code options.maxBlobBytes()}
     * are never loaded whole; an absent or corrupt blob gives {@link BlobKind#MISSING} facts with
     * {@code allowMissing} (never to be persisted: the blob may be fetched later; a corrupt one is also handed to
     * {@code corrupt}) and fails without. Thread-safe as far as {@code src} is used by one thread.
     */
    public static BlobFacts measure(ObjectSource src, FactsComputer computer, ScanOptions options, Oid blob,
                                    Detection detection, Consumer<Oid> corrupt) {
        BlobContent content;
        try {
            content = src.blob(blob, options.maxBlobBytes(), HEAD_BYTES);
        } catch (MissingObjectError | CorruptObjectError absent) {
            if (!options.allowMissing()) {
                throw absent instanceof MissingObjectError
                        ? new RepositoryException(absent.getMessage() + "; --allow-missing counts such files as (missing)")
                        : absent;
            }
            if (absent instanceof CorruptObjectError) {
                corrupt.accept(blob);
            }
            return new BlobFacts(computer.catalog().other().name(), BlobKind.MISSING, 0,
                    dev.oxmeter.count.LineCounts.ZERO, Map.of());
        }
        return computer.compute(detection, content);
    }

    /** Keeps facts just measured: in the cache, or for this run only when the blob is absent. */
    private void keep(FactsKey key, BlobFacts facts) {
        if (facts.kind() == BlobKind.MISSING) {
            missingFacts.put(key, facts);
        } else {
            cache.put(key, facts);
        }
    }

    // ---- pass 3: fold into compositions, memoized per subtree --------------------------------------------------

    private Composition compose(ObjectSource src, Oid tree, String prefix, List<Layer> layers) {
        Composition.Builder b = new Composition.Builder();
        composeInto(src, tree, prefix, layers, b);
        return b.build();
    }

    /** Adds the composition of a subtree to {@code out}, from the memo when composed before. */
    private void composeInto(ObjectSource src, Oid tree, String prefix, List<Layer> layers, Composition.Builder out) {
        SubtreeKey key = key(tree, prefix, layers);
        long[] known = memo.get(key);
        if (known != null) {
            subtreesReused++;
            decodeInto(known, out);
            return;
        }
        // a composed subtree is never walked again (the memo answers), so its entries can go: this keeps memory
        // proportional to the trees of the batch being composed, not to every tree of the history
        List<TreeItem> items = trees.remove(tree);
        if (items == null) {
            items = src.tree(tree);
        }
        List<Layer> here = withAttributes(src, items, prefix, layers);
        Composition.Builder b = new Composition.Builder();
        for (TreeItem item : items) {
            switch (item.kind()) {
                case TREE -> composeInto(src, item.id(), prefix + item.name() + "/", here, b);
                case SYMLINK, SUBMODULE -> fold(new Entry(prefix + item.name(), item.kind(), item.id(), null,
                        ExclusionReason.NONE), null, b);
                default -> {
                    FileRow row = fileRow(prefix, item, here);
                    fold(new Entry(row.path(), item.kind(), item.id(), null, row.exclusion()), row.facts(), b);
                }
            }
        }
        Composition c = b.build();
        memo.put(key, encode(c));
        if (c.row(Rows.MISSING).files() == 0) {
            fresh.put(key, c);
        }
        out.addAll(c);
    }

    /** A composition as {@code [rows, (name, files, lines, code, comment, blank, bytes)..., (name, value)...]}. */
    private long[] encode(Composition c) {
        long[] e = new long[1 + c.rows().size() * 7 + c.metrics().size() * 2];
        e[0] = c.rows().size();
        int i = 1;
        for (Map.Entry<String, Totals> r : c.rows().entrySet()) {
            Totals t = r.getValue();
            e[i++] = nameId(r.getKey());
            e[i++] = t.files();
            e[i++] = t.lines();
            e[i++] = t.code();
            e[i++] = t.comment();
            e[i++] = t.blank();
            e[i++] = t.bytes();
        }
        for (Map.Entry<String, Long> m : c.metrics().entrySet()) {
            e[i++] = nameId(m.getKey());
            e[i++] = m.getValue();
        }
        return e;
    }

    private void decodeInto(long[] e, Composition.Builder b) {
        int rows = (int) e[0];
        int i = 1;
        for (int r = 0; r < rows; r++, i += 7) {
            b.add(names.get((int) e[i]), new Totals(e[i + 1], e[i + 2], e[i + 3], e[i + 4], e[i + 5], e[i + 6]));
        }
        for (; i < e.length; i += 2) {
            b.metric(names.get((int) e[i]), e[i + 1]);
        }
    }

    private int nameId(String name) {
        Integer id = nameIds.get(name);
        if (id == null) {
            id = names.size();
            names.add(name);
            nameIds.put(name, id);
        }
        return id;
    }

    private FileRow fileRow(String prefix, TreeItem item, List<Layer> layers) {
        FileInfo info = classify(prefix, item, layers);
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

    private void listFiles(ObjectSource src, Oid tree, String prefix, List<Layer> layers, Consumer<FileRow> sink) {
        List<TreeItem> items = tree(src, tree);
        List<Layer> here = withAttributes(src, items, prefix, layers);
        for (TreeItem item : items) {
            switch (item.kind()) {
                case TREE -> listFiles(src, item.id(), prefix + item.name() + "/", here, sink);
                case SYMLINK -> sink.accept(new FileRow(prefix + item.name(), item.kind(), item.id(),
                        ExclusionReason.NONE, null, Rows.SYMLINKS));
                case SUBMODULE -> sink.accept(new FileRow(prefix + item.name(), item.kind(), item.id(),
                        ExclusionReason.NONE, null, Rows.SUBMODULES));
                default -> sink.accept(fileRow(prefix, item, here));
            }
        }
    }
}
