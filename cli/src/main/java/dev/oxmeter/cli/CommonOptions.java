package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.render.Format;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every analysing command shares (mixed in). */
final class CommonOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table, json, csv or md (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the result to FILE (atomically) instead of standard output.")
    Path out;

    @Option(names = "--csv-safe", description = "In CSV, prefix cells that a spreadsheet would run as a formula "
            + "(starting with =, +, -, @, tab or carriage return; numbers excepted) with a single quote.")
    boolean csvSafe;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print what was read and what came from caches (stderr).")
    boolean verbose;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The repository's name in titles and in the JSON header (default: the repository's name).")
    String name;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for reading blobs "
            + "(default: the number of cores).")
    Integer threads;

    /** The chosen format; {@code alsoAccepted} are names the command handles itself, named in the error too. */
    Format format(String... alsoAccepted) {
        try {
            return Format.parse(format, alsoAccepted);
        } catch (IllegalArgumentException e) {
            throw new OxmeterException(e.getMessage());
        }
    }

    int threads() {
        if (threads != null && threads < 1) {
            throw new OxmeterException("--threads must be at least 1");
        }
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
