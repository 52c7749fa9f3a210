package dev.oxmeter.facts;

import dev.oxmeter.language.Language;

/**
 * {@code c_helpers}: the counts of {@link CHelperScanner} for one C or C header blob, under the keys
 * {@code helpers, helpers_annotated, helper_exports}. Runs on every C file of a kernel, so it returns at once
 * (all zeros) when the bytes do not contain {@code rust_helper_}. Stateless and thread-safe.
 */
public final class CHelperAnalysis implements BlobAnalysis {
    public static final String NAME = "c_helpers";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean appliesTo(Language language) {
        return language != null && ("C".equals(language.name()) || "C Header".equals(language.name()));
    }

    @Override
    public Metrics analyze(byte[] data, int off, int len) {
        return Metrics.of(CHelperScanner.scan(data, off, len).counts());
    }
}
