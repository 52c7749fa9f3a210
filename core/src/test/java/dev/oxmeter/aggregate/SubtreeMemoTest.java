package dev.oxmeter.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Totals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubtreeMemoTest {
    @Test
    void everyCompositionComesBackThroughGrowthAndChunks() {
        Random rnd = new Random(11);
        SubtreeMemo memo = new SubtreeMemo();
        Tally tally = new Tally();
        List<SubtreeKey> keys = new ArrayList<>();
        List<long[]> kept = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            // trees that differ only in their last words, one tree under several paths
            Oid tree = new Oid(rnd.nextInt(8), rnd.nextInt(4) == 0 ? 7 : rnd.nextLong(), rnd.nextInt());
            SubtreeKey key = new SubtreeKey(tree, "dir" + rnd.nextInt(500) + "/");
            if (memo.contains(key)) {
                continue;
            }
            // up to 40 rows: some encodings are large, so chunks fill unevenly
            int rows = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(40) : 1 + rnd.nextInt(3);
            for (int r = 0; r < rows; r++) {
                tally.row(memo.nameId("L" + rnd.nextInt(60)), 1 + rnd.nextInt(9), rnd.nextInt(1000), rnd.nextInt(900),
                        rnd.nextInt(50), rnd.nextInt(50), rnd.nextInt(1 << 20));
            }
            tally.metric(memo.nameId("m" + rnd.nextInt(5)), rnd.nextInt(3));
            long[] e = tally.take();
            memo.put(key, e);
            keys.add(key);
            kept.add(e);
        }
        for (int i = 0; i < keys.size(); i++) {
            assertThat(memo.addTo(keys.get(i), tally)).isTrue();
            assertThat(memo.decode(tally.take())).isEqualTo(memo.decode(kept.get(i)));
        }
        assertThat(memo.contains(new SubtreeKey(new Oid(1, 2, 3), "dir1/"))).isFalse();
        assertThat(memo.addTo(new SubtreeKey(keys.get(0).tree(), "elsewhere/"), tally)).isFalse();
        assertThat(memo.decode(tally.take())).isEqualTo(Composition.EMPTY);

        // a composition from the store keeps its rows and metrics
        SubtreeKey saved = new SubtreeKey(new Oid(9, 9, 9), "");
        Composition c = new Composition(Map.of("C", new Totals(2, 10, 8, 1, 1, 300), "(binary)",
                new Totals(1, 0, 0, 0, 0, 5)), Map.of("rust_safety.unsafe_blocks", 4L));
        memo.put(saved, c);
        assertThat(memo.addTo(saved, tally)).isTrue();
        assertThat(memo.decode(tally.take())).isEqualTo(c);
    }
}
