package dev.oxmeter.aggregate;

import dev.oxmeter.model.Rows;
import java.util.List;

/**
 * Options that change what a scan counts. Immutable; {@link #fingerprint()} identifies the options in persistent
 * results, so that results computed under other options are never reused.
 *
 * @param maxBlobBytes     blobs larger than this are not loaded whole (counted in {@link Rows#TOO_LARGE})
 * @param excludes         user path patterns ({@link PathGlob}) excluded from language totals
 * @param includeVendored  when true nothing is excluded: vendored and generated files count in their language
 * @param allowMissing     when true a blob absent from the repository is counted in {@link Rows#MISSING}
 *                         instead of failing the run
 */
public record ScanOptions(long maxBlobBytes, List<String> excludes, boolean includeVendored, boolean allowMissing) {
    public static final long DEFAULT_MAX_BLOB_BYTES = 16L * 1024 * 1024;
    public static final ScanOptions DEFAULTS = new ScanOptions(DEFAULT_MAX_BLOB_BYTES, List.of(), false, false);

    public ScanOptions(long maxBlobBytes, List<String> excludes, boolean includeVendored) {
        this(maxBlobBytes, excludes, includeVendored, false);
    }

    public ScanOptions {
        if (maxBlobBytes < 1) {
            throw new IllegalArgumentException("maximum blob size must be positive");
        }
        excludes = List.copyOf(excludes);
        excludes.forEach(PathGlob::compile);
    }

    /** A stable string identifying these options (rules version included). */
    public String fingerprint() {
        return "rules" + PathRules.VERSION + ";max=" + maxBlobBytes + ";vendored=" + includeVendored + ";x="
                + String.join("\u0001", excludes) + (allowMissing ? ";missing" : "");
    }
}
