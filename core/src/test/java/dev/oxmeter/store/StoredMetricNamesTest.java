package dev.oxmeter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.facts.BlobAnalyses;
import dev.oxmeter.facts.BlobAnalysis;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.facts.FactsKey;
import dev.oxmeter.model.Metric;
import dev.oxmeter.facts.RustBoundaryAnalysis;
import dev.oxmeter.facts.RustSafetyAnalysis;
import dev.oxmeter.language.Detection;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.model.Oid;
import dev.oxmeter.source.TestRepos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric names in the store are data: they are spelt here literally, as stores already hold them, so a
 * declaration renamed without an analysis version bump fails this test instead of silently orphaning rows.
 */
class StoredMetricNamesTest {
    @TempDir
    Path tmp;

    static final String RUST = "// INVARIANT: f is never called twice\nunsafe fn f() {}\nfn g() { unsafe { f() } }\n";

    /** The blob_metrics rows of RUST (analysis, metric, value), as written before metrics were declared. */
    static final List<String> ROWS = List.of("rust_boundary||0", "rust_safety|invariant_comments|1",
            "rust_safety|unsafe_blocks|1", "rust_safety|unsafe_fns|1");

    private final FactsComputer computer = new FactsComputer(LanguageCatalog.standard(), BlobAnalyses.all());
    private final byte[] data = RUST.getBytes(StandardCharsets.UTF_8);
    private final Detection detection = computer.catalog().detect("rust/kernel/sync.rs");
    private final FactsKey key = new FactsKey(Oid.fromHex(TestRepos.blobId(RUST)), detection.key());

    private BlobFacts computed() {
        return computer.compute(detection, new BlobContent(data, data.length, data.length, false));
    }

    @Test
    void savedFactsUseTheNamesStoresAlreadyHold() throws Exception {
        try (Store store = Store.open(tmp.resolve("s.duckdb"), m -> { })) {
            new FactsStore(store, computer).save(Map.of(key, computed()));
            List<String> rows = new ArrayList<>();
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT analysis, version, metric, value FROM blob_metrics "
                         + "ORDER BY analysis, metric")) {
                while (rs.next()) {
                    String analysis = rs.getString(1);
                    BlobAnalysis a = BlobAnalyses.all().stream().filter(x -> x.name().equals(analysis)).findFirst()
                            .orElseThrow();
                    assertThat(rs.getInt(2)).isEqualTo(a.version());
                    rows.add(rs.getString(1) + "|" + rs.getString(3) + "|" + rs.getLong(4));
                }
            }
            assertThat(rows).containsExactlyElementsOf(ROWS);
        }
    }

    @Test
    void rowsWrittenBeforeAreReadThroughTheDeclarations() throws Exception {
        BlobFacts fresh = computed();
        try (Store store = Store.open(tmp.resolve("s.duckdb"), m -> { })) {
            // the rows exactly as an earlier build wrote them, names spelt out
            try (PreparedStatement f = store.connection().prepareStatement(
                    "INSERT INTO blob_facts VALUES (?, ?, ?, ?, 'TEXT', ?, ?, ?, ?, ?)");
                 PreparedStatement m = store.connection().prepareStatement(
                         "INSERT INTO blob_metrics VALUES (?, ?, ?, ?, ?, ?)")) {
                f.setString(1, key.blob().hex());
                f.setString(2, key.detection());
                f.setString(3, computer.linesVersion());
                f.setString(4, fresh.language());
                f.setLong(5, fresh.bytes());
                f.setLong(6, fresh.counts().lines());
                f.setLong(7, fresh.counts().code());
                f.setLong(8, fresh.counts().comment());
                f.setLong(9, fresh.counts().blank());
                f.executeUpdate();
                for (String row : ROWS) {
                    String[] p = row.split("\\|", -1);
                    m.setString(1, key.blob().hex());
                    m.setString(2, key.detection());
                    m.setString(3, p[0]);
                    m.setInt(4, p[0].equals(RustSafetyAnalysis.NAME) ? new RustSafetyAnalysis().version()
                            : new RustBoundaryAnalysis().version());
                    m.setString(5, p[1]);
                    m.setLong(6, Long.parseLong(p[2]));
                    m.executeUpdate();
                }
            }
            BlobFacts served = new FactsStore(store, computer).find(List.of(key), Long.MAX_VALUE).get(key);
            assertThat(served).as("served from the store").isNotNull();
            for (Metric metric : BlobAnalyses.metrics()) {
                assertThat(served.metric(metric)).as(metric.key()).isEqualTo(fresh.metric(metric));
            }
            assertThat(served.metric(RustSafetyAnalysis.UNSAFE_BLOCKS)).isEqualTo(1);
        }
    }
}
