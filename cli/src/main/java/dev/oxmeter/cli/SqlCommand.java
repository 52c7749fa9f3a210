package dev.oxmeter.cli;

import dev.oxmeter.StoreFiles;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oxmeter sql}: ad hoc questions over the store. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run a SQL query (DuckDB dialect) over the store of a repository; tables and views "
                + "(history, rust_share, contributions, contributors ...) are in docs/store.md.",
                "The store is opened read-only and the query can read nothing else: no files, no extensions. "
                + "With --store FILE no repository is needed."})
final class SqlCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query, e.g. \"SELECT * FROM history\".")
    String query;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPO",
            description = "The repository whose store to query (default: the current directory's).")
    Path repoPath;

    @Option(names = "--store", paramLabel = "PATH", description = "Query this store file instead.")
    Path storePath;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table, json, csv or md (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the result to FILE (atomically) instead of standard output.")
    Path out;

    @Override
    public Integer call() {
        dev.oxmeter.render.Format f;
        try {
            f = dev.oxmeter.render.Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw new dev.oxmeter.OxmeterException("--format: " + e.getMessage());
        }
        Path file = StoreOptions.existing(repoPath, storePath);
        Table t = StoreFiles.query(file, query);
        java.util.Map<String, Object> opts = new java.util.LinkedHashMap<>();
        opts.put("query", query);
        dev.oxmeter.render.Header header = new dev.oxmeter.render.Header("sql", null, file.toAbsolutePath().toString(),
                java.util.Map.of("schema", StoreFiles.SCHEMA_VERSION), opts, List.of());
        Output.emit(spec.commandLine().getOut(), TableWriter.render(t, f, header), out);
        return 0;
    }
}
