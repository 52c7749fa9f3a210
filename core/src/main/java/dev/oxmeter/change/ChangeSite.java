package dev.oxmeter.change;

import java.util.Objects;

/**
 * One site of one revision: an {@code unsafe} Rust site or a C helper definition, where it is ({@code path},
 * 1-based {@code line}), whether it is documented (a SAFETY comment or # Safety section; for a helper: annotated
 * with {@code __rust_helper}), the items enclosing it (for a helper: its function name) and its fingerprint,
 * which does not depend on the path or line (see {@link dev.oxmeter.facts.RustSites}). Immutable.
 */
public record ChangeSite(String path, int line, SiteKind kind, boolean documented, String item, String fingerprint) {
    public ChangeSite {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }
}
