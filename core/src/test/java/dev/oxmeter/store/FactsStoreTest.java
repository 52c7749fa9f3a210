package dev.oxmeter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxmeter.facts.BlobAnalysis;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.facts.FactsKey;
import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Metric;
import dev.oxmeter.facts.Metrics;
import dev.oxmeter.language.Detection;
import dev.oxmeter.language.Language;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Oid;
import dev.oxmeter.source.BlobContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactsStoreTest {
    @TempDir
    Path tmp;

    /** Counts bytes 'x' in files of one language, as metric {@code metric}; its version is a parameter. */
    record CountX(String name, String language, int version, String metric) implements BlobAnalysis {
        CountX(String name, String language, int version) {
            this(name, language, version, "x");
        }

        Metric x() {
            return new Metric(name, metric, "bytes", "bytes `x`");
        }

        @Override
        public List<Metric> metrics() {
            return List.of(x());
        }

        @Override
        public boolean appliesTo(Language l) {
            return l.name().equals(language);
        }

        @Override
        public Metrics analyze(byte[] data, int off, int len) {
            long n = 0;
            for (int i = off; i < off + len; i++) {
                n += data[i] == 'x' ? 1 : 0;
            }
            return Metrics.of(Map.of(metric, n));
        }
    }

    private static final LanguageCatalog CATALOG = LanguageCatalog.standard();

    private static Map<FactsKey, BlobFacts> facts(FactsComputer computer) {
        Map<FactsKey, BlobFacts> out = new HashMap<>();
        for (String[] f : new String[][] {{"a.rs", "fn x() {}\n"}, {"b.c", "int x;\n"}, {"c.c", "int y;\n"}}) {
            byte[] data = f[1].getBytes(StandardCharsets.UTF_8);
            Detection d = CATALOG.detect(f[0]);
            Oid id = Oid.fromHex(dev.oxmeter.source.TestRepos.blobId(f[1]));
            out.put(new FactsKey(id, d.key()), computer.compute(d, new BlobContent(data, data.length, data.length,
                    false)));
        }
        return out;
    }

    @Test
    void aChangedAnalysisVersionInvalidatesOnlyTheBlobsItAppliesTo() {
        FactsComputer v1 = new FactsComputer(CATALOG, List.of(new CountX("rx", "Rust", 1), new CountX("cx", "C", 1)));
        Map<FactsKey, BlobFacts> computed = facts(v1);
        try (Store store = Store.open(tmp.resolve("s.duckdb"), m -> { })) {
            new FactsStore(store, v1).save(computed);
            Map<FactsKey, BlobFacts> again = new FactsStore(store, v1).find(computed.keySet(), Long.MAX_VALUE);
            assertThat(again).hasSize(3);
            computed.forEach((k, f) -> assertThat(again.get(k).counts()).isEqualTo(f.counts()));
            CountX rx = new CountX("rx", "Rust", 1);
            CountX cx = new CountX("cx", "C", 1);
            assertThat(again.values()).extracting(f -> f.metric(cx.x()) + f.metric(rx.x()))
                    .containsExactlyInAnyOrder(1L, 1L, 0L);

            // the Rust analysis changes: the Rust blob must be measured again, the C blobs are still served
            FactsComputer v2 = new FactsComputer(CATALOG,
                    List.of(new CountX("rx", "Rust", 2), new CountX("cx", "C", 1)));
            Map<FactsKey, BlobFacts> afterBump = new FactsStore(store, v2).find(computed.keySet(), Long.MAX_VALUE);
            assertThat(afterBump.values()).extracting(BlobFacts::language).containsOnly("C");
            assertThat(afterBump).hasSize(2);

            // a new analysis for C: now the C blobs are stale and the Rust one (v1 facts) too
            FactsComputer v3 = new FactsComputer(CATALOG, List.of(new CountX("rx", "Rust", 1),
                    new CountX("cx", "C", 1), new CountX("cy", "C", 1)));
            Map<FactsKey, BlobFacts> afterNew = new FactsStore(store, v3).find(computed.keySet(), Long.MAX_VALUE);
            assertThat(afterNew.values()).extracting(BlobFacts::language).containsOnly("Rust");
        }
    }

    @Test
    void aStoreHoldsFactsOnlyOfItsVersionAndServesWhatWasSavedEvenPartly() throws Exception {
        FactsComputer computer = new FactsComputer(CATALOG, List.of(new CountX("rx", "Rust", 1),
                new CountX("cx", "C", 1)));
        Map<FactsKey, BlobFacts> computed = facts(computer);
        try (Store store = Store.open(tmp.resolve("s.duckdb"), m -> { })) {
            // facts of another lines version only: cold for this one
            try (var st = store.connection().createStatement()) {
                for (FactsKey k : computed.keySet()) {
                    st.execute("INSERT INTO blob_facts VALUES ('" + k.blob().hex() + "', '" + k.detection()
                            + "', 'another', 'C', 'TEXT', 1, 1, 1, 0, 0)");
                }
            }
            FactsStore first = new FactsStore(store, computer);
            assertThat(first.holdsFacts()).isFalse();
            assertThat(first.find(computed.keySet(), Long.MAX_VALUE)).isEmpty();
            FactsKey rust = computed.keySet().stream().filter(k -> k.detection().equals("Rust")).findFirst()
                    .orElseThrow();
            first.save(Map.of(rust, computed.get(rust)));
            assertThat(first.holdsFacts()).isTrue();
            assertThat(numbers(first.find(computed.keySet(), Long.MAX_VALUE)))
                    .isEqualTo(numbers(Map.of(rust, computed.get(rust))));

            // the next run finds what the first saved, and only that (a partly warm store)
            FactsStore second = new FactsStore(store, computer);
            assertThat(numbers(second.find(computed.keySet(), Long.MAX_VALUE)))
                    .isEqualTo(numbers(Map.of(rust, computed.get(rust))));
            Map<FactsKey, BlobFacts> rest = new HashMap<>(computed);
            rest.remove(rust);
            second.save(rest);
            assertThat(numbers(second.find(computed.keySet(), Long.MAX_VALUE))).isEqualTo(numbers(computed));
            assertThat(numbers(new FactsStore(store, computer).find(computed.keySet(), Long.MAX_VALUE)))
                    .isEqualTo(numbers(computed));
        }
        try (Store store = Store.open(tmp.resolve("t.duckdb"), m -> { })) {
            assertThat(new FactsStore(store, computer).holdsFacts()).isFalse();
            new FactsStore(store, computer).save(computed);
            assertThat(numbers(new FactsStore(store, computer).find(computed.keySet(), Long.MAX_VALUE)))
                    .isEqualTo(numbers(computed));
        }
    }

    /** Every number of the facts, by key: a metric of 0 reads the same whether stored or not. */
    private static Map<FactsKey, String> numbers(Map<FactsKey, BlobFacts> facts) {
        Map<FactsKey, String> out = new HashMap<>();
        facts.forEach((k, f) -> out.put(k, f.language() + " " + f.kind() + " " + f.bytes() + " " + f.counts() + " "
                + f.metric(new CountX("rx", "Rust", 1).x()) + " " + f.metric(new CountX("cx", "C", 1).x())));
        return out;
    }

    @Test
    void aStoredMetricItsAnalysisDoesNotDeclareIsAnErrorNotZero() {
        FactsComputer written = new FactsComputer(CATALOG, List.of(new CountX("rx", "Rust", 1)));
        Map<FactsKey, BlobFacts> computed = facts(written);
        try (Store store = Store.open(tmp.resolve("s.duckdb"), m -> { })) {
            new FactsStore(store, written).save(computed);
            // same analysis, same version, but its metric is now called otherwise: the stored row cannot be read
            FactsComputer renamed = new FactsComputer(CATALOG, List.of(new CountX("rx", "Rust", 1, "y")));
            assertThatThrownBy(() -> new FactsStore(store, renamed).find(computed.keySet(), Long.MAX_VALUE))
                    .isInstanceOf(OxmeterException.class)
                    .hasMessageContaining("holds metric 'rx.x'")
                    .hasMessageContaining("it declares y");
        }
    }
}
