package dev.oxmeter.aggregate;

import dev.oxmeter.model.Composition;

import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.FactsCache;
import dev.oxmeter.facts.FactsKey;
import dev.oxmeter.language.Detection;
import dev.oxmeter.source.EntryKind;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.TreeItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tree walk: reads a batch of revisions' trees level by level, skipping subtrees already composed (same tree,
 * path and attribute layers) or saved by an earlier run ({@link SubtreeStore}), and collects the blobs whose facts
 * are not known yet, each once per run. Reads trees and {@code .gitattributes} only, never file blobs.
 *
 * <p>Not thread-safe: the engine's calling thread walks; reader threads only add facts to the (synchronized)
 * {@link FactsCache} meanwhile.
 */
final class TreeWalk {
    /** Revisions walked together, and what their walk found; dropped once they are composed. */
    static final class Batch {
        private final int maxEntries;
        private final int maxBlobs;
        final List<Revision> revisions = new ArrayList<>();
        /**
         * Trees read by this batch's walk, raw ({@link ObjectSource#rawTree}: one array per tree, so that a batch's
         * trees are few objects for the garbage collector), taken (removed) as they are composed.
         */
        final Map<Oid, byte[]> trees = new HashMap<>();
        /**
         * Per subtree walked, how its walk classified each entry of its tree, taken as it is composed: for a regular
         * file its {@link FactsCache} entry times two, plus one when the file is excluded; -1 for anything else. Its
         * keys are the subtrees walked and not composed yet.
         */
        final Map<SubtreeKey, int[]> classes = new HashMap<>();
        /** Blobs first met in this batch whose facts are unknown, with their detection class. */
        final Map<FactsKey, Detection> needed = new LinkedHashMap<>();
        long heldEntries;

        /** A batch that is full once its trees hold {@code maxEntries} entries or it needs {@code maxBlobs} blobs. */
        Batch(int maxEntries, int maxBlobs) {
            this.maxEntries = maxEntries;
            this.maxBlobs = maxBlobs;
        }

        /** A batch for one revision (its limits are never asked). */
        Batch() {
            this(Integer.MAX_VALUE, Integer.MAX_VALUE);
        }

        /** Whether the batch holds enough to be read and composed: memory is bounded by the batch. */
        boolean full() {
            return heldEntries >= maxEntries || needed.size() >= maxBlobs;
        }
    }

    /** A subtree to walk: its id, path, the attribute layers above it and its parent's exclusion decisions. */
    private record Pending(Oid tree, String prefix, List<AttributeLayers.Layer> layers,
                           ExclusionPolicy.Directory parent) {
    }

    /** A subtree being walked, not classified yet. */
    private static final int[] UNCLASSIFIED = new int[0];

    private final AttributeLayers layers;
    private final EntryClassifier classifier;
    private final FactsCache cache;
    private final SubtreeMemo memo;
    private final SubtreeStore store;
    long treesRead;
    long blobsCached;
    long subtreesFromStore;

    /**
     * @param store compositions saved by earlier runs, or null
     */
    TreeWalk(AttributeLayers layers, EntryClassifier classifier, FactsCache cache, SubtreeMemo memo,
             SubtreeStore store) {
        this.layers = layers;
        this.classifier = classifier;
        this.cache = cache;
        this.memo = memo;
        this.store = store;
    }

    /**
     * Walks the tree {@code root} into {@code batch}. With {@code skipComposed}, subtrees composed earlier in this
     * run, walked by {@code earlier} (a batch walked before, not composed yet) or saved by an earlier run are not
     * entered (the store is asked once per level, for the whole level).
     */
    void collect(ObjectSource src, Oid root, boolean skipComposed, Batch batch, Set<SubtreeKey> earlier) {
        List<Pending> level = List.of(new Pending(root, "", List.of(), null));
        while (!level.isEmpty()) {
            List<Pending> todo = new ArrayList<>(level.size());
            List<SubtreeKey> keys = new ArrayList<>(level.size());
            for (Pending p : level) {
                SubtreeKey key = AttributeLayers.key(p.tree(), p.prefix(), p.layers());
                if ((skipComposed && (memo.contains(key) || earlier.contains(key)))
                        || batch.classes.putIfAbsent(key, UNCLASSIFIED) != null) {
                    continue;
                }
                todo.add(p);
                keys.add(key);
            }
            if (skipComposed && store != null && !keys.isEmpty()) {
                Map<SubtreeKey, Composition> saved = saved(keys, batch);
                if (!saved.isEmpty()) {
                    List<Pending> rest = new ArrayList<>(todo.size());
                    List<SubtreeKey> restKeys = new ArrayList<>(todo.size());
                    for (int i = 0; i < todo.size(); i++) {
                        if (!saved.containsKey(keys.get(i))) {
                            rest.add(todo.get(i));
                            restKeys.add(keys.get(i));
                        }
                    }
                    todo = rest;
                    keys = restKeys;
                }
            }
            List<Pending> next = new ArrayList<>();
            for (int t = 0; t < todo.size(); t++) {
                Pending p = todo.get(t);
                List<TreeItem> items = tree(src, batch, p.tree());
                List<AttributeLayers.Layer> here = layers.below(src, items, p.prefix(), p.layers());
                ExclusionPolicy.Directory dir = classifier.directory(p.parent(), p.prefix());
                int[] classes = new int[items.size()];
                for (int i = 0; i < classes.length; i++) {
                    TreeItem item = items.get(i);
                    classes[i] = -1;
                    if (item.kind() == EntryKind.TREE) {
                        next.add(new Pending(item.id(), p.prefix() + item.name() + "/", here, dir));
                    } else if (item.kind().isRegularFile()) {
                        EntryClassifier.FileInfo info = classifier.classify(dir, p.prefix(), item, here);
                        int entry = cache.entry(item.id(), info.detection().key());
                        // a key met before in this run (needed by this batch or an earlier one, found missing, or
                        // known) is marked seen: it answers AGAIN, so each blob is counted and read once
                        switch (cache.markSeen(entry)) {
                            case FIRST_KNOWN -> blobsCached++;
                            case FIRST_UNKNOWN -> batch.needed.put(new FactsKey(item.id(), info.detection().key()),
                                    info.detection());
                            case AGAIN -> {
                            }
                        }
                        classes[i] = entry << 1 | (info.exclusion() == ExclusionReason.NONE ? 0 : 1);
                    }
                }
                batch.classes.put(keys.get(t), classes);
            }
            level = next;
        }
    }

    /** The subtrees among {@code keys} the store holds: their compositions go to the memo, they are not walked. */
    private Map<SubtreeKey, Composition> saved(List<SubtreeKey> keys, Batch batch) {
        Map<SubtreeKey, Composition> saved = store.find(keys);
        saved.forEach(memo::put);
        subtreesFromStore += saved.size();
        saved.keySet().forEach(batch.classes::remove);
        return saved;
    }

    /** The entries of tree {@code id}, read once per batch. */
    List<TreeItem> tree(ObjectSource src, Batch batch, Oid id) {
        byte[] raw = batch.trees.get(id);
        if (raw != null) {
            return src.items(raw);
        }
        treesRead++;
        raw = src.rawTree(id);
        batch.trees.put(id, raw);
        List<TreeItem> items = src.items(raw);
        batch.heldEntries += items.size();
        return items;
    }
}
