package dev.oxmeter.facts;

import dev.oxmeter.model.Metric;

import dev.oxmeter.language.Language;
import java.util.List;

/**
 * {@code rust_boundary}: the counts of {@link RustBoundaryScanner} for one Rust blob, under the metrics declared
 * here ({@link #METRICS}). Stateless and thread-safe.
 */
public final class RustBoundaryAnalysis implements BlobAnalysis {
    public static final String NAME = "rust_boundary";

    public static final Metric BINDINGS_REFS = metric("bindings_refs", "references",
            "`bindings` identifiers followed by `::` in code (`bindings::mutex_lock`)");
    public static final Metric EXTERN_C_BLOCKS = metric("extern_c_blocks", "blocks",
            "extern blocks of a C ABI (`extern \"C\" { … }`), with or without `unsafe`");
    public static final Metric EXTERN_C_FNS = metric("extern_c_fns", "functions",
            "`extern \"C\" fn name` items with any modifiers (not function pointer types)");
    public static final Metric NO_MANGLE_ITEMS = metric("no_mangle_items", "attributes",
            "`#[no_mangle]` and `#[unsafe(no_mangle)]` attributes");

    /** The declared metrics, in the order commands print them. */
    public static final List<Metric> METRICS = List.of(BINDINGS_REFS, EXTERN_C_BLOCKS, EXTERN_C_FNS,
            NO_MANGLE_ITEMS);

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
        return Metrics.of(RustBoundaryScanner.scan(text.rustTokens()).counts());
    }
}
