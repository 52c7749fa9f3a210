package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.Oxmeter;
import dev.oxmeter.StoreFiles;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the persistent store lives (mixed in). */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "PATH",
            description = "The DuckDB store file (default: one per repository under $XDG_CACHE_HOME/oxmeter or "
                    + "~/.cache/oxmeter).")
    Path store;

    @Option(names = "--no-store", description = "Keep everything in memory: read and write no store.")
    boolean noStore;

    /** Checks the options; call before opening anything. */
    void check() {
        if (noStore && store != null) {
            throw new OxmeterException("--store and --no-store exclude each other");
        }
    }

    /** Sets the store on {@code b}: none with --no-store, the file given, else the repository's default. */
    void apply(Oxmeter.Builder b) {
        check();
        if (noStore) {
            b.store(null);
        } else if (store != null) {
            b.store(store);
        } else {
            b.defaultStore();
        }
    }

    /**
     * The store to read for {@code sql}/{@code export}: {@code file} when given, else the default store of the
     * repository at {@code repoPath} (or the current directory's); it must exist.
     */
    static Path existing(Path repoPath, Path file) {
        return StoreFiles.existing(repoPath, file);
    }
}
