package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.aggregate.ScanOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which files count (mixed into commands that read commits rather than whole blobs, such as {@code people});
 * {@link ScanRuleOptions} adds the options about reading blobs.
 */
class ExclusionOptions {
    @Option(names = "--exclude", paramLabel = "GLOB",
            description = "Leave paths matching GLOB out of language totals (gitignore-style; repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--include-vendored",
            description = "Count vendored and generated files in their languages instead of the (excluded) row.")
    boolean includeVendored;

    /** The options with every blob-reading setting at its default; checks the globs. */
    ScanOptions toOptions() {
        checkGlobs();
        return new ScanOptions(ScanOptions.DEFAULT_MAX_BLOB_BYTES, excludes, includeVendored, false);
    }

    void checkGlobs() {
        for (String g : excludes) {
            try {
                dev.oxmeter.aggregate.PathGlob.compile(g);
            } catch (IllegalArgumentException e) {
                throw new OxmeterException("--exclude: " + e.getMessage());
            }
        }
    }
}
