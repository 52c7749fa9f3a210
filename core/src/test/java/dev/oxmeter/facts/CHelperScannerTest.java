package dev.oxmeter.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxmeter.language.Category;
import dev.oxmeter.language.Language;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CHelperScannerTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CHelperScannerTest.class.getResourceAsStream("/kernel/c/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void everyShapeOfTheFixture() throws IOException {
        byte[] src = resource("helpers_shapes.c");
        CHelperReport r = CHelperScanner.scan(src, 0, src.length);
        assertThat(r.helpers()).containsExactly(
                new CHelper("rust_helper_get_file", 12, true),
                new CHelper("rust_helper_gpuvm_bo_get", 19, true),
                new CHelper("rust_helper_atomic_read", 26, true),
                new CHelper("rust_helper_mutex_lock", 32, false),
                new CHelper("rust_helper_krealloc_sized", 40, true),
                new CHelper("rust_helper_kvrealloc_sized", 48, false),
                new CHelper("rust_helper_refcount_dec_and_test", 55, true),
                new CHelper("rust_helper_calls", 69, false),
                new CHelper("rust_helper_spin_lock", 77, true),
                new CHelper("rust_helper_one_liner", 83, true),
                new CHelper("rust_helper_commented", 87, false));
        assertThat(r.exports()).isEqualTo(2);
        assertThat(r.counts()).containsEntry("helpers", 11L).containsEntry("helpers_annotated", 7L)
                .containsEntry("helper_exports", 2L);
    }

    @Test
    void expectationsInTheFixtureMatchItsMarkers() throws IOException {
        // the EXPECT markers in the fixture are the source of truth for the lines above
        String text = new String(resource("helpers_shapes.c"), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        CHelperReport r = CHelperScanner.scan(text);
        for (CHelper h : r.helpers()) {
            String line = lines[h.line() - 1];
            assertThat(line).contains(h.function())
                    .contains(h.annotated() ? "EXPECT annotated" : "EXPECT unannotated");
        }
        long markers = text.lines().filter(l -> l.contains("// EXPECT ")).count();
        assertThat(r.helpers()).hasSize((int) markers);
    }

    @Test
    void oldSingleFileLayout() throws IOException {
        byte[] src = resource("helpers_v61_style.c");
        CHelperReport r = CHelperScanner.scan(src, 0, src.length);
        assertThat(r.helpers()).extracting(CHelper::rustName).containsExactly("BUG", "refcount_inc",
                "refcount_dec_and_test");
        assertThat(r.annotated()).isZero();
        assertThat(r.exports()).isEqualTo(3);
    }

    @Test
    void fastPathWithoutThePrefix() {
        CHelperReport r = CHelperScanner.scan("int main(void) { return rust_helper; }");
        assertThat(r).isSameAs(CHelperReport.EMPTY);
        assertThat(CHelperScanner.scan("")).isSameAs(CHelperReport.EMPTY);
    }

    @Test
    void honoursOffsetAndLength() {
        byte[] src = "xx void rust_helper_a(void) { } yy void rust_helper_b(void) { }".getBytes(
                StandardCharsets.US_ASCII);
        int cut = "xx void rust_helper_a(void) { } ".length();
        assertThat(CHelperScanner.helpers(src, 0, cut)).extracting(CHelper::function)
                .containsExactly("rust_helper_a");
        assertThat(CHelperScanner.helpers(src, cut, src.length - cut)).extracting(CHelper::function)
                .containsExactly("rust_helper_b");
        assertThatThrownBy(() -> CHelperScanner.scan(src, 5, src.length))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void commentsStringsAndDirectivesHideHelpers() {
        assertThat(CHelperScanner.scan("""
                // void rust_helper_a(void) {}
                /* void rust_helper_b(void) {} */
                const char *s = "void rust_helper_c(void) {}";
                #define X void rust_helper_d(void) {}
                #define Y \\
                    void rust_helper_e(void) {}
                #if 0 /* a comment in a directive
                         spanning lines */
                #endif
                void rust_helper_f(void) {}
                """).helpers()).containsExactly(new CHelper("rust_helper_f", 10, false));
    }

    @Test
    void annotationOfThePreviousHelperDoesNotLeak() {
        List<CHelper> h = CHelperScanner.scan("""
                __rust_helper void rust_helper_a(void) { }
                void rust_helper_b(void) { }
                __rust_helper int rust_helper_proto(void);
                void rust_helper_c(void) { }
                """).helpers();
        assertThat(h).extracting(CHelper::annotated).containsExactly(true, false, false);
    }

    @Test
    void analysisKeysAndLanguages() {
        CHelperAnalysis a = new CHelperAnalysis();
        assertThat(a.name()).isEqualTo("c_helpers");
        assertThat(a.appliesTo(new Language("C", Category.PROGRAMMING, List.of()))).isTrue();
        assertThat(a.appliesTo(new Language("C Header", Category.PROGRAMMING, List.of()))).isTrue();
        assertThat(a.appliesTo(new Language("Rust", Category.PROGRAMMING, List.of("//")))).isFalse();
        byte[] none = "int x;".getBytes(StandardCharsets.US_ASCII);
        assertThat(a.analyze(none, 0, none.length).values()).containsOnlyKeys("helpers", "helpers_annotated",
                "helper_exports").allSatisfy((k, v) -> assertThat(v).isZero());
    }

    @Test
    void theFastPathFindsThePrefixWhereverAPlainSearchDoes() {
        String[] pieces = {"rust_helper_", "rust_helper", "ust_helper_", "rust_", "_helper_", "r", "_", "x", "\n",
                "rrust_helper_", "rust_rust_helper_", "int f(void);", "/* rust_help */"};
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(8);
            for (int k = 0; k < n; k++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            boolean expected = new String(b, from, to - from, StandardCharsets.US_ASCII).contains(CHelperScanner.PREFIX);
            assertThat(CHelperScanner.containsPrefix(b, from, to)).as("%s [%d, %d)", sb, from, to).isEqualTo(expected);
        }
    }
}
