package dev.oxmeter.facts;

import dev.oxmeter.language.Language;

/**
 * {@code rust_boundary}: the counts of {@link RustBoundaryScanner} for one Rust blob, under the keys
 * {@code bindings_refs, extern_c_blocks, extern_c_fns, no_mangle_items}. Stateless and thread-safe.
 */
public final class RustBoundaryAnalysis implements BlobAnalysis {
    public static final String NAME = "rust_boundary";

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
        return Metrics.of(RustBoundaryScanner.scan(text.rustTokens()).counts());
    }
}
