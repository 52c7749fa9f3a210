package dev.oxmeter.aggregate;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.BlobKind;
import dev.oxmeter.facts.FactsCache;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.facts.FactsKey;
import dev.oxmeter.facts.FactsLookup;
import dev.oxmeter.language.Detection;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.source.AttributeRules;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.source.EntryKind;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.source.MissingObjectError;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.source.Oid;
import dev.oxmeter.source.Revision;
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
 * <p>Three passes: (1) walk every revision's tree, skipping subtrees already walked (same tree id, path and
 * attribute rules), and collect the blobs whose facts are not cached; (2) compute those facts on a bounded pool
 * of workers, one {@link ObjectSource} each; (3) fold facts into per-tree compositions, memoized by subtree, so an
 * unchanged subtree of the next release costs one map lookup. Cost therefore grows with unique content, not with
 * revisions × files.
 *
 * <p>Not thread-safe: one engine per run; it may be reused for several calls within that run (its memos stay).
 */
public final class CompositionEngine {
    private static final int HEAD_BYTES = 64 * 1024;
    private static final int CHUNK = 256;

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
    private long blobsFromStore;

    private final Map<Oid, List<TreeItem>> trees = new HashMap<>();
    private final Map<Oid, AttributeRules> attributeFiles = new HashMap<>();
    private final Set<TreeKey> walked = new HashSet<>();
    private final Map<TreeKey, Composition> memo = new HashMap<>();
    private final Set<FactsKey> seenFacts = new HashSet<>();
    /** Facts of absent blobs: kept for this run only, never persisted (the blob may be fetched later). */
    private final Map<FactsKey, BlobFacts> missingFacts = new java.util.concurrent.ConcurrentHashMap<>();
    private long revisions;
    private long fileEntries;
    private long blobsRead;
    private long blobsCached;
    private long subtreesReused;
    private long treesRead;
    private long walkNanos;
    private long readNanos;
    private long composeNanos;

    /**
     * @param persist receives newly computed facts in batches (from the calling thread), to save them as they come
     * @param lookup  finds facts computed by earlier runs, asked once per call for the blobs not in {@code cache}
     */
    public CompositionEngine(GitRepo repo, FactsComputer computer, FactsCache cache, ScanOptions options, int threads,
                             Progress progress, Consumer<Map<FactsKey, BlobFacts>> persist, FactsLookup lookup) {
        this.lookup = lookup;
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

    private record TreeKey(Oid tree, String prefix, String attrs) {
    }

    private record Layer(String prefix, Oid blob, AttributeRules rules) {
    }

    private record FileInfo(String path, Detection detection, ExclusionReason exclusion) {
    }

    /** Compositions of {@code revs}, in the given order. */
    public Map<Revision, Composition> compose(List<Revision> revs) {
        prepare(revs);
        long t0 = System.nanoTime();
        progress.phase("composing", revs.size());
        Map<Revision, Composition> out = new LinkedHashMap<>();
        try (ObjectSource src = repo.newObjectSource()) {
            for (Revision r : revs) {
                Composition c = compose(src, r.tree(), "", List.of());
                out.put(r, c);
                revisions++;
                fileEntries += c.total().files();
                progress.step(1);
            }
        }
        progress.done();
        composeNanos += System.nanoTime() - t0;
        return out;
    }

    /** Every file of {@code rev} with its facts, in path order. */
    public void files(Revision rev, Consumer<FileRow> sink) {
        prepare(List.of(rev));
        try (ObjectSource src = repo.newObjectSource()) {
            listFiles(src, rev.tree(), "", List.of(), sink);
        }
        revisions++;
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
                walkNanos / 1e9, readNanos / 1e9, composeNanos / 1e9);
    }

    // ---- pass 1: find what is not known yet -------------------------------------------------------------------

    private void prepare(List<Revision> revs) {
        long t0 = System.nanoTime();
        Map<FactsKey, Detection> needed = new LinkedHashMap<>();
        progress.phase("walking trees", revs.size());
        try (ObjectSource src = repo.newObjectSource()) {
            for (Revision r : revs) {
                collect(src, r.tree(), "", List.of(), needed);
                progress.step(1);
            }
        }
        progress.done();
        if (!needed.isEmpty()) {
            Map<FactsKey, BlobFacts> known = lookup.find(needed.keySet());
            known.forEach((k, f) -> {
                cache.preload(k, f);
                needed.remove(k);
            });
            blobsFromStore += known.size();
            blobsCached += known.size();
        }
        long t1 = System.nanoTime();
        walkNanos += t1 - t0;
        computeFacts(needed);
        readNanos += System.nanoTime() - t1;
    }

    private void collect(ObjectSource src, Oid tree, String prefix, List<Layer> layers,
                         Map<FactsKey, Detection> needed) {
        if (!walked.add(new TreeKey(tree, prefix, fingerprint(layers)))) {
            return;
        }
        List<TreeItem> items = tree(src, tree);
        List<Layer> here = withAttributes(src, items, prefix, layers);
        for (TreeItem item : items) {
            if (item.kind() == EntryKind.TREE) {
                collect(src, item.id(), prefix + item.name() + "/", here, needed);
            } else if (item.kind().isRegularFile()) {
                FileInfo info = classify(prefix, item, here);
                FactsKey key = new FactsKey(item.id(), info.detection().key());
                if (seenFacts.add(key)) {
                    if (cache.get(key) == null) {
                        needed.put(key, info.detection());
                    } else {
                        blobsCached++;
                    }
                }
            }
        }
    }

    private List<TreeItem> tree(ObjectSource src, Oid id) {
        return trees.computeIfAbsent(id, t -> {
            treesRead++;
            return src.tree(t);
        });
    }

    private List<Layer> withAttributes(ObjectSource src, List<TreeItem> items, String prefix, List<Layer> layers) {
        for (TreeItem item : items) {
            if (item.name().equals(".gitattributes") && item.kind().isRegularFile()) {
                AttributeRules r = attributeFiles.computeIfAbsent(item.id(), id -> {
                    BlobContent c = src.blob(id, 1 << 20, HEAD_BYTES);
                    return AttributeRules.parse(c.data(), 0, c.length());
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
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        int n = Math.min(threads, work.size());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Thread th = new Thread(() -> {
                try (ObjectSource src = repo.newObjectSource()) {
                    int start;
                    // contiguous chunks keep each reader's delta-base cache warm along a delta chain
                    while (failure.get() == null && (start = next.getAndAdd(CHUNK)) < work.size()) {
                      for (int i = start; i < Math.min(start + CHUNK, work.size()) && failure.get() == null; i++) {
                        Map.Entry<FactsKey, Detection> e = work.get(i);
                        BlobFacts facts = measure(src, computer, options, e.getKey().blob(), e.getValue());
                        if (facts.kind() == BlobKind.MISSING) {
                            missingFacts.put(e.getKey(), facts);
                        } else {
                            cache.put(e.getKey(), facts);
                        }
                        progress.step(1);
                      }
                    }
                } catch (RuntimeException ex) {
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
        if (failure.get() != null) {
            throw failure.get();
        }
        blobsRead += work.size();
    }

    /**
     * Reads one blob and computes its facts by the rules of this engine: blobs over {@code options.maxBlobBytes()}
     * are never loaded whole; an absent blob gives {@link BlobKind#MISSING} facts with {@code allowMissing} (never
     * to be persisted: the blob may be fetched later) and an {@link OxmeterException} without. Thread-safe as far as
     * {@code src} is used by one thread.
     */
    public static BlobFacts measure(ObjectSource src, FactsComputer computer, ScanOptions options, Oid blob,
                                    Detection detection) {
        BlobContent content;
        try {
            content = src.blob(blob, options.maxBlobBytes(), HEAD_BYTES);
        } catch (MissingObjectError missing) {
            if (!options.allowMissing()) {
                throw new OxmeterException(missing.getMessage() + "; --allow-missing counts such files as (missing)");
            }
            return new BlobFacts(computer.catalog().other().name(), BlobKind.MISSING, 0,
                    dev.oxmeter.count.LineCounts.ZERO, Map.of());
        }
        return computer.compute(detection, content);
    }

    // ---- pass 3: fold into compositions, memoized per subtree --------------------------------------------------

    private Composition compose(ObjectSource src, Oid tree, String prefix, List<Layer> layers) {
        TreeKey key = new TreeKey(tree, prefix, fingerprint(layers));
        Composition known = memo.get(key);
        if (known != null) {
            subtreesReused++;
            return known;
        }
        // a composed subtree is never walked again (the memo answers), so its entries can go: this keeps memory
        // proportional to the trees of the revision being composed, not to every tree of the history
        List<TreeItem> items = trees.remove(tree);
        if (items == null) {
            items = src.tree(tree);
        }
        List<Layer> here = withAttributes(src, items, prefix, layers);
        Composition.Builder b = new Composition.Builder();
        for (TreeItem item : items) {
            switch (item.kind()) {
                case TREE -> b.addAll(compose(src, item.id(), prefix + item.name() + "/", here));
                case SYMLINK, SUBMODULE -> fold(new Entry(prefix + item.name(), item.kind(), item.id(), null,
                        ExclusionReason.NONE), null, b);
                default -> {
                    FileRow row = fileRow(prefix, item, here);
                    fold(new Entry(row.path(), item.kind(), item.id(), null, row.exclusion()), row.facts(), b);
                }
            }
        }
        Composition c = b.build();
        memo.put(key, c);
        return c;
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
