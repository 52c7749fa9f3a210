package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.Oxmeter;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options that decide what is counted (mixed into every command that counts lines in blobs). */
final class ScanRuleOptions extends ExclusionOptions {
    @Option(names = "--allow-missing", description = "Count files whose blob is absent (partial or damaged "
            + "clones) in a (missing) row instead of stopping with an error.")
    boolean allowMissing;

    @Option(names = "--max-blob-size", paramLabel = "SIZE", defaultValue = "16M",
            description = "Files larger than SIZE (bytes, or with K/M/G) are not loaded: counted as (too large). "
                    + "Default ${DEFAULT-VALUE}.")
    String maxBlobSize;

    @Override
    void check() {
        checkGlobs();
        parseSize(maxBlobSize);
    }

    @Override
    void apply(Oxmeter.Builder b) {
        super.apply(b);
        b.maxBlobBytes(parseSize(maxBlobSize)).allowMissing(allowMissing);
    }

    static long parseSize(String s) {
        String v = s.trim().toUpperCase(Locale.ROOT);
        long mult = 1;
        if (v.endsWith("B")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.endsWith("K")) {
            mult = 1024;
        } else if (v.endsWith("M")) {
            mult = 1024 * 1024;
        } else if (v.endsWith("G")) {
            mult = 1024L * 1024 * 1024;
        }
        if (mult > 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new OxmeterException("--max-blob-size: not a positive size: '" + s + "'");
        }
    }
}
