package dev.oxmeter.cli;

import dev.oxmeter.StoreFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oxmeter export}: the store's tables as Parquet files, for Spark, pandas, DuckDB elsewhere. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write every table and view of the store as DIR/NAME.parquet.")
final class ExportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REPO",
            description = "The repository whose store to export (default: the current directory's).")
    Path repoPath;

    @Option(names = "--parquet", paramLabel = "DIR", required = true, description = "Output directory.")
    Path dir;

    @Option(names = "--store", paramLabel = "PATH", description = "Export this store file instead.")
    Path storePath;

    @Override
    public Integer call() {
        Path file = StoreOptions.existing(repoPath, storePath);
        List<String> written = StoreFiles.exportParquet(file, dir);
        spec.commandLine().getOut().println("wrote " + written.size() + " Parquet files to " + dir + ": " + String.join(", ", written));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
