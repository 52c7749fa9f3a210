package dev.oxmeter.facts;

import dev.oxmeter.model.Metric;

import dev.oxmeter.language.Language;
import java.util.List;

/**
 * {@code rust_safety}: the counts of {@link RustSafetyScanner} for one Rust blob, under the metrics declared
 * here ({@link #METRICS}).
 *
 * <p>Stateless and thread-safe. Bump {@link #version()} whenever a rule of the scanner changes.
 */
public final class RustSafetyAnalysis implements BlobAnalysis {
    public static final String NAME = "rust_safety";

    public static final Metric UNSAFE_BLOCKS = metric("unsafe_blocks", "blocks", "`unsafe { … }` blocks");
    public static final Metric UNSAFE_BLOCKS_DOCUMENTED = metric("unsafe_blocks_documented", "blocks",
            "unsafe blocks with a `SAFETY:` comment");
    public static final Metric UNSAFE_FNS = metric("unsafe_fns", "functions",
            "`unsafe fn` items, with or without a body");
    public static final Metric UNSAFE_FNS_DOCUMENTED = metric("unsafe_fns_documented", "functions",
            "unsafe fns with a `# Safety` doc section (or in a trait impl)");
    public static final Metric UNSAFE_IMPLS = metric("unsafe_impls", "impls", "`unsafe impl` items");
    public static final Metric UNSAFE_IMPLS_DOCUMENTED = metric("unsafe_impls_documented", "impls",
            "unsafe impls with a `SAFETY:` comment");
    public static final Metric UNSAFE_TRAITS = metric("unsafe_traits", "traits", "`unsafe trait` items");
    public static final Metric UNSAFE_TRAITS_DOCUMENTED = metric("unsafe_traits_documented", "traits",
            "unsafe traits with a `# Safety` doc section");
    public static final Metric UNSAFE_EXTERN_BLOCKS = metric("unsafe_extern_blocks", "blocks",
            "extern blocks of a C ABI, with or without `unsafe` (the blocks of `rust_boundary.extern_c_blocks`)");
    public static final Metric INVARIANT_COMMENTS = metric("invariant_comments", "comments",
            "comments whose text starts with `INVARIANT:` (`// INVARIANT: …`)");

    /** The declared metrics, kinds of site each followed by its documented subset. */
    public static final List<Metric> METRICS = List.of(UNSAFE_BLOCKS, UNSAFE_BLOCKS_DOCUMENTED, UNSAFE_FNS,
            UNSAFE_FNS_DOCUMENTED, UNSAFE_IMPLS, UNSAFE_IMPLS_DOCUMENTED, UNSAFE_TRAITS, UNSAFE_TRAITS_DOCUMENTED,
            UNSAFE_EXTERN_BLOCKS, INVARIANT_COMMENTS);

    private static Metric metric(String name, String unit, String meaning) {
        return new Metric(NAME, name, unit, meaning);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public List<Metric> metrics() {
        return METRICS;
    }

    @Override
    public boolean appliesTo(Language language) {
        return language != null && "Rust".equals(language.name());
    }

    @Override
    public Metrics analyze(byte[] data, int off, int len) {
        return analyze(BlobText.of(data, off, len));
    }

    /** Scans the tokens {@code text} lexed for every Rust analysis of the blob. */
    @Override
    public Metrics analyze(BlobText text) {
        return Metrics.of(RustSafetyScanner.scan(text.rustTokens()).counts());
    }
}
