package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.Oxmeter;
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

    /** Checks the options; call before opening anything. */
    void check() {
        checkGlobs();
    }

    /** Sets these options on {@code b}, every blob-reading setting left at its default. */
    void apply(Oxmeter.Builder b) {
        b.excludes(excludes).includeVendored(includeVendored);
    }

    void checkGlobs() {
        for (String g : excludes) {
            try {
                Oxmeter.checkGlob(g);
            } catch (IllegalArgumentException e) {
                throw new OxmeterException("--exclude: " + e.getMessage());
            }
        }
    }
}
