package dev.oxmeter.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.source.BlobContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One facts computation lexes a Rust blob once and hands the same tokens to the safety and boundary analyses. */
class SharedRustTokensTest {
    private static final LanguageCatalog CATALOG = LanguageCatalog.standard();
    private static final String SOURCE = """
            use kernel::bindings;
            extern "C" { fn c_side(x: i32) -> i32; }
            /// # Safety
            /// `p` must be valid.
            pub unsafe fn read(p: *const u8) -> u8 {
                // SAFETY: the caller promises `p` is valid.
                unsafe { *p }
            }
            #[no_mangle]
            pub extern "C" fn rust_side() -> i32 { unsafe { bindings::answer() } }
            """;

    private static BlobContent content(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new BlobContent(b, b.length, b.length, false);
    }

    @Test
    void aRustBlobIsLexedOncePerComputation() {
        AtomicInteger lexed = new AtomicInteger();
        FactsComputer computer = new FactsComputer(CATALOG, BlobAnalyses.all(), (d, off, len) -> {
            lexed.incrementAndGet();
            return RustLexer.lex(d, off, len);
        });
        BlobFacts facts = computer.compute(CATALOG.detect("lib.rs"), content(SOURCE));

        assertThat(lexed).hasValue(1);
        assertThat(facts.metrics().keySet()).containsExactlyInAnyOrder(RustSafetyAnalysis.NAME,
                RustBoundaryAnalysis.NAME);
        // the shared tokens give what each scanner gives lexing on its own
        assertThat(facts.metrics(RustSafetyAnalysis.NAME).values())
                .isEqualTo(Metrics.of(RustSafetyScanner.scan(SOURCE).counts()).values());
        assertThat(facts.metrics(RustBoundaryAnalysis.NAME).values())
                .isEqualTo(Metrics.of(RustBoundaryScanner.scan(SOURCE).counts()).values());
        assertThat(facts.metric(RustSafetyAnalysis.UNSAFE_BLOCKS)).isEqualTo(2);
        assertThat(facts.metric(RustBoundaryAnalysis.EXTERN_C_FNS)).isEqualTo(1);

        computer.compute(CATALOG.detect("other.rs"), content(SOURCE));
        assertThat(lexed).as("a new computation lexes its own blob").hasValue(2);
    }

    @Test
    void blobsOfOtherLanguagesAreNotLexedAsRust() {
        AtomicInteger lexed = new AtomicInteger();
        FactsComputer computer = new FactsComputer(CATALOG, BlobAnalyses.all(), (d, off, len) -> {
            lexed.incrementAndGet();
            return RustLexer.lex(d, off, len);
        });
        computer.compute(CATALOG.detect("x.c"), content("int rust_helper_x(void) { return 0; }\n"));
        computer.compute(CATALOG.detect("x.py"), content("unsafe = 1\n"));
        assertThat(lexed).hasValue(0);
    }

    @Test
    void blobTextLexesOnFirstUseAndSharesTheTokens() {
        AtomicInteger lexed = new AtomicInteger();
        byte[] b = ("xx" + SOURCE).getBytes(StandardCharsets.UTF_8);
        BlobText text = new BlobText(b, 2, b.length - 2, (d, off, len) -> {
            lexed.incrementAndGet();
            return RustLexer.lex(d, off, len);
        });
        assertThat(lexed).hasValue(0);
        RustTokens first = text.rustTokens();
        assertThat(text.rustTokens()).isSameAs(first);
        assertThat(first.code()).isSameAs(first.code());
        assertThat(first.partners()).isSameAs(first.partners());
        assertThat(lexed).hasValue(1);
        assertThat(new RustSafetyAnalysis().analyze(text)).isEqualTo(new RustSafetyAnalysis().analyze(b, 2,
                b.length - 2));
        assertThat(lexed).hasValue(1);
    }
}
