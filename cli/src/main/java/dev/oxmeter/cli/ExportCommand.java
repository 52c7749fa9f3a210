package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.IoReason;
import dev.oxmeter.WriteFailure;
import dev.oxmeter.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
        List<String> written = new ArrayList<>();
        try (Store store = Store.openReadOnly(file, true)) {
            Files.createDirectories(dir);
            List<String> names = new ArrayList<>();
            try (Statement st = store.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                         + "WHERE table_schema = 'main' ORDER BY table_name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                Path target = dir.resolve(name + ".parquet").toAbsolutePath();
                Path tmp = dir.resolve("." + name + ".parquet.tmp").toAbsolutePath();
                try (Statement st = store.connection().createStatement()) {
                    st.execute("COPY (SELECT * FROM \"" + name + "\") TO '" + tmp.toString().replace("'", "''")
                            + "' (FORMAT PARQUET)");
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(target.getFileName().toString());
            }
        } catch (SQLException e) {
            String env = IoReason.named(e.getMessage());
            if (env != null) {
                throw new WriteFailure("cannot write to " + dir + ": " + env, e);
            }
            throw new OxmeterException("export failed: " + Store.firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new WriteFailure("cannot write to " + dir + ": " + IoReason.of(e), e);
        }
        spec.commandLine().getOut().println("wrote " + written.size() + " Parquet files to " + dir + ": " + String.join(", ", written));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
