package dev.oxmeter.facts;

import dev.oxmeter.model.Metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxmeter.model.Composition;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.source.BlobContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The metrics each analysis declares: looked up by key or not at all, all produced on fixture blobs that carry
 * their expected values, and documented in docs/columns.md exactly as declared
 * ({@code -Doxmeter.updateDocs=true} rewrites that table).
 */
class MetricDeclarationsTest {
    static final Path COLUMNS = Path.of("../docs/columns.md");
    static final Path KERNEL_LENS = Path.of("../docs/kernel-lens.md");
    static final String BEGIN = "<!-- metrics: begin -->";
    static final String END = "<!-- metrics: end -->";

    /** A Rust file with at least one of everything rust_safety and rust_boundary count. */
    static final String RUST = """
            // INVARIANT: every count below is in EXPECTED.
            use kernel::bindings;

            /// # Safety
            /// The caller holds the lock.
            pub unsafe fn locked() {}

            pub unsafe fn bare() {}

            /// # Safety
            /// Implementors keep the promise.
            pub unsafe trait Promise {}

            pub unsafe trait Bare {}

            struct S;
            // SAFETY: S holds no data.
            unsafe impl Send for S {}
            unsafe impl Sync for S {}

            extern "C" {
                fn c_side();
            }

            #[no_mangle]
            pub extern "C" fn rust_side() {
                // SAFETY: c_side has no preconditions.
                unsafe { c_side() };
                unsafe { bindings::mutex_lock() };
            }
            """;

    /** A C file with an annotated helper, an unannotated one and an export. */
    static final String C = """
            #include <linux/mutex.h>

            __rust_helper void rust_helper_mutex_lock(struct mutex *lock)
            {
            \tmutex_lock(lock);
            }

            void rust_helper_mutex_unlock(struct mutex *lock)
            {
            \tmutex_unlock(lock);
            }
            EXPORT_SYMBOL_GPL(rust_helper_mutex_unlock);
            """;

    /** Every declared metric with its value on its fixture (RUST for Rust analyses, C for c_helpers). */
    static final Map<Metric, Long> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(RustSafetyAnalysis.UNSAFE_BLOCKS, 2L);
        EXPECTED.put(RustSafetyAnalysis.UNSAFE_BLOCKS_DOCUMENTED, 1L);
        EXPECTED.put(RustSafetyAnalysis.UNSAFE_FNS, 2L);
        EXPECTED.put(RustSafetyAnalysis.UNSAFE_FNS_DOCUMENTED, 1L);
        EXPECTED.put(RustSafetyAnalysis.UNSAFE_IMPLS, 2L);
        EXPECTED.put(RustSafetyAnalysis.UNSAFE_IMPLS_DOCUMENTED, 1L);
        EXPECTED.put(RustSafetyAnalysis.UNSAFE_TRAITS, 2L);
        EXPECTED.put(RustSafetyAnalysis.UNSAFE_TRAITS_DOCUMENTED, 1L);
        EXPECTED.put(RustSafetyAnalysis.UNSAFE_EXTERN_BLOCKS, 1L);
        EXPECTED.put(RustSafetyAnalysis.INVARIANT_COMMENTS, 1L);
        EXPECTED.put(RustBoundaryAnalysis.BINDINGS_REFS, 1L);
        EXPECTED.put(RustBoundaryAnalysis.EXTERN_C_BLOCKS, 1L);
        EXPECTED.put(RustBoundaryAnalysis.EXTERN_C_FNS, 1L);
        EXPECTED.put(RustBoundaryAnalysis.NO_MANGLE_ITEMS, 1L);
        EXPECTED.put(CHelperAnalysis.HELPERS, 2L);
        EXPECTED.put(CHelperAnalysis.HELPERS_ANNOTATED, 1L);
        EXPECTED.put(CHelperAnalysis.HELPER_EXPORTS, 1L);
    }

    @Test
    void everyDeclaredMetricIsProducedByItsAnalysisOnAFixtureBlob() {
        assertThat(EXPECTED.keySet()).as("the fixtures cover every declared metric")
                .containsExactlyElementsOf(BlobAnalyses.metrics());
        FactsComputer computer = new FactsComputer(LanguageCatalog.standard(), BlobAnalyses.all());
        BlobFacts rust = facts(computer, "rust/kernel/fixture.rs", RUST);
        BlobFacts c = facts(computer, "rust/helpers/fixture.c", C);
        for (BlobAnalysis a : BlobAnalyses.all()) {
            BlobFacts f = a.name().equals(CHelperAnalysis.NAME) ? c : rust;
            assertThat(f.metrics(a.name()).values().keySet()).as("%s reports exactly what it declares", a.name())
                    .containsExactlyInAnyOrderElementsOf(a.metrics().stream().map(Metric::name).toList());
            for (Metric m : a.metrics()) {
                assertThat(f.metric(m)).as(m.key()).isEqualTo(EXPECTED.get(m)).isPositive();
            }
        }
    }

    private static BlobFacts facts(FactsComputer computer, String path, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return computer.compute(computer.catalog().detect(path), new BlobContent(data, data.length, data.length,
                false));
    }

    @Test
    void anUnknownMetricIsAnErrorNeverZero() {
        assertThat(BlobAnalyses.metric("rust_safety.unsafe_blocks")).isSameAs(RustSafetyAnalysis.UNSAFE_BLOCKS);
        assertThatThrownBy(() -> BlobAnalyses.metric("rust_safety.unsafe_block"))
                .isInstanceOf(UnknownMetricException.class)
                .hasMessageContaining("unknown metric 'unsafe_block' of analysis rust_safety")
                .hasMessageContaining("unsafe_blocks, unsafe_blocks_documented");
        assertThatThrownBy(() -> BlobAnalyses.metric("rust_safty.unsafe_blocks"))
                .isInstanceOf(UnknownMetricException.class)
                .hasMessageContaining("unknown metric 'rust_safty.unsafe_blocks'")
                .hasMessageContaining("rust_safety, rust_boundary, c_helpers");
        assertThatThrownBy(() -> BlobAnalyses.metric("unsafe_blocks")).isInstanceOf(UnknownMetricException.class);
        assertThatThrownBy(() -> new CHelperAnalysis().metric("helper")).isInstanceOf(UnknownMetricException.class)
                .hasMessageContaining("helpers, helpers_annotated, helper_exports");

        // a composition reads a declared metric it has none of as 0; a key reaches it only through the declarations
        Composition c = new Composition.Builder().metric(CHelperAnalysis.HELPERS, 3).build();
        assertThat(c.metric(BlobAnalyses.metric("c_helpers.helpers"))).isEqualTo(3);
        assertThat(c.metric(CHelperAnalysis.HELPERS)).isEqualTo(3);
        assertThat(c.metric(BlobAnalyses.metric("rust_safety.unsafe_blocks"))).isZero();
        assertThatThrownBy(() -> c.metric(BlobAnalyses.metric("c_helpers.helpers_anotated")))
                .isInstanceOf(UnknownMetricException.class);
    }

    @Test
    void declarationsAreWellFormedAndUnique() {
        List<Metric> all = BlobAnalyses.metrics();
        assertThat(all).extracting(Metric::key).doesNotHaveDuplicates();
        for (BlobAnalysis a : BlobAnalyses.all()) {
            assertThat(a.metrics()).isNotEmpty().allSatisfy(m -> assertThat(m.analysis()).isEqualTo(a.name()));
        }
        assertThatThrownBy(() -> new Metric("rust_safety", "Unsafe-Blocks", "blocks", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Metric("rust_safety", "x", "blocks", "a | b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlobAnalyses.index(List.of(new RustSafetyAnalysis(),
                new Declaring("rust_safety", List.of(RustSafetyAnalysis.UNSAFE_FNS)))))
                .hasMessageContaining("rust_safety.unsafe_fns is declared twice");
        assertThatThrownBy(() -> BlobAnalyses.index(List.of(new Declaring("other", List.of(CHelperAnalysis.HELPERS)))))
                .hasMessageContaining("c_helpers.helpers is declared by other");
    }

    /** An analysis that only declares metrics. */
    record Declaring(String name, List<Metric> metrics) implements BlobAnalysis {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public boolean appliesTo(dev.oxmeter.language.Language language) {
            return false;
        }

        @Override
        public Metrics analyze(byte[] data, int off, int len) {
            return Metrics.EMPTY;
        }
    }

    /** The metrics table of docs/columns.md, as the declarations give it. */
    static String table() {
        StringBuilder sb = new StringBuilder("| metric | unit | meaning |\n|---|---|---|\n");
        for (Metric m : BlobAnalyses.metrics()) {
            sb.append("| `").append(m.key()).append("` | ").append(m.unit()).append(" | ").append(m.meaning())
                    .append(" |\n");
        }
        return sb.toString();
    }

    @Test
    void docsListTheDeclaredMetrics() throws Exception {
        String doc = Files.readString(COLUMNS, StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("docs/columns.md has %s", BEGIN).isPositive();
        assertThat(end).as("docs/columns.md has %s", END).isGreaterThan(begin);
        String generated = doc.substring(0, begin + BEGIN.length()) + "\n" + table() + doc.substring(end);
        if (Boolean.getBoolean("oxmeter.updateDocs")) {
            Files.writeString(COLUMNS, generated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(doc).as("docs/columns.md lists the declared metrics (-Doxmeter.updateDocs=true rewrites it)")
                .isEqualTo(generated);
    }

    /** The analyses table of docs/kernel-lens.md names each analysis's metrics in declaration order. */
    @Test
    void kernelLensNamesTheDeclaredMetrics() throws Exception {
        String doc = Files.readString(KERNEL_LENS, StandardCharsets.UTF_8);
        for (BlobAnalysis a : BlobAnalyses.all()) {
            Matcher row = Pattern.compile("(?m)^\\| `" + a.name() + "` *\\|[^|]*\\|([^|]*)\\|$").matcher(doc);
            assertThat(row.find()).as("docs/kernel-lens.md has a row for %s", a.name()).isTrue();
            List<String> names = Pattern.compile("`([a-z0-9_]+)`").matcher(row.group(1)).results()
                    .map(r -> r.group(1)).toList();
            assertThat(names).as("docs/kernel-lens.md metrics of %s", a.name())
                    .containsExactlyElementsOf(a.metrics().stream().map(Metric::name).toList());
        }
    }
}
