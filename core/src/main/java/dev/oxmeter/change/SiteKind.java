package dev.oxmeter.change;

import dev.oxmeter.facts.RustSafetyReport;

/** What a compared site is: one kind of {@code unsafe} Rust, or a C helper ({@code rust_helper_*}). */
public enum SiteKind {
    UNSAFE_BLOCK("unsafe block"),
    UNSAFE_FN("unsafe fn"),
    UNSAFE_IMPL("unsafe impl"),
    UNSAFE_TRAIT("unsafe trait"),
    UNSAFE_EXTERN_BLOCK("unsafe extern block"),
    C_HELPER("C helper");

    private final String label;

    SiteKind(String label) {
        this.label = label;
    }

    /** The human name, e.g. {@code unsafe block}. */
    public String label() {
        return label;
    }

    /** Whether this kind is documented by a {@code # Safety} doc section (else by a {@code SAFETY:} comment). */
    public boolean needsSafetySection() {
        return this == UNSAFE_FN || this == UNSAFE_TRAIT;
    }

    static SiteKind of(RustSafetyReport.Kind k) {
        return switch (k) {
            case BLOCK -> UNSAFE_BLOCK;
            case FN -> UNSAFE_FN;
            case IMPL -> UNSAFE_IMPL;
            case TRAIT -> UNSAFE_TRAIT;
            case EXTERN_BLOCK -> UNSAFE_EXTERN_BLOCK;
        };
    }
}
