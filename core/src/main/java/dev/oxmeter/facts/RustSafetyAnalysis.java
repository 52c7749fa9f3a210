package dev.oxmeter.facts;

import dev.oxmeter.language.Language;

/**
 * {@code rust_safety}: the counts of {@link RustSafetyScanner} for one Rust blob, under the keys
 * {@code unsafe_blocks, unsafe_blocks_documented, unsafe_fns, unsafe_fns_documented, unsafe_impls,
 * unsafe_impls_documented, unsafe_traits, unsafe_traits_documented, unsafe_extern_blocks, invariant_comments}.
 *
 * <p>Stateless and thread-safe. Bump {@link #version()} whenever a rule of the scanner changes.
 */
public final class RustSafetyAnalysis implements BlobAnalysis {
    public static final String NAME = "rust_safety";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 2;
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
