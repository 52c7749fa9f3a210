package dev.oxmeter.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The optional REPO parameter: a repository directory (bare or not); default the current directory's. */
final class RepoOption {
    @Parameters(index = "0", arity = "0..1", paramLabel = "REPO",
            description = "Git repository (bare or not, or any directory inside one); default: the current directory.")
    Path path;

    Path path() {
        return path != null ? path : Path.of("").toAbsolutePath();
    }
}
