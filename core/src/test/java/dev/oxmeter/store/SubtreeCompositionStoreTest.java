package dev.oxmeter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.aggregate.SubtreeKey;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Totals;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubtreeCompositionStoreTest {
    @TempDir
    Path tmp;

    @Test
    void savedCompositionsComeBackEqualUnderTheirOwnKeysAndOptionsOnly() {
        Composition c = new Composition.Builder().add("C", new Totals(2, 10, 7, 2, 1, 300))
                .add("(excluded)", new Totals(1, 5, 5, 0, 0, 80)).metric("c_helpers.helpers", 3).build();
        SubtreeKey k = new SubtreeKey(new Oid(1, 2, 3), "drivers/net/|0123456789abcdef;");
        SubtreeKey other = new SubtreeKey(new Oid(1, 2, 3), "drivers/");
        try (Store store = Store.open(tmp.resolve("s.duckdb"), m -> { })) {
            SubtreeCompositionStore s = new SubtreeCompositionStore(store, "opts", "v1");
            assertThat(s.find(List.of(k))).isEmpty();
            s.save(Map.of(k, c));
            SubtreeCompositionStore again = new SubtreeCompositionStore(store, "opts", "v1");
            assertThat(again.find(List.of(k, other))).containsExactly(Map.entry(k, c));
            assertThat(new SubtreeCompositionStore(store, "other-opts", "v1").find(List.of(k))).isEmpty();
            assertThat(new SubtreeCompositionStore(store, "opts", "v2").find(List.of(k))).isEmpty();
        }
        assertThat(SubtreeCompositionStore.decode(SubtreeCompositionStore.encode(Composition.EMPTY)))
                .isEqualTo(Composition.EMPTY);
    }
}
