package dev.oxmeter.facts;

import dev.oxmeter.count.LineCounts;
import dev.oxmeter.model.Oid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Memo of blob facts for the current analysis versions, kept in primitive arrays so that a kernel history's million
 * unique blobs cost about 60–90 bytes each instead of a few hundred for objects and maps: each key gets an
 * <em>entry</em>, a number stable for the cache's life, whose key and facts are four and three longs of two arrays;
 * an open-addressing table (at most 60 % full) maps keys to entries. Languages, detection classes and metric sets
 * are interned (most blobs share an empty or small metric set). A caller that keeps an entry (the tree walk, for
 * the files it classified) reads its facts again with {@link #read} without hashing. A persistent store looks facts
 * up on demand and saves what {@link #drainAdded()} returns.
 *
 * <p>Every method is synchronized: workers put facts while the composing thread reads them; each call is a few
 * array probes, so the lock is never held long. {@link #get} builds a new {@link BlobFacts} per call.
 */
public final class FactsCache {
    private static final long HAS_FACTS = 1L << 24;
    /** Put since the last {@link #drainAdded()}. */
    private static final long ADDED = 1L << 26;
    private static final BlobKind[] KINDS = BlobKind.values();
    /**
     * Longs per entry in {@link #keys}: w1; w2; w3, detection id and, in the top bit, whether the current run saw the
     * key (next to the key just compared, so that a key seen again costs no other memory access).
     */
    private static final int KEY = 3;
    private static final long SEEN = 1L << 63;
    /** Longs per entry in {@link #facts}: bytes; lines, code; comment, blank; language, kind, flags, metric set. */
    private static final int FACTS = 4;

    /** What {@link #markSeen} found. */
    public enum Seen {
        /** First time the key is seen in this run, and its facts are known. */
        FIRST_KNOWN,
        /** First time the key is seen, and its facts are not known yet. */
        FIRST_UNKNOWN,
        /** The key was seen before in this run. */
        AGAIN
    }

    /** Entry + 1 per slot; 0 marks a free slot. */
    private int[] table;
    private long[] keys = new long[0];
    private long[] facts = new long[0];
    private int size;

    private final Map<String, Integer> detectionIds = new HashMap<>();
    private final List<String> detections = new ArrayList<>();
    private final Map<String, Integer> languageIds = new HashMap<>();
    private final List<String> languages = new ArrayList<>();
    private final Map<Map<String, Metrics>, Integer> metricIds = new HashMap<>();
    private final List<Map<String, Metrics>> metricSets = new ArrayList<>();
    /** Entries put since the last {@link #drainAdded()}: numbers, not facts objects, which would outlive a young GC. */
    private int[] added = new int[1024];
    private int addedCount;

    public FactsCache() {
        table = new int[1 << 12];
        grow(1 << 11);
    }

    /** The facts for {@code key}, or null when not known yet. */
    public synchronized BlobFacts get(FactsKey key) {
        int e = find(key.blob(), key.detection(), false);
        if (e < 0 || (facts[e * FACTS + 3] & HAS_FACTS) == 0) {
            return null;
        }
        return facts(e);
    }

    private BlobFacts facts(int e) {
        int f = e * FACTS;
        long packed = facts[f + 3];
        return new BlobFacts(languages.get(language(packed)), KINDS[kind(packed)], facts[f],
                new LineCounts(facts[f + 1] >>> 32, (int) facts[f + 1], facts[f + 2] >>> 32, (int) facts[f + 2]),
                metricSets.get((int) (packed >>> 32)));
    }

    /**
     * The entry of ({@code blob}, {@code detection}), claimed when the key is new: a number below {@link #size()},
     * the same for the cache's life, for {@link #markSeen(int)} and {@link #read}.
     */
    public synchronized int entry(Oid blob, String detection) {
        return find(blob, detection, true);
    }

    /**
     * Marks {@code key} as met by the current run and says whether it was met before and whether its facts are
     * known; used to count each unique blob once.
     */
    public synchronized Seen markSeen(FactsKey key) {
        return markSeen(find(key.blob(), key.detection(), true));
    }

    /** {@link #markSeen(FactsKey)} of the key of {@code entry}. */
    public synchronized Seen markSeen(int entry) {
        int k = entry * KEY + 2;
        if ((keys[k] & SEEN) != 0) {
            return Seen.AGAIN;
        }
        keys[k] |= SEEN;
        return (facts[entry * FACTS + 3] & HAS_FACTS) != 0 ? Seen.FIRST_KNOWN : Seen.FIRST_UNKNOWN;
    }

    /**
     * Copies the facts of {@code entry} to {@code out} as {@code [language, kind ordinal, bytes, lines, code, comment,
     * blank, metric set]} (language and metric set as ids for {@link #language(int)} and {@link #metricSet(int)});
     * false, and {@code out} untouched, when they are not known. No allocation.
     */
    public synchronized boolean read(int entry, long[] out) {
        int f = entry * FACTS;
        long packed = facts[f + 3];
        if ((packed & HAS_FACTS) == 0) {
            return false;
        }
        out[0] = language(packed);
        out[1] = kind(packed);
        out[2] = facts[f];
        out[3] = facts[f + 1] >>> 32;
        out[4] = (int) facts[f + 1];
        out[5] = facts[f + 2] >>> 32;
        out[6] = (int) facts[f + 2];
        out[7] = packed >>> 32;
        return true;
    }

    /** The language of id {@code id} (from {@link #read}). */
    public synchronized String language(int id) {
        return languages.get(id);
    }

    /** The metrics of metric set {@code id} (from {@link #read}), by analysis. */
    public synchronized Map<String, Metrics> metricSet(int id) {
        return metricSets.get(id);
    }

    /** The key of {@code entry}. */
    public synchronized FactsKey key(int entry) {
        int k = entry * KEY;
        return new FactsKey(new Oid(keys[k], keys[k + 1], (int) keys[k + 2]), detections.get(detection(keys[k + 2])));
    }

    /** Records facts loaded from a persistent store (not reported by {@link #drainAdded()}). */
    public synchronized void preload(FactsKey key, BlobFacts facts) {
        store(find(key.blob(), key.detection(), true), facts);
    }

    /** Records newly computed facts. */
    public synchronized void put(FactsKey key, BlobFacts facts) {
        int e = find(key.blob(), key.detection(), true);
        store(e, facts);
        if ((this.facts[e * FACTS + 3] & ADDED) == 0) {
            this.facts[e * FACTS + 3] |= ADDED;
            if (addedCount == added.length) {
                added = Arrays.copyOf(added, addedCount * 2);
            }
            added[addedCount++] = e;
        }
    }

    /** Returns and forgets the facts computed since the last call. */
    public synchronized Map<FactsKey, BlobFacts> drainAdded() {
        Map<FactsKey, BlobFacts> out = new HashMap<>(addedCount * 2);
        for (int i = 0; i < addedCount; i++) {
            int e = added[i];
            facts[e * FACTS + 3] &= ~ADDED;
            out.put(key(e), facts(e));
        }
        addedCount = 0;
        if (added.length > 1 << 16) {
            added = new int[1024];
        }
        return out;
    }

    /** How many keys the cache holds (with or without facts). */
    public synchronized int size() {
        return size;
    }

    private static int detection(long last) {
        return (int) (last >>> 32) & Integer.MAX_VALUE;
    }

    private static int language(long packed) {
        return (int) packed & 0xFFFF;
    }

    private static int kind(long packed) {
        return (int) (packed >>> 16) & 0xFF;
    }

    private void store(int e, BlobFacts f) {
        int at = e * FACTS;
        facts[at] = f.bytes();
        // a blob loaded whole is under 2 GiB, so its line counts fit an int
        facts[at + 1] = (long) Math.toIntExact(f.counts().lines()) << 32
                | Integer.toUnsignedLong(Math.toIntExact(f.counts().code()));
        facts[at + 2] = (long) Math.toIntExact(f.counts().comment()) << 32
                | Integer.toUnsignedLong(Math.toIntExact(f.counts().blank()));
        Integer m = metricIds.get(f.metrics());
        if (m == null) {
            m = metricSets.size();
            metricSets.add(f.metrics());
            metricIds.put(f.metrics(), m);
        }
        int lang = intern(languageIds, languages, f.language());
        if (lang > 0xFFFF) {
            throw new IllegalStateException("more than 65,536 languages");
        }
        // bits: 0..15 language, 16..23 kind, 24 has facts, 26 added, 32..63 metric set
        facts[at + 3] = (facts[at + 3] & ADDED) | HAS_FACTS | lang | (long) f.kind().ordinal() << 16
                | (long) m << 32;
    }

    private static int intern(Map<String, Integer> ids, List<String> values, String s) {
        Integer id = ids.get(s);
        if (id == null) {
            id = values.size();
            values.add(s);
            ids.put(s, id);
        }
        return id;
    }

    private static int slot(long w1, int detection, int mask) {
        return (int) (w1 ^ (w1 >>> 29) ^ detection * 0x9E3779B9L) & mask;
    }

    /** The entry of the key; with {@code create} a new entry is claimed for a new key, else -1. */
    private int find(Oid o, String detection, boolean create) {
        Integer d = detectionIds.get(detection);
        if (d == null) {
            if (!create) {
                return -1;
            }
            d = intern(detectionIds, detections, detection);
        }
        long last = Integer.toUnsignedLong(o.w3()) | (long) d << 32;
        int mask = table.length - 1;
        int slot = slot(o.w1(), d, mask);
        for (int e1 = table[slot]; e1 != 0; e1 = table[slot]) {
            int k = (e1 - 1) * KEY;
            if (keys[k] == o.w1() && keys[k + 1] == o.w2() && (keys[k + 2] & ~SEEN) == last) {
                return e1 - 1;
            }
            slot = (slot + 1) & mask;
        }
        if (!create) {
            return -1;
        }
        if ((size + 1) * 10L > table.length * 6L) {
            rehash(table.length * 2);
            return find(o, detection, true);
        }
        int e = size++;
        if (e * KEY >= keys.length) {
            grow(Math.max(16, e + (e >> 1)));
        }
        keys[e * KEY] = o.w1();
        keys[e * KEY + 1] = o.w2();
        keys[e * KEY + 2] = last;
        table[slot] = e + 1;
        return e;
    }

    /** Room for {@code entries} entries; entries never move, so kept entry numbers stay valid. */
    private void grow(int entries) {
        keys = Arrays.copyOf(keys, entries * KEY);
        facts = Arrays.copyOf(facts, entries * FACTS);
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        int mask = capacity - 1;
        for (int e = 0; e < size; e++) {
            int slot = slot(keys[e * KEY], detection(keys[e * KEY + 2]), mask);
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = e + 1;
        }
    }
}
