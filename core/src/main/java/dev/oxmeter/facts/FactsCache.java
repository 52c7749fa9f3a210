package dev.oxmeter.facts;

import dev.oxmeter.count.LineCounts;
import dev.oxmeter.model.Oid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Memo of blob facts for the current analysis versions, kept in primitive arrays (an open-addressing table) so that
 * a kernel history's million unique blobs cost 56 bytes per slot (93–187 per blob, the table at most 60 % full)
 * instead of a few hundred for objects and maps:
 * languages, detection classes and metric sets are interned (most blobs share an empty or small metric set). A
 * persistent store looks facts up on demand and saves what {@link #drainAdded()} returns.
 *
 * <p>Every method is synchronized: workers put facts while the composing thread reads them; each call is a few
 * array probes, so the lock is never held long. {@link #get} builds a new {@link BlobFacts} per call.
 */
public final class FactsCache {
    private static final byte HAS_FACTS = 1;
    private static final byte SEEN = 2;
    private static final BlobKind[] KINDS = BlobKind.values();

    /** What {@link #markSeen} found. */
    public enum Seen {
        /** First time the key is seen in this run, and its facts are known. */
        FIRST_KNOWN,
        /** First time the key is seen, and its facts are not known yet. */
        FIRST_UNKNOWN,
        /** The key was seen before in this run. */
        AGAIN
    }

    private long[] w1 = new long[0];
    private long[] w2 = new long[0];
    private int[] w3 = new int[0];
    /** Detection id + 1; 0 marks a free slot. */
    private int[] detection = new int[0];
    private byte[] flags = new byte[0];
    private short[] language = new short[0];
    private byte[] kind = new byte[0];
    private long[] bytes = new long[0];
    private int[] lines = new int[0];
    private int[] code = new int[0];
    private int[] comment = new int[0];
    private int[] blank = new int[0];
    private int[] metrics = new int[0];
    private int size;

    private final Map<String, Integer> detectionIds = new HashMap<>();
    private final List<String> detections = new ArrayList<>();
    private final Map<String, Integer> languageIds = new HashMap<>();
    private final List<String> languages = new ArrayList<>();
    private final Map<Map<String, Metrics>, Integer> metricIds = new HashMap<>();
    private final List<Map<String, Metrics>> metricSets = new ArrayList<>();
    private final Map<FactsKey, BlobFacts> added = new HashMap<>();

    public FactsCache() {
        resize(1 << 12);
    }

    /** The facts for {@code key}, or null when not known yet. */
    public synchronized BlobFacts get(FactsKey key) {
        int slot = find(key, false);
        if (slot < 0 || (flags[slot] & HAS_FACTS) == 0) {
            return null;
        }
        return new BlobFacts(languages.get(language[slot]), KINDS[kind[slot]], bytes[slot],
                new LineCounts(lines[slot], code[slot], comment[slot], blank[slot]),
                metricSets.get(metrics[slot]));
    }

    /**
     * Marks {@code key} as met by the current run and says whether it was met before and whether its facts are
     * known; used to count each unique blob once.
     */
    public synchronized Seen markSeen(FactsKey key) {
        int slot = find(key, true);
        if ((flags[slot] & SEEN) != 0) {
            return Seen.AGAIN;
        }
        flags[slot] |= SEEN;
        return (flags[slot] & HAS_FACTS) != 0 ? Seen.FIRST_KNOWN : Seen.FIRST_UNKNOWN;
    }

    /** Records facts loaded from a persistent store (not reported by {@link #drainAdded()}). */
    public synchronized void preload(FactsKey key, BlobFacts facts) {
        store(find(key, true), facts);
    }

    /** Records newly computed facts. */
    public synchronized void put(FactsKey key, BlobFacts facts) {
        store(find(key, true), facts);
        added.put(key, facts);
    }

    /** Returns and forgets the facts computed since the last call. */
    public synchronized Map<FactsKey, BlobFacts> drainAdded() {
        Map<FactsKey, BlobFacts> out = new HashMap<>(added);
        added.clear();
        return out;
    }

    /** How many keys the cache holds (with or without facts). */
    public synchronized int size() {
        return size;
    }

    private void store(int slot, BlobFacts f) {
        flags[slot] |= HAS_FACTS;
        language[slot] = (short) intern(languageIds, languages, f.language());
        kind[slot] = (byte) f.kind().ordinal();
        bytes[slot] = f.bytes();
        // a blob loaded whole is under 2 GiB, so its line counts fit an int
        lines[slot] = Math.toIntExact(f.counts().lines());
        code[slot] = Math.toIntExact(f.counts().code());
        comment[slot] = Math.toIntExact(f.counts().comment());
        blank[slot] = Math.toIntExact(f.counts().blank());
        Integer m = metricIds.get(f.metrics());
        if (m == null) {
            m = metricSets.size();
            metricSets.add(f.metrics());
            metricIds.put(f.metrics(), m);
        }
        metrics[slot] = m;
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

    /** The slot of {@code key}; with {@code create} an empty slot is claimed for a new key, else -1. */
    private int find(FactsKey key, boolean create) {
        Oid o = key.blob();
        Integer d = detectionIds.get(key.detection());
        if (d == null) {
            if (!create) {
                return -1;
            }
            d = intern(detectionIds, detections, key.detection());
        }
        int det = d + 1;
        int mask = detection.length - 1;
        int slot = (int) (o.w1() ^ (o.w1() >>> 29) ^ d * 0x9E3779B9L) & mask;
        while (detection[slot] != 0) {
            if (w1[slot] == o.w1() && w2[slot] == o.w2() && w3[slot] == o.w3() && detection[slot] == det) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        if (!create) {
            return -1;
        }
        if ((size + 1) * 10L > detection.length * 6L) {
            resize(detection.length * 2);
            return find(key, true);
        }
        w1[slot] = o.w1();
        w2[slot] = o.w2();
        w3[slot] = o.w3();
        detection[slot] = det;
        size++;
        return slot;
    }

    private void resize(int capacity) {
        long[] ow1 = w1;
        long[] ow2 = w2;
        int[] ow3 = w3;
        int[] odet = detection;
        byte[] oflags = flags;
        short[] olang = language;
        byte[] okind = kind;
        long[] obytes = bytes;
        int[] olines = lines;
        int[] ocode = code;
        int[] ocomment = comment;
        int[] oblank = blank;
        int[] ometrics = metrics;
        w1 = new long[capacity];
        w2 = new long[capacity];
        w3 = new int[capacity];
        detection = new int[capacity];
        flags = new byte[capacity];
        language = new short[capacity];
        kind = new byte[capacity];
        bytes = new long[capacity];
        lines = new int[capacity];
        code = new int[capacity];
        comment = new int[capacity];
        blank = new int[capacity];
        metrics = new int[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < odet.length; i++) {
            if (odet[i] == 0) {
                continue;
            }
            int d = odet[i] - 1;
            int slot = (int) (ow1[i] ^ (ow1[i] >>> 29) ^ d * 0x9E3779B9L) & mask;
            while (detection[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            w1[slot] = ow1[i];
            w2[slot] = ow2[i];
            w3[slot] = ow3[i];
            detection[slot] = odet[i];
            flags[slot] = oflags[i];
            language[slot] = olang[i];
            kind[slot] = okind[i];
            bytes[slot] = obytes[i];
            lines[slot] = olines[i];
            code[slot] = ocode[i];
            comment[slot] = ocomment[i];
            blank[slot] = oblank[i];
            metrics[slot] = ometrics[i];
        }
    }
}
