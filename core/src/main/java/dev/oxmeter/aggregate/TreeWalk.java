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
import java.util.HashSet;
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
        /** Trees read by this batch's walk, taken (removed) as they are composed. */
        final Map<Oid, List<TreeItem>> trees = new HashMap<>();
        /** Subtrees walked and not composed yet. */
        final Set<SubtreeKey> walked = new HashSet<>();
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
                if ((skipComposed && (memo.contains(key) || earlier.contains(key))) || !batch.walked.add(key)) {
                    continue;
                }
                todo.add(p);
                keys.add(key);
            }
            if (skipComposed && store != null && !keys.isEmpty()) {
                todo = withoutSaved(todo, keys, batch);
            }
            List<Pending> next = new ArrayList<>();
            for (Pending p : todo) {
                List<TreeItem> items = tree(src, batch, p.tree());
                List<AttributeLayers.Layer> here = layers.below(src, items, p.prefix(), p.layers());
                ExclusionPolicy.Directory dir = classifier.directory(p.parent(), p.prefix());
                for (TreeItem item : items) {
                    if (item.kind() == EntryKind.TREE) {
                        next.add(new Pending(item.id(), p.prefix() + item.name() + "/", here, dir));
                    } else if (item.kind().isRegularFile()) {
                        EntryClassifier.FileInfo info = classifier.classify(dir, p.prefix(), item, here);
                        FactsKey key = new FactsKey(item.id(), info.detection().key());
                        // a key met before in this run (needed by this batch or an earlier one, found missing, or
                        // known) is marked seen: it answers AGAIN, so each blob is counted and read once
                        switch (cache.markSeen(key)) {
                            case FIRST_KNOWN -> blobsCached++;
                            case FIRST_UNKNOWN -> batch.needed.put(key, info.detection());
                            case AGAIN -> {
                            }
                        }
                    }
                }
            }
            level = next;
        }
    }

    /** {@code todo} less the subtrees the store holds, whose compositions go to the memo. */
    private List<Pending> withoutSaved(List<Pending> todo, List<SubtreeKey> keys, Batch batch) {
        Map<SubtreeKey, Composition> saved = store.find(keys);
        if (saved.isEmpty()) {
            return todo;
        }
        saved.forEach(memo::put);
        subtreesFromStore += saved.size();
        List<Pending> rest = new ArrayList<>(todo.size());
        for (int i = 0; i < todo.size(); i++) {
            if (saved.containsKey(keys.get(i))) {
                batch.walked.remove(keys.get(i));
            } else {
                rest.add(todo.get(i));
            }
        }
        return rest;
    }

    /** The entries of tree {@code id}, read once per batch. */
    List<TreeItem> tree(ObjectSource src, Batch batch, Oid id) {
        return batch.trees.computeIfAbsent(id, t -> {
            treesRead++;
            List<TreeItem> items = src.tree(t);
            batch.heldEntries += items.size();
            return items;
        });
    }
}
