package dev.oxmeter.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.count.LineCounts;
import dev.oxmeter.model.Oid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FactsCacheTest {
    private static BlobFacts facts(Random rnd) {
        int kind = rnd.nextInt(3);
        if (kind == 1) {
            return new BlobFacts("Other", BlobKind.BINARY, rnd.nextInt(1 << 20), LineCounts.ZERO, Map.of());
        }
        Map<String, Metrics> metrics = rnd.nextBoolean() ? Map.of()
                : Map.of("rust_safety", Metrics.of(Map.of("unsafe_blocks", (long) rnd.nextInt(3))));
        return new BlobFacts(rnd.nextBoolean() ? "C" : "Rust", BlobKind.TEXT, rnd.nextInt(1 << 20),
                LineCounts.of(rnd.nextInt(1000), rnd.nextInt(100), rnd.nextInt(100)), metrics);
    }

    @Test
    void keepsEveryFactExactlyThroughResizes() {
        Random rnd = new Random(3);
        FactsCache cache = new FactsCache();
        Map<FactsKey, BlobFacts> expected = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            // ids that differ only in their last word, and one blob under two detections
            Oid id = new Oid(rnd.nextInt(64), rnd.nextLong(), rnd.nextInt());
            FactsKey k = new FactsKey(id, i % 7 == 0 ? "?h" : "C");
            BlobFacts f = facts(rnd);
            expected.put(k, f);
            if (i % 2 == 0) {
                cache.put(k, f);
            } else {
                cache.preload(k, f);
            }
        }
        List<FactsKey> wrong = new ArrayList<>();
        expected.forEach((k, f) -> {
            if (!f.equals(cache.get(k))) {
                wrong.add(k);
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(cache.get(new FactsKey(new Oid(1, 2, 3), "C"))).isNull();
        assertThat(cache.drainAdded()).hasSize(25_000);
        assertThat(cache.drainAdded()).isEmpty();
    }

    @Test
    void entriesStayValidAsTheCacheGrowsAndReadAsGetDoes() {
        Random rnd = new Random(5);
        FactsCache cache = new FactsCache();
        List<FactsKey> keys = new ArrayList<>();
        List<Integer> entries = new ArrayList<>();
        Map<FactsKey, BlobFacts> expected = new HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            FactsKey k = new FactsKey(new Oid(rnd.nextInt(16), rnd.nextLong(), rnd.nextInt()), i % 5 == 0 ? "?h" : "C");
            keys.add(k);
            entries.add(cache.entry(k.blob(), k.detection()));
            if (i % 3 != 0) {
                BlobFacts f = facts(rnd);
                expected.put(k, f);
                cache.put(k, f);
            }
        }
        long[] out = new long[8];
        for (int i = 0; i < keys.size(); i++) {
            FactsKey k = keys.get(i);
            int e = entries.get(i);
            assertThat(cache.entry(k.blob(), k.detection())).isEqualTo(e);
            assertThat(cache.key(e)).isEqualTo(k);
            BlobFacts f = expected.get(k);
            assertThat(cache.read(e, out)).isEqualTo(f != null);
            if (f != null) {
                assertThat(cache.language((int) out[0])).isEqualTo(f.language());
                assertThat(BlobKind.values()[(int) out[1]]).isEqualTo(f.kind());
                assertThat(new long[] {out[2], out[3], out[4], out[5], out[6]}).containsExactly(f.bytes(),
                        f.counts().lines(), f.counts().code(), f.counts().comment(), f.counts().blank());
                assertThat(cache.metricSet((int) out[7])).isEqualTo(f.metrics());
            }
        }
        assertThat(cache.size()).isEqualTo(30_000);
    }

    @Test
    void markSeenTellsFirstSightingsApart() {
        FactsCache cache = new FactsCache();
        FactsKey known = new FactsKey(new Oid(1, 1, 1), "C");
        FactsKey unknown = new FactsKey(new Oid(2, 2, 2), "C");
        cache.preload(known, new BlobFacts("C", BlobKind.TEXT, 3, LineCounts.of(1, 0, 0), Map.of()));
        assertThat(cache.markSeen(known)).isEqualTo(FactsCache.Seen.FIRST_KNOWN);
        assertThat(cache.markSeen(known)).isEqualTo(FactsCache.Seen.AGAIN);
        assertThat(cache.markSeen(unknown)).isEqualTo(FactsCache.Seen.FIRST_UNKNOWN);
        assertThat(cache.get(unknown)).isNull();
        assertThat(cache.markSeen(unknown)).isEqualTo(FactsCache.Seen.AGAIN);
    }
}
